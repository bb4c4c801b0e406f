import type { MonthlyTask } from '@grid/contracts';
import { MONTHLY_TASK_OPENERS, type Role } from '@grid/contracts';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../api/session-store';
import { apiErrorText } from '../../../ui/api-error-text';
import { useMonthlyTasks, useTickMilestone } from '../hooks/use-monthly-tasks';
import styles from './hotspot-section.module.css';
import { AnalysisSection } from './analysis-section';

/** 每月一题 on the desk and the wall: each task's lead, milestones and before/after measure. */
export function MonthlyTasksPanel() {
  const { t } = useTranslation();
  const tasks = useMonthlyTasks();
  const role = useSession()?.user.role;
  const opens = role !== undefined && (MONTHLY_TASK_OPENERS as readonly Role[]).includes(role);
  if (tasks.error) return <p role="alert">{apiErrorText(tasks.error, t)}</p>;
  const items = tasks.data?.items ?? [];
  return (
    <AnalysisSection id="monthly-tasks-title" title={t('analysis.tasks.panelTitle')} testId="monthly-tasks">
      {tasks.data && items.length === 0 && <p className={styles.note}>{t(opens ? 'analysis.tasks.noneOpen' : 'analysis.tasks.none')}</p>}
      <ol className={styles.list}>
        {items.slice(0, 5).map((task) => (
          <TaskItem key={task.id} task={task} />
        ))}
      </ol>
    </AnalysisSection>
  );
}

function TaskItem({ task }: { task: MonthlyTask }) {
  const { t } = useTranslation();
  const tick = useTickMilestone();
  const { before, after, change, status } = task.measure;
  const measure =
    status === 'too_early'
      ? t('analysis.tasks.measureEarly', { before: before.perWeek, weeks: task.measure.baselineWeeks, cases: after.cases })
      : t('analysis.tasks.measure', { before: before.perWeek, after: after.perWeek, weeks: task.measure.baselineWeeks, change: change === null ? '–' : `${change > 0 ? '+' : ''}${Math.round(change * 100)}%` });
  return (
    <li className={styles.item} data-testid="monthly-task" data-task-id={task.id}>
      <div className={styles.itemHead}>
        <span className={styles.newBadge}>{task.month}</span>
        <strong>{task.title}</strong>
      </div>
      <div className={styles.itemStats}>
        {t('analysis.tasks.leadLine', { lead: task.lead.name, co: task.coUnits.map((u) => u.name).join(t('analysis.separator')) || '–', cases: task.cases.length })}
      </div>
      <div className={styles.itemStats} data-testid="monthly-task-measure" data-status={status}>
        {measure}
      </div>
      <ul className={styles.milestones}>
        {task.milestones.map((m, i) => (
          <li key={i}>
            <label>
              <input type="checkbox" checked={m.doneAt !== null} disabled={tick.isPending} onChange={(e) => tick.mutate({ id: task.id, index: i, done: e.target.checked })} /> {m.title}{' '}
              <span className={styles.due}>{m.due}</span>
            </label>
          </li>
        ))}
      </ul>
    </li>
  );
}
