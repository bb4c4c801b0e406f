import type { CaseDetail, CaseSummary, SessionUser } from '@grid/contracts';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useSession } from '../../../api/session-store';
import { useCaseList } from '../../../cases/use-cases';
import type { CaseOutboxItem, OutboxItem } from '../../../outbox/outbox-store';
import { useOutbox, useOutboxSent } from '../../../outbox/outbox';
import { type PickedPhoto, pickedPhotos } from '../../case-view/components/photo-picker';
import { useGeolocation } from '../hooks/use-geolocation';
import { usePositionReporting } from '../hooks/use-position-reporting';
import { type TaskTab, taskFilters } from '../hooks/task-filters';
import { orderTasks } from '../hooks/order-tasks';
import { useTaskAlerts } from '../hooks/use-task-alerts';
import { CheckInBar } from './check-in-bar';
import { OutboxPanel } from './outbox-panel';
import { ReportSheet } from './report-sheet';
import { TaskCard } from './task-card';
import { TaskDetail } from './task-detail';
import styles from './tasks-page.module.css';

const TOAST_MS = 5000;

/** The grid worker's phone: my tasks, live, with sound; report in a few taps; works offline. */
export function TasksPage() {
  const session = useSession();
  return session ? <SignedInTasks user={session.user} /> : null;
}

function SignedInTasks({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const { caseId = null } = useParams();
  const geo = useGeolocation(true);
  usePositionReporting(geo.position);
  const alerts = useTaskAlerts(user.id);
  const outbox = useOutbox();
  const [reporting, setReporting] = useState<PickedPhoto[] | null>(null);
  // An object, so that the same text shown twice (two reports in a row) restarts its timer.
  const [toast, setToast] = useState<{ text: string } | null>(null);

  const onSent = useCallback(
    (item: CaseOutboxItem, detail: CaseDetail) => {
      setToast({ text: item.kind === 'report' ? t('tasks.reported', { code: detail.code }) : t('tasks.actionSent', { action: t(`action.${item.request.action}`), code: detail.code }) });
    },
    [t],
  );
  useOutboxSent(onSent);
  // Each message stays its full time from when it is shown: a slow upload's "sent" is not cut short by the
  // timer of the "sending…" before it.
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  if (caseId) {
    return (
      <main className={styles.page}>
        <OutboxPanel items={outbox} />
        <TaskDetail caseId={caseId} position={geo.position} outbox={outbox} onOpen={alerts.seen} />
      </main>
    );
  }

  return (
    <main className={styles.page}>
      <OutboxPanel items={outbox} />
      <CheckInBar position={geo.position} />
      <div className={styles.reportBar}>
        <label className={styles.reportButton}>
          <span className={styles.reportIcon} aria-hidden="true">
            ◉
          </span>
          {t('tasks.report')}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            data-testid="report-camera"
            onChange={(event) => void pickedPhotos(event).then((photos) => setReporting(photos))}
          />
        </label>
        <button type="button" className={styles.reportPlain} onClick={() => setReporting([])} data-testid="report-without-photo">
          {t('tasks.reportWithoutPhoto')}
        </button>
      </div>
      <TaskLists user={user} fresh={alerts.fresh} outbox={outbox} />
      {reporting && (
        <ReportSheet
          user={user}
          initialPhotos={reporting}
          geo={geo}
          onClose={() => setReporting(null)}
          onQueued={(online) => {
            setReporting(null);
            setToast({ text: online ? t('tasks.sending') : t('tasks.savedOffline') });
          }}
        />
      )}
      {toast && (
        <p className={styles.toast} role="status" data-testid="toast">
          {toast.text}
        </p>
      )}
    </main>
  );
}

function TaskLists({ user, fresh, outbox }: { user: SessionUser; fresh: ReadonlySet<string>; outbox: readonly OutboxItem[] }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<TaskTab>('mine');
  const filters = taskFilters(user);
  // All three load (and stay live) at once: the tab counts show what waits in each.
  const lists: Record<TaskTab, ReturnType<typeof useCaseList>> = {
    mine: useCaseList(filters.mine, { persist: true }),
    grid: useCaseList(filters.grid, { persist: true }),
    verify: useCaseList(filters.verify, { persist: true }),
  };
  const current = lists[tab];
  const loaded: readonly CaseSummary[] = current.data?.items ?? [];
  const items = tab === 'mine' ? orderTasks(loaded, fresh) : loaded;
  const unreachable = current.error !== null || current.paused;

  return (
    <>
      <div className={styles.tabs} role="tablist" aria-label={t('tasks.lists')}>
        {(['mine', 'grid', 'verify'] as const).map((key) => {
          const freshCount = (lists[key].data?.items ?? []).filter((c) => fresh.has(c.id)).length;
          return (
            <button key={key} type="button" role="tab" aria-selected={tab === key} className={styles.tab} onClick={() => setTab(key)} data-testid={`tab-${key}`}>
              {t(`tasks.tabs.${key}`)}
              <span className={styles.tabCount}>{lists[key].data?.total ?? '–'}</span>
              {freshCount > 0 && <span className={styles.tabFresh} aria-label={t('tasks.newCount', { count: freshCount })} />}
            </button>
          );
        })}
      </div>
      <section role="tabpanel" className={styles.list} data-testid={`list-${tab}`}>
        {unreachable && !current.data && <p className={styles.empty}>{t('tasks.loadFailed')}</p>}
        {unreachable && current.data && <p className={styles.stale}>{t('tasks.showingSaved')}</p>}
        {!current.data && !unreachable && <p className={styles.empty}>{t('common.loading')}</p>}
        {current.data && items.length === 0 && <p className={styles.empty}>{t(`tasks.empty.${tab}`)}</p>}
        {items.length > 1 && (
          <p className={styles.sortNote} data-testid="sort-note">
            {t(`tasks.sortedBy.${tab}`)}
          </p>
        )}
        {items.map((c) => (
          <TaskCard key={c.id} summary={c} isNew={fresh.has(c.id)} mine={c.assigneeId === user.id} outbox={outbox} />
        ))}
      </section>
    </>
  );
}
