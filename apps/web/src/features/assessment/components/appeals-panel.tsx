import type { AppealDto, AppealListResponse, AppealStatus } from '@grid/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../../../api/session-store';
import { useApiResource } from '../../../api/use-api-resource';
import { casePathOf } from '../../../app/navigation';
import { apiErrorText } from '../../../ui/api-error-text';
import form from '../../../ui/form.module.css';
import { useTimeWords } from '../../case-view/hooks/use-time-words';
import styles from './assessment-page.module.css';
import { DecisionRow } from './decision-row';
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
  const path = session ? casePathOf(session.user.role, appeal.caseId) : null;

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
        <DecisionRow
          url={`/api/assessment/appeals/${appeal.id}/decide`}
          decisions={[
            ['upheld', t('assessment.appeal.uphold'), 'appeal-uphold'],
            ['rejected', t('assessment.appeal.reject'), 'appeal-reject'],
          ]}
          onDecided={onDecided}
          noteTestId="appeal-note"
        />
      )}
    </li>
  );
}
