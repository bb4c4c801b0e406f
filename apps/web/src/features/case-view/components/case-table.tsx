import type { CaseSummary } from '@grid/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAreas, useCategories } from '../../../cases/use-reference-data';
import { useNow } from '../hooks/use-now';
import { useTimeWords } from '../hooks/use-time-words';
import { DueTime, PriorityBadge, SlaBadge, StatusBadge } from './case-badges';
import styles from './case-table.module.css';

export interface CaseTableProps {
  cases: CaseSummary[];
  selectedId: string | null;
  /** The link of a case (its detail). */
  hrefOf: (c: CaseSummary) => string;
  /** An extra column (e.g. the department's own due times). */
  extra?: { title: string; cell: (c: CaseSummary) => ReactNode; /** the column says the due time that matters to its reader */ replacesDue?: boolean };
}

/** Cases as rows; those in warning (黄灯) or overdue (红灯) stand out with a coloured edge and tint. */
export function CaseTable({ cases, selectedId, hrefOf, extra }: CaseTableProps) {
  const { t } = useTranslation();
  const categories = useCategories();
  const areas = useAreas();
  const now = useNow();
  const words = useTimeWords();
  const navigate = useNavigate();
  return (
    <table className={styles.table} data-testid="case-table">
      {/* Fixed widths for the short columns, the rest to the description: it stays readable at 1440 px. */}
      <colgroup>
        <col className={styles.codeCol} />
        <col className={styles.categoryCol} />
        <col />
        <col className={styles.statusCol} />
        {!extra?.replacesDue && <col className={styles.dueCol} />}
        {extra && <col className={styles.extraCol} />}
      </colgroup>
      <thead>
        <tr>
          <th>
            {t('table.code')} · {t('table.reported')}
          </th>
          <th>
            {t('table.category')} · {t('table.grid')}
          </th>
          <th>{t('table.description')}</th>
          <th>{t('table.status')}</th>
          {!extra?.replacesDue && <th>{t('table.due')}</th>}
          {extra && <th>{extra.title}</th>}
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.id} data-sla={c.slaState} aria-selected={c.id === selectedId} data-case-code={c.code} onClick={() => navigate(hrefOf(c))}>
            <td className={styles.code}>
              <Link to={hrefOf(c)} className={styles.link}>
                {c.code}
              </Link>
              <PriorityBadge priority={c.priority} />
              <span className={styles.reported} title={words.at(c.reportedAt)}>
                {words.ago(c.reportedAt, now)}
              </span>
            </td>
            <td className={styles.category}>
              <span className={styles.categoryName}>{categories.shortName(c.categoryCode)}</span>
              <span className={styles.grid}>{areas.name(c.gridId)}</span>
            </td>
            <td className={styles.wide}>
              <span className={styles.description} title={c.description || c.address || undefined}>
                {c.description || c.address || '—'}
              </span>
            </td>
            <td className={styles.status}>
              <span className={styles.badges}>
                <StatusBadge status={c.status} />
                {c.slaState !== 'on_time' && <SlaBadge state={c.slaState} />}
                {c.suspended && <SlaBadge state={c.slaState} suspended />}
              </span>
            </td>
            {!extra?.replacesDue && (
              <td className={styles.due}>
                <DueTime summary={c} />
              </td>
            )}
            {extra && <td className={styles.extra}>{extra.cell(c)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
