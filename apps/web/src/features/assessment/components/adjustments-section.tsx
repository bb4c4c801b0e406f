import { ADJUSTMENT_CATEGORIES, type AdjustmentCategory, type AdjustmentDto } from '@grid/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api/api-client';
import form from '../../../ui/form.module.css';
import { SubmitButtons } from '../../../ui/submit-buttons';
import type { Period } from '../hooks/assessment-period';
import { useFormSubmit } from '../hooks/use-form-submit';
import { DecisionRow } from './decision-row';
import styles from './assessment-page.module.css';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/**
 * Reward and penalty points (奖惩) in a person's ledger: each with its category, reason, evidence and state. An
 * assessor enters new ones and decides those another assessor entered; the person appeals approved ones.
 */
export function AdjustmentsSection({
  userId,
  adjustments,
  adjustmentPoints,
  period,
  viewer,
  onChanged,
}: {
  userId: string;
  adjustments: readonly AdjustmentDto[];
  adjustmentPoints: number;
  period: Period;
  viewer: { id: string; assessor: boolean };
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [entering, setEntering] = useState(false);
  const [appealing, setAppealing] = useState<string | null>(null);
  return (
    <section className={styles.adjustments} data-testid="adjustments" aria-label={t('rewardPenalty.title')}>
      <h3 className={styles.subTitle}>
        {t('rewardPenalty.title')} <strong data-testid="adjustment-points">{signed(adjustmentPoints)}</strong>
      </h3>
      {adjustments.length === 0 && <p className={styles.muted}>{t('rewardPenalty.none')}</p>}
      <ul className={styles.caseList}>
        {adjustments.map((a) => {
          const appealState = a.appeal?.status ?? null;
          const mayAppeal = a.userId === viewer.id && a.status === 'approved' && appealState !== 'pending' && appealState !== 'upheld';
          return (
            <li key={a.id} className={styles.appeal} data-status={a.counts ? 'counts' : a.status} data-testid="adjustment">
              <div className={styles.appealHead}>
                <span className={styles.points} data-sign={a.points >= 0 ? 'plus' : 'minus'}>
                  {signed(a.points)}
                </span>
                <span>{t(`rewardPenalty.category.${a.category}`)}</span>
                <span className={styles.muted}>{a.date}</span>
                <span className={styles.appealStatus} data-status={a.status}>
                  {t(`rewardPenalty.status.${a.status}`)}
                  {appealState && ` · ${t('rewardPenalty.appealState', { state: t(`assessment.appealStatus.${appealState}`) })}`}
                </span>
              </div>
              <p className={styles.appealText}>{a.reason}</p>
              {a.evidence && <p className={styles.muted}>{t('rewardPenalty.evidenceIs', { evidence: a.evidence })}</p>}
              {a.decisionNote && <p className={styles.muted}>{t('assessment.appeal.decision')}: {a.decisionNote}</p>}
              {a.appeal && <p className={styles.appealText}>{t('rewardPenalty.appealIs', { reason: a.appeal.reason })}</p>}
              {viewer.assessor && a.status === 'pending' && a.enteredBy !== viewer.id && (
                <DecisionRow
                  url={`/api/assessment/adjustments/${a.id}/decide`}
                  decisions={[
                    ['approved', t('rewardPenalty.approve'), 'adjustment-approve'],
                    ['rejected', t('rewardPenalty.reject'), 'adjustment-reject'],
                  ]}
                  onDecided={onChanged}
                  noteTestId="adjustment-note"
                />
              )}
              {viewer.assessor && a.status === 'pending' && a.enteredBy === viewer.id && <p className={styles.muted}>{t('rewardPenalty.awaitsSecond')}</p>}
              {viewer.assessor && appealState === 'pending' && (
                <DecisionRow
                  url={`/api/assessment/adjustments/${a.id}/appeal/decide`}
                  decisions={[
                    ['upheld', t('assessment.appeal.uphold'), 'adjustment-appeal-uphold'],
                    ['rejected', t('assessment.appeal.reject'), 'adjustment-appeal-reject'],
                  ]}
                  onDecided={onChanged}
                  noteTestId="adjustment-appeal-note"
                />
              )}
              {mayAppeal && appealing !== a.id && (
                <button type="button" className={form.button} onClick={() => setAppealing(a.id)} data-testid="adjustment-appeal-open">
                  {t('assessment.appeal.file')}
                </button>
              )}
              {appealing === a.id && (
                <ReasonForm
                  url={`/api/assessment/adjustments/${a.id}/appeal`}
                  label={t('assessment.appeal.reason')}
                  submitLabel={t('assessment.appeal.submit')}
                  testId="adjustment-appeal"
                  onClose={() => setAppealing(null)}
                  onDone={() => {
                    setAppealing(null);
                    onChanged();
                  }}
                />
              )}
            </li>
          );
        })}
      </ul>
      {viewer.assessor && !entering && (
        <button type="button" className={form.button} onClick={() => setEntering(true)} data-testid="adjustment-enter">
          {t('rewardPenalty.enter')}
        </button>
      )}
      {entering && (
        <AdjustmentForm
          userId={userId}
          period={period}
          onClose={() => setEntering(false)}
          onEntered={() => {
            setEntering(false);
            onChanged();
          }}
        />
      )}
    </section>
  );
}

/** Sends `{ reason }` (an appeal). */
function ReasonForm({ url, label, submitLabel, testId, onClose, onDone }: { url: string; label: string; submitLabel: string; testId: string; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const { submit, error } = useFormSubmit(() => apiRequest(url, { method: 'POST', body: { reason } }), onDone);
  return (
    <form className={styles.appealForm} onSubmit={submit} data-testid={`${testId}-form`}>
      <label className={form.field}>
        <span className={form.label}>{label}</span>
        <textarea className={form.textarea} value={reason} onChange={(e) => setReason(e.target.value)} data-testid={`${testId}-reason`} />
      </label>
      {error && <p className={form.fieldError}>{error}</p>}
      <SubmitButtons label={submitLabel} onCancel={onClose} disabled={!reason.trim()} testId={`${testId}-submit`} />
    </form>
  );
}

/** 录入奖惩: dated points with category, reason and evidence; another assessor approves them. */
function AdjustmentForm({ userId, period, onClose, onEntered }: { userId: string; period: Period; onClose: () => void; onEntered: () => void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(period.to);
  const [points, setPoints] = useState('');
  const [category, setCategory] = useState<AdjustmentCategory>('commendation');
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  const { submit, error, fields, sending } = useFormSubmit(
    () => apiRequest('/api/assessment/adjustments', { method: 'POST', body: { userId, date, points: Number(points), category, reason, evidence } }),
    onEntered,
  );
  const fieldError = (name: string) => fields[name] && <p className={form.fieldError}>{fields[name]}</p>;

  return (
    <form className={styles.appealForm} onSubmit={submit} data-testid="adjustment-form">
      <div className={form.row}>
        <label className={form.field}>
          <span className={form.label}>{t('rewardPenalty.date')}</span>
          <input className={form.input} type="date" value={date} onChange={(e) => setDate(e.target.value)} aria-invalid={Boolean(fields['date'])} data-testid="adjustment-date" />
          {fieldError('date')}
        </label>
        <label className={form.field}>
          <span className={form.label}>{t('rewardPenalty.points')}</span>
          <input className={form.input} type="number" step="0.5" value={points} onChange={(e) => setPoints(e.target.value)} aria-invalid={Boolean(fields['points'])} data-testid="adjustment-points-input" />
          {fieldError('points')}
        </label>
        <label className={form.field}>
          <span className={form.label}>{t('rewardPenalty.categoryLabel')}</span>
          <select className={form.select} value={category} onChange={(e) => setCategory(e.target.value as AdjustmentCategory)} data-testid="adjustment-category">
            {ADJUSTMENT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`rewardPenalty.category.${c}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className={form.field}>
        <span className={form.label}>{t('rewardPenalty.reason')}</span>
        <textarea className={form.textarea} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={Boolean(fields['reason'])} data-testid="adjustment-reason" />
        {fieldError('reason')}
      </label>
      <label className={form.field}>
        <span className={form.label}>{t('rewardPenalty.evidence')}</span>
        <input className={form.input} value={evidence} onChange={(e) => setEvidence(e.target.value)} aria-invalid={Boolean(fields['evidence'])} data-testid="adjustment-evidence" />
        {fieldError('evidence')}
      </label>
      {error && <p className={form.fieldError}>{error}</p>}
      <SubmitButtons label={t('rewardPenalty.submit')} onCancel={onClose} disabled={sending} testId="adjustment-submit" />
    </form>
  );
}
