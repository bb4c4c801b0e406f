import { type AssessmentFigureName, type AssessmentLevel, type AssessmentRow, type DrillableFigure, DRILLABLE_FIGURES, LEADER_LEVELS, RATE_PARTS } from '@grid/contracts';
import { useTranslation } from 'react-i18next';
import styles from './assessment-page.module.css';

/** The figures the table shows, in order (the export has them all). */
const COLUMNS: readonly AssessmentFigureName[] = [
  'reported',
  'onTimeRate',
  'closureRate',
  'onTimeClosureRate',
  'reworkRate',
  'overdue',
  'suspended',
  'overSuspended',
  'satisfaction',
  'missedReports',
  'patrolDays',
  'patrolVisits',
  'patrolKm',
  'onDutyDays',
];

/** Rates where less is better: a click lists the cases that count against (the numerator), not all of them. */
const LOWER_IS_BETTER: ReadonlySet<AssessmentFigureName> = new Set(['reworkRate', 'whistleRate']);

/** The cases behind a figure: a count's own cases; a rate's denominator (what should have been done), or its numerator when less is better. */
export function drillFigureOf(figure: AssessmentFigureName): DrillableFigure | null {
  if ((DRILLABLE_FIGURES as readonly string[]).includes(figure)) return figure as DrillableFigure;
  const parts = RATE_PARTS[figure];
  if (!parts) return null;
  return LOWER_IS_BETTER.has(figure) ? parts.numerator : parts.denominator;
}

export function formatFigure(figure: AssessmentFigureName, value: number | null): string {
  if (value === null) return '–';
  if (figure.endsWith('Rate')) return `${(value * 100).toFixed(1)}%`;
  if (figure === 'satisfaction' || figure === 'departmentRating') return value.toFixed(2);
  if (figure === 'patrolKm' || figure.endsWith('Hours')) return value.toFixed(1);
  return String(value);
}

const stars = (n: number | null) => (n === null ? '–' : '★'.repeat(n) + '☆'.repeat(5 - n));

export interface RankingTableProps {
  level: AssessmentLevel;
  rows: readonly AssessmentRow[];
  onDrill: (row: AssessmentRow, figure: DrillableFigure, label: AssessmentFigureName) => void;
  /** Opens a person's point ledger (worker level). */
  onLedger?: (row: AssessmentRow) => void;
}

/** The ranking: rank, unit, grade A–E, composite, score, stars and the key figures; the bottom 10 % marked. */
export function RankingTable({ level, rows, onDrill, onLedger }: RankingTableProps) {
  const { t } = useTranslation();
  const person = level === 'worker';
  // Persons (grid workers, leaders' posts) open their ledger.
  const withLedger = person || (LEADER_LEVELS as readonly string[]).includes(level);
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} data-testid="ranking-table">
        <thead>
          <tr>
            <th scope="col">{t('assessment.column.rank')}</th>
            <th scope="col" className={styles.unitCell}>
              {t(`assessment.level.${level}`)}
            </th>
            <th scope="col">{t('assessment.column.grade')}</th>
            <th scope="col">{t('assessment.figure.composite')}</th>
            {person && <th scope="col">{t('assessment.column.points')}</th>}
            {person && <th scope="col">{t('assessment.column.coefficient')}</th>}
            <th scope="col">{t('assessment.column.score')}</th>
            <th scope="col">{t('assessment.column.stars')}</th>
            {COLUMNS.map((c) => (
              <th key={c} scope="col">
                {t(`assessment.figure.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.unitId} data-bottom={row.bottom} data-testid="ranking-row" data-unit-id={row.unitId}>
              <td className={styles.num}>{row.rank}</td>
              <th scope="row" className={styles.unitCell}>
                {withLedger && onLedger ? (
                  <button type="button" className={styles.link} onClick={() => onLedger(row)} data-testid="open-ledger">
                    {row.unitName}
                  </button>
                ) : (
                  row.unitName
                )}
                {row.bottom && <span className={styles.bottomFlag}>{t('assessment.bottom')}</span>}
                <span className={styles.unitCode}>{row.unitCode}</span>
              </th>
              <td>
                <span className={styles.grade} data-grade={row.grade ?? 'none'}>
                  {row.grade ?? '–'}
                </span>
              </td>
              <td className={styles.num}>{row.composite === null ? '–' : row.composite.toFixed(1)}</td>
              {person && <td className={styles.num}>{row.points ?? '–'}</td>}
              {person && <td className={styles.num}>{row.coefficient?.toFixed(2) ?? '–'}</td>}
              <td className={styles.num}>{row.score === null ? '–' : row.score.toFixed(1)}</td>
              <td className={styles.stars} aria-label={t('assessment.starsOf', { count: row.stars ?? 0 })}>
                {stars(row.stars)}
              </td>
              {COLUMNS.map((c) => {
                const drill = drillFigureOf(c);
                const text = formatFigure(c, row.figures[c]);
                return (
                  <td key={c} className={styles.num}>
                    {drill ? (
                      <button type="button" className={styles.figureButton} onClick={() => onDrill(row, drill, c)} data-testid={`drill-${c}`} title={t('assessment.drillHint')}>
                        {text}
                      </button>
                    ) : (
                      text
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
