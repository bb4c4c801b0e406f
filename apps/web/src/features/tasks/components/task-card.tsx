import type { CaseSummary } from '@grid/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAreas, useCategories } from '../../../cases/use-reference-data';
import { enqueueAction } from '../../../outbox/outbox';
import { type OutboxItem, pendingActionsOf } from '../../../outbox/outbox-store';
import { DueTime, NewBadge, PriorityBadge, SlaBadge, StatusBadge } from '../../case-view/components/case-badges';
import form from '../../../ui/form.module.css';
import styles from './tasks-page.module.css';

/** One case on the phone; a case dispatched to me is accepted (签收) right here, with one tap. */
export function TaskCard({ summary, isNew, mine, outbox }: { summary: CaseSummary; isNew: boolean; mine: boolean; outbox: readonly OutboxItem[] }) {
  const { t } = useTranslation();
  const categories = useCategories();
  const areas = useAreas();
  const pending = pendingActionsOf(outbox, summary.id);
  const canAccept = mine && summary.status === 'dispatched';

  return (
    <article className={styles.card} data-sla={summary.slaState} data-new={isNew} data-testid="task-card" data-case-code={summary.code}>
      <Link to={`/tasks/${summary.id}`} className={styles.cardLink}>
        <div className={styles.cardTop}>
          <span className={styles.cardCode}>{summary.code}</span>
          {isNew && <NewBadge label={t('tasks.new')} />}
          <PriorityBadge priority={summary.priority} />
          <span className={styles.cardStatus}>
            <StatusBadge status={summary.status} />
          </span>
        </div>
        <h3 className={styles.cardTitle}>{categories.name(summary.categoryCode)}</h3>
        {summary.description && <p className={styles.cardText}>{summary.description}</p>}
        <p className={styles.cardMeta}>
          <span>{summary.address || areas.name(summary.gridId)}</span>
          {summary.slaState !== 'on_time' && <SlaBadge state={summary.slaState} suspended={summary.suspended} />}
          <DueTime summary={summary} />
        </p>
      </Link>
      {pending.length > 0 && <p className={styles.cardPending}>{t('tasks.pendingActions', { actions: pending.map((a) => t(`action.${a}`)).join('、') })}</p>}
      {canAccept && !pending.includes('accept') && (
        <button
          type="button"
          className={`${form.button} ${form.primary} ${form.big} ${styles.accept}`}
          onClick={() => void enqueueAction(summary.id, summary.code, { action: 'accept', body: {}, photos: [] })}
          data-testid="accept"
        >
          {t('action.accept')}
        </button>
      )}
    </article>
  );
}
