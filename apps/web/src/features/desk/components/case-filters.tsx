import { CASE_SORTS, CASE_STATUSES, type CaseStatus, PRIORITIES, SLA_STATES } from '@grid/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLevelLabel } from '../../../api/public-config';
import { type CaseFilter, TERMINAL_STATUSES } from '../../../cases/case-filter';
import { useAreas } from '../../../cases/use-reference-data';
import { CategoryFilter } from '../../case-view/components/category-filter';
import form from '../../../ui/form.module.css';
import styles from './case-filters.module.css';

type Update = (patch: Partial<Record<keyof CaseFilter, string | null>>) => void;

function toggled<T extends string>(values: readonly T[] | undefined, value: T): string | null {
  const set = new Set(values ?? []);
  if (set.has(value)) set.delete(value);
  else set.add(value);
  return set.size ? [...set].join(',') : null;
}

/** Search, area, category, sort, and chips for SLA state, priority and status. */
export function CaseFilters({ filter, update, areaChoice = true }: { filter: CaseFilter; update: Update; areaChoice?: boolean }) {
  const { t } = useTranslation();
  const areas = useAreas();
  const levelLabel = useLevelLabel();
  const [q, setQ] = useState(filter.q ?? '');
  const openOnly = filter.open === true;
  const statuses = CASE_STATUSES.filter((s: CaseStatus) => !openOnly || !TERMINAL_STATUSES.includes(s));
  const choosable = areas.list.filter((a) => a.level === 'zone' || a.level === 'village').sort((a, b) => a.code.localeCompare(b.code));

  const search = (event: FormEvent) => {
    event.preventDefault();
    update({ q: q.trim() || null });
  };

  return (
    <div className={styles.filters}>
      <form className={styles.top} onSubmit={search} role="search">
        <div className={styles.searchRow}>
        <input
          className={`${form.input} ${styles.search}`}
          type="search"
          value={q}
          placeholder={t('desk.searchPlaceholder')}
          aria-label={t('desk.search')}
          onChange={(e) => setQ(e.target.value)}
          onBlur={() => q.trim() !== (filter.q ?? '') && update({ q: q.trim() || null })}
        />
        <button type="submit" className={`${form.button} ${styles.searchButton}`} data-testid="search-submit">
          {t('desk.searchButton')}
        </button>
        </div>
        {areaChoice && choosable.length > 1 && (
          <select className={form.select} value={filter.areaId ?? ''} onChange={(e) => update({ areaId: e.target.value || null })} aria-label={t('desk.area')}>
            <option value="">{t('desk.allAreas')}</option>
            {choosable.map((a) => (
              <option key={a.id} value={a.id}>
                {a.level === 'village' ? '\u3000' : ''}
                {a.name} · {levelLabel(a.level)}
              </option>
            ))}
          </select>
        )}
        <CategoryFilter value={filter.categoryCode ?? null} onChange={(categoryCode) => update({ categoryCode })} />
        <select className={form.select} value={filter.sort ?? '-reportedAt'} onChange={(e) => update({ sort: e.target.value })} aria-label={t('desk.sort')}>
          {CASE_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`desk.sorts.${s}`)}
            </option>
          ))}
        </select>
      </form>
      <div className={styles.chipRows}>
        <div className={form.chips} role="group" aria-label={t('desk.scope')}>
          <button type="button" className={form.chip} aria-pressed={openOnly} onClick={() => update({ open: null, status: null })}>
            {t('desk.openOnly')}
          </button>
          <button type="button" className={form.chip} aria-pressed={!openOnly} onClick={() => update({ open: 'all' })}>
            {t('desk.allCases')}
          </button>
          <span className={styles.divider} aria-hidden="true" />
          {SLA_STATES.filter((s) => s !== 'on_time').map((s) => (
            <button key={s} type="button" className={`${form.chip} ${styles[s]}`} aria-pressed={filter.sla?.includes(s) ?? false} onClick={() => update({ sla: toggled(filter.sla, s) })}>
              {t(`sla.${s}`)}
            </button>
          ))}
          <span className={styles.divider} aria-hidden="true" />
          {PRIORITIES.filter((p) => p !== 'normal').map((p) => (
            <button key={p} type="button" className={form.chip} aria-pressed={filter.priority?.includes(p) ?? false} onClick={() => update({ priority: toggled(filter.priority, p) })}>
              {t(`priority.${p}`)}
            </button>
          ))}
        </div>
        <div className={form.chips} role="group" aria-label={t('desk.status')}>
          {statuses.map((s) => (
            <button key={s} type="button" className={form.chip} aria-pressed={filter.status?.includes(s) ?? false} onClick={() => update({ status: toggled(filter.status, s) })}>
              {t(`status.${s}`)}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
