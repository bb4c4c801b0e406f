import type { AppealDto, AppealListResponse, AppealStatus } from '@grid/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { apiRequest } from '../../../api/api-client';
import { useSession } from '../../../api/session-store';
import { useApiResource } from '../../../api/use-api-resource';
import { casePathOf } from '../../../app/navigation';
import { apiErrorText } from '../../../ui/api-error-text';
import form from '../../../ui/form.module.css';
import { useTimeWords } from '../../case-view/hooks/use-time-words';
import styles from './assessment-page.module.css';
import { SidePanel } from './side-panel';

/** Appeals (申诉): the caller's own, or all in scope; the assessor decides the pending ones with a note. */
export function AppealsPanel({ canDecide, refreshKey, onDecided }: { canDecide: boolean; refreshKey: number; onDecided: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<AppealStatus | 'all'>('pending');
  const appeals = useApiResource<AppealListResponse>(`/api/assessment/appeals?pageSize=50${status === 'all' ? '' : `&status=${status}`}&r=${refreshKey}`);
  return (
    <SidePanel
      id="appeals-title"
      testId="appeals"
      title={t('assessment.appeal.title')}
      controls={
        <select className={form.select} value={status} onChange={(e) => setStatus(e.target.value as AppealStatus | 'all')} aria-label={t('assessment.appeal.status')}>
          {(['pending', 'upheld', 'rejected', 'all'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`assessment.appealStatus.${s}`)}
            </option>
          ))}
        </select>
      }
    >
      {appeals.state === 'failed' && <p className={styles.error}>{apiErrorText(appeals.error, t)}</p>}
      {appeals.state === 'ready' && appeals.data.items.length === 0 && <p className={styles.muted}>{t('assessment.appeal.none')}</p>}
      {appeals.state === 'ready' && (
        <ul className={styles.caseList}>
          {appeals.data.items.map((a) => (
            <AppealItem
              key={a.id}
              appeal={a}
              canDecide={canDecide}
              onDecided={() => {
                appeals.reload();
                onDecided();
              }}
            />
          ))}
        </ul>
      )}
    </SidePanel>
  );
}

function AppealItem({ appeal, canDecide, onDecided }: { appeal: AppealDto; canDecide: boolean; onDecided: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const words = useTimeWords();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const path = session ? casePathOf(session.user.role, appeal.caseId) : null;

  const decide = async (decision: 'upheld' | 'rejected') => {
    try {
      await apiRequest(`/api/assessment/appeals/${appeal.id}/decide`, { method: 'POST', body: { decision, note } });
      onDecided();
    } catch (e) {
      setError(apiErrorText(e, t));
    }
  };

  return (
    <li className={styles.appeal} data-status={appeal.status} data-testid="appeal">
      <div className={styles.appealHead}>
        <span className={styles.appealStatus} data-status={appeal.status}>
          {t(`assessment.appealStatus.${appeal.status}`)}
        </span>
        <span>{t(`assessment.appealKind.${appeal.kind}`)}</span>
        {path ? <Link to={path}>{appeal.caseCode}</Link> : <span>{appeal.caseCode}</span>}
        <span className={styles.muted}>{words.at(appeal.createdAt)}</span>
      </div>
      <p className={styles.appealText}>{appeal.reason}</p>
      {appeal.evidence && <p className={styles.muted}>{appeal.evidence}</p>}
      {appeal.decisionNote && (
        <p className={styles.appealText}>
          {t('assessment.appeal.decision')}: {appeal.decisionNote}
        </p>
      )}
      {canDecide && appeal.status === 'pending' && (
        <div className={styles.decide}>
          <input className={form.input} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('assessment.appeal.note')} data-testid="appeal-note" />
          <button type="button" className={`${form.button} ${form.primary}`} disabled={!note.trim()} onClick={() => void decide('upheld')} data-testid="appeal-uphold">
            {t('assessment.appeal.uphold')}
          </button>
          <button type="button" className={form.button} disabled={!note.trim()} onClick={() => void decide('rejected')} data-testid="appeal-reject">
            {t('assessment.appeal.reject')}
          </button>
          {error && <p className={form.fieldError}>{error}</p>}
        </div>
      )}
    </li>
  );
}
