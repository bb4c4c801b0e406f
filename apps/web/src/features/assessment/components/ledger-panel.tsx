import { type AppealKind, type AssessmentLedger, type LedgerEntry, POINT_RULES } from '@grid/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { apiRequest } from '../../../api/api-client';
import { useSession } from '../../../api/session-store';
import { useApiResource } from '../../../api/use-api-resource';
import { casePathOf } from '../../../app/navigation';
import { apiErrorText } from '../../../ui/api-error-text';
import form from '../../../ui/form.module.css';
import { SubmitButtons } from '../../../ui/submit-buttons';
import { AdjustmentsSection } from './adjustments-section';
import { SidePanel } from './side-panel';
import { useTimeWords } from '../../case-view/hooks/use-time-words';
import type { Period } from '../hooks/assessment-period';
import { useFormSubmit } from '../hooks/use-form-submit';
import styles from './assessment-page.module.css';

/**
 * A person's point ledger (积分台账): every gain and loss by case and rule, with the total, coefficient and
 * score. The person may appeal (申诉) an overdue, a rework or a missed report against them.
 */
export function LedgerPanel({ userId, period, onClose, onAppealed }: { userId: string; period: Period; onClose: () => void; onAppealed: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const words = useTimeWords();
  const ledger = useApiResource<AssessmentLedger>(`/api/assessment/ledger?userId=${userId}&from=${period.from}&to=${period.to}`);
  const [appealing, setAppealing] = useState<LedgerEntry | null>(null);
  const own = session?.user.id === userId;

  return (
    <SidePanel id="ledger-title" testId="ledger" onClose={onClose} title={`${t('assessment.ledger.title')}${ledger.state === 'ready' ? ` · ${ledger.data.displayName}` : ''}`}>
      {ledger.state === 'loading' && <p className={styles.muted}>{t('common.loading')}</p>}
      {ledger.state === 'failed' && <p className={styles.error}>{apiErrorText(ledger.error, t)}</p>}
      {ledger.state === 'ready' && (
        <>
          <p className={styles.ledgerSum} data-testid="ledger-score">
            {t('assessment.ledger.sum', { points: ledger.data.points, coefficient: ledger.data.coefficient.toFixed(2), score: ledger.data.score.toFixed(1) })}
          </p>
          <ul className={styles.byRule}>
            {POINT_RULES.filter((r) => ledger.data.byRule[r] !== 0).map((r) => (
              <li key={r} data-sign={ledger.data.byRule[r] > 0 ? 'plus' : 'minus'}>
                {t(`assessment.rule.${r}`)} <strong>{ledger.data.byRule[r] > 0 ? `+${ledger.data.byRule[r]}` : ledger.data.byRule[r]}</strong>
              </li>
            ))}
          </ul>
          <ol className={styles.caseList}>
            {ledger.data.entries.map((e, i) => {
              const path = session ? casePathOf(session.user.role, e.caseId) : null;
              return (
                <li key={`${e.caseId}-${e.rule}-${i}`} className={styles.caseItem} data-testid="ledger-entry">
                  <span className={styles.points} data-sign={e.points >= 0 ? 'plus' : 'minus'}>
                    {e.points > 0 ? `+${e.points}` : e.points}
                  </span>
                  <span>{t(`assessment.rule.${e.rule}`)}</span>
                  {path ? (
                    <Link to={path} className={styles.caseCode}>
                      {e.caseCode}
                    </Link>
                  ) : (
                    <span className={styles.caseCode}>{e.caseCode}</span>
                  )}
                  <span className={styles.muted}>{words.at(e.at)}</span>
                  {own && e.appealable && (
                    <button type="button" className={form.button} onClick={() => setAppealing(e)} data-testid="appeal-open">
                      {t('assessment.appeal.file')}
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
          <AdjustmentsSection
            userId={userId}
            adjustments={ledger.data.adjustments}
            adjustmentPoints={ledger.data.adjustmentPoints}
            period={period}
            viewer={{ id: session?.user.id ?? '', assessor: session?.user.role === 'assessor' || session?.user.role === 'admin' }}
            onChanged={() => {
              ledger.reload();
              onAppealed();
            }}
          />
        </>
      )}
      {appealing?.appealable && (
        <AppealForm
          entry={appealing}
          kind={appealing.appealable}
          onClose={() => setAppealing(null)}
          onFiled={() => {
            setAppealing(null);
            ledger.reload();
            onAppealed();
          }}
        />
      )}
    </SidePanel>
  );
}

/** 申诉: why the attribution is wrong, with evidence; the assessor decides. */
function AppealForm({ entry, kind, onClose, onFiled }: { entry: LedgerEntry; kind: AppealKind; onClose: () => void; onFiled: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  const { submit, error, fields, sending } = useFormSubmit(() => apiRequest('/api/assessment/appeals', { method: 'POST', body: { caseId: entry.caseId, kind, reason, evidence } }), onFiled);

  return (
    <form className={styles.appealForm} onSubmit={submit} data-testid="appeal-form">
      <p>
        {t('assessment.appeal.against', { kind: t(`assessment.appealKind.${kind}`), code: entry.caseCode })}
      </p>
      <label className={form.field}>
        <span className={form.label}>{t('assessment.appeal.reason')}</span>
        <textarea className={form.textarea} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={Boolean(fields['reason'])} data-testid="appeal-reason" />
        {fields['reason'] && <p className={form.fieldError}>{fields['reason']}</p>}
      </label>
      <label className={form.field}>
        <span className={form.label}>
          {t('assessment.appeal.evidence')} {t('common.optional')}
        </span>
        <textarea className={form.textarea} value={evidence} onChange={(e) => setEvidence(e.target.value)} />
      </label>
      {error && <p className={form.fieldError}>{error}</p>}
      <SubmitButtons label={t('assessment.appeal.submit')} onCancel={onClose} disabled={sending} testId="appeal-submit" />
    </form>
  );
}
