import type { CaseStatus, CaseSummary, Priority, SlaState } from '@grid/contracts';
import { useTranslation } from 'react-i18next';
import { useNow } from '../hooks/use-now';
import { useTimeWords } from '../hooks/use-time-words';
import styles from './case-badges.module.css';

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`${styles.badge} ${styles.status}`} data-status={status} data-testid="case-status">
      {t(`status.${status}`)}
    </span>
  );
}

/** Green, yellow (黄灯) or red (红灯); a suspended case (挂账) says so instead, as its clock stands still. */
export function SlaBadge({ state, suspended = false }: { state: SlaState; suspended?: boolean }) {
  const { t } = useTranslation();
  if (suspended) return <span className={`${styles.badge} ${styles.suspended}`}>{t('eventKind.suspended')}</span>;
  return (
    <span className={`${styles.badge} ${styles.sla}`} data-sla={state}>
      {t(`sla.${state}`)}
    </span>
  );
}

/** Shown for urgent and emergency cases only: normal is the default and needs no mark. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  if (priority === 'normal') return null;
  return (
    <span className={`${styles.badge} ${styles.priority}`} data-priority={priority}>
      {t(`priority.${priority}`)}
    </span>
  );
}

export function NewBadge({ label }: { label: string }) {
  return (
    <span className={`${styles.badge} ${styles.new}`} data-testid="new-badge">
      {label}
    </span>
  );
}

/** The due time that matters now: accepting while dispatched, handling after; nothing once handled. */
export function dueOf(c: Pick<CaseSummary, 'status' | 'acceptDueAt' | 'handleDueAt'>): string | null {
  if (c.status === 'dispatched') return c.acceptDueAt ?? c.handleDueAt;
  if (c.status === 'registered' || c.status === 'accepted' || c.status === 'in_progress') return c.handleDueAt;
  return null;
}

/**
 * The current step's due time. A case stays red (红灯) once any step ran late, for the assessment's sake: when the
 * step now running is still in time, the red says where it comes from instead of "剩 4 天" alone.
 */
export function DueTime({ summary }: { summary: Pick<CaseSummary, 'status' | 'acceptDueAt' | 'handleDueAt' | 'slaState' | 'suspended'> }) {
  const { t } = useTranslation();
  const now = useNow();
  const words = useTimeWords();
  const due = dueOf(summary);
  if (!due || summary.suspended) return <span className={styles.due}>–</span>;
  const earlierLate = summary.slaState === 'overdue' && Date.parse(due) >= now;
  return (
    <span className={styles.due} data-sla={earlierLate ? 'on_time' : summary.slaState} title={words.at(due)}>
      {words.due(due, now)}
      {earlierLate && (
        <span className={styles.earlier} data-testid="earlier-late">
          {t('sla.earlierLate')}
        </span>
      )}
    </span>
  );
}
