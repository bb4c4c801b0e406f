import type { Hotspot } from '@grid/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCategories, useDepartments } from '../../../cases/use-reference-data';
import { apiErrorText } from '../../../ui/api-error-text';
import form from '../../../ui/form.module.css';
import { periodEndingToday } from '../hooks/use-hotspots';
import { useOpenMonthlyTask } from '../hooks/use-monthly-tasks';
import styles from './hotspot-section.module.css';

/** A local date `days` from today (Beijing time). */
const dueIn = (days: number) => periodEndingToday(1, Date.now() + days * 86_400_000).to;

/**
 * 每月一题 from a hotspot: the problem (worded from the hotspot's figures), the lead department, and three
 * milestones (find the causes, concentrated action, check it holds) due in one, three and four weeks, all editable.
 */
export function MonthlyTaskForm({ hotspot, days, categoryCode, onDone }: { hotspot: Hotspot; days: number; categoryCode: string | null; onDone: (created: boolean) => void }) {
  const { t } = useTranslation();
  const categories = useCategories();
  const departments = useDepartments();
  const open = useOpenMonthlyTask();
  const category = categoryCode ?? hotspot.topCategories[0]?.code ?? null;
  const place = [hotspot.villageName, hotspot.name].filter(Boolean).join(' · ');
  const [title, setTitle] = useState(t('analysis.tasks.defaultTitle', { category: category ? categories.name(category) : t('analysis.tasks.allCategories'), place }));
  const [problem, setProblem] = useState(t('analysis.tasks.defaultProblem', { days, cases: hotspot.cases, grids: hotspot.gridIds.length, place }));
  const [lead, setLead] = useState('');
  const [milestones, setMilestones] = useState(() => [
    { title: t('analysis.tasks.milestone1'), due: dueIn(7) },
    { title: t('analysis.tasks.milestone2'), due: dueIn(21) },
    { title: t('analysis.tasks.milestone3'), due: dueIn(28) },
  ]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!lead) return;
    open.mutate(
      {
        title,
        problem,
        gridIds: hotspot.gridIds,
        categoryCode: category ?? undefined,
        source: { kind: 'hotspot', ...periodEndingToday(days) },
        lead: { kind: 'department', departmentId: lead },
        milestones,
      },
      { onSuccess: () => onDone(true) },
    );
  };
  return (
    <form className={styles.taskForm} onSubmit={submit} data-testid="monthly-task-form">
      <label className={form.field}>
        <span className={form.label}>{t('analysis.tasks.title')}</span>
        <input className={form.input} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={120} />
      </label>
      <label className={form.field}>
        <span className={form.label}>{t('analysis.tasks.problem')}</span>
        <textarea className={form.textarea} value={problem} onChange={(e) => setProblem(e.target.value)} required maxLength={2000} />
      </label>
      <label className={form.field}>
        <span className={form.label}>{t('analysis.tasks.lead')}</span>
        <select className={form.select} value={lead} onChange={(e) => setLead(e.target.value)} required data-testid="monthly-task-lead">
          <option value="">{t('analysis.tasks.chooseLead')}</option>
          {departments.list.map((d) => (
            <option key={d.id} value={d.id}>
              {departments.name(d.id)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className={form.fieldset}>
        <legend className={form.label}>{t('analysis.tasks.milestones')}</legend>
        {milestones.map((m, i) => (
          <div key={i} className={styles.milestoneRow}>
            <input className={form.input} value={m.title} aria-label={t('analysis.tasks.milestoneTitle', { n: i + 1 })} onChange={(e) => setMilestones(milestones.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)))} required />
            <input className={form.input} type="date" value={m.due} aria-label={t('analysis.tasks.milestoneDue', { n: i + 1 })} onChange={(e) => setMilestones(milestones.map((x, j) => (j === i ? { ...x, due: e.target.value } : x)))} required />
          </div>
        ))}
      </fieldset>
      {open.error && (
        <p className={form.alert} role="alert">
          {apiErrorText(open.error, t)}
        </p>
      )}
      <div className={form.row}>
        <button type="submit" className={`${form.button} ${form.primary}`} disabled={open.isPending} data-testid="monthly-task-submit">
          {t('analysis.tasks.open')}
        </button>
        <button type="button" className={form.button} onClick={() => onDone(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
