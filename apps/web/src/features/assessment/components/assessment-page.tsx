import { ASSESSMENT_LEVELS, type AssessmentFigureName, type AssessmentLevel, type AssessmentRow, type Role, type SessionUser } from '@grid/contracts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useSession } from '../../../api/session-store';
import { currentLanguage } from '../../../i18n';
import { apiErrorText } from '../../../ui/api-error-text';
import form from '../../../ui/form.module.css';
import { currentQuarter, monthPeriod, monthsUpTo, type Period, type PeriodKind, quarterPeriod, today } from '../hooks/assessment-period';
import { downloadAssessment, useAssessment, useAssessmentSeries } from '../hooks/use-assessment';
import { AppealsPanel } from './appeals-panel';
import { TrendChart, ZoneChart } from './assessment-charts';
import { DrillDownPanel, type DrillTarget } from './drill-down-panel';
import { LedgerPanel } from './ledger-panel';
import { NoticesPanel, NoticeView } from './notices';
import { Pager } from './pager';
import { formatFigure, RankingTable } from './ranking-table';
import styles from './assessment-page.module.css';

/** The levels a role can rank (the API enforces the same). */
function levelsFor(role: Role): readonly AssessmentLevel[] {
  if (role === 'grid_worker') return ['worker', 'grid'];
  if (role === 'dept_staff' || role === 'dept_head') return ['department'];
  return ASSESSMENT_LEVELS;
}

const ASSESSORS: readonly Role[] = ['assessor', 'admin'];
const SUMMARY: readonly AssessmentFigureName[] = ['reported', 'closureRate', 'onTimeRate', 'onTimeClosureRate', 'reworkRate', 'overdue', 'satisfaction', 'missedReports', 'patrolDays', 'patrolKm'];

/** Units per page of the ranking: a district's 10,000 grids come a page at a time (the export has them all). */
const PAGE_SIZE = 500;

/** Level, period and page live in the address bar, so a ranking can be bookmarked and shared. */
function useAssessmentParams(levels: readonly AssessmentLevel[]) {
  const [params, setParams] = useSearchParams();
  const fallback = currentQuarter();
  const level = (levels as readonly string[]).includes(params.get('level') ?? '') ? (params.get('level') as AssessmentLevel) : (levels.includes('zone') ? 'zone' : levels[0]);
  const dateOk = (v: string | null): v is string => v !== null && /^\d{4}-\d{2}-\d{2}$/.test(v);
  const from = params.get('from');
  const to = params.get('to');
  const kind = (['month', 'quarter', 'custom'] as const).find((k) => k === params.get('period')) ?? fallback.kind;
  const period: Period = dateOk(from) && dateOk(to) && from <= to ? { kind, from, to } : fallback;
  const whole = (name: string, fallbackValue: number, max: number) => {
    const value = Number(params.get(name));
    return Number.isInteger(value) && value >= 1 ? Math.min(value, max) : fallbackValue;
  };
  const paging = { page: whole('page', 1, Number.MAX_SAFE_INTEGER), pageSize: whole('pageSize', PAGE_SIZE, 1000) };
  const set = (patch: Partial<{ level: AssessmentLevel; period: Period; page: number }>) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      if (patch.level) next.set('level', patch.level);
      if (patch.period) {
        next.set('period', patch.period.kind);
        next.set('from', patch.period.from);
        next.set('to', patch.period.to);
      }
      // Another level or period starts from the top of its ranking.
      if (patch.page) next.set('page', String(patch.page));
      else next.delete('page');
      return next;
    });
  return { level, period, paging, set };
}

/** 考核评价: rankings per level and period, charts per zone and over time, drill-down to cases, ledger, appeals, export. */
export function AssessmentPage() {
  const session = useSession();
  return session ? <SignedInAssessment user={session.user} /> : null;
}

function SignedInAssessment({ user }: { user: SessionUser }) {
  const [params, setParams] = useSearchParams();
  const notice = params.get('notice');
  const showNotice = (id: string | null) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      if (id) next.set('notice', id);
      else next.delete('notice');
      return next;
    });
  return notice ? <NoticeView id={notice} onBack={() => showNotice(null)} /> : <Assessment user={user} onNotice={showNotice} />;
}

function Assessment({ user, onNotice }: { user: SessionUser; onNotice: (id: string) => void }) {
  const { t } = useTranslation();
  const levels = levelsFor(user.role);
  const { level, period, paging, set } = useAssessmentParams(levels);
  const assessment = useAssessment(level, period, paging);
  const zones = useAssessment('zone', period);
  // Six months up to the period's end, or up to this month when the period runs into the future.
  const lastMonth = period.to < today() ? period.to : today();
  const months = useAssessmentSeries('zone', useMemo(() => monthsUpTo(lastMonth, 6), [lastMonth]));
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const [ledgerOf, setLedgerOf] = useState<string | null>(null);
  const [appealsKey, setAppealsKey] = useState(0);
  const [exportError, setExportError] = useState<string | null>(null);
  const showZones = levels.includes('zone');

  const download = (format: 'csv' | 'xlsx') => {
    setExportError(null);
    downloadAssessment(level, period, format, currentLanguage()).catch((e: unknown) => setExportError(apiErrorText(e, t)));
  };

  return (
    <main className={styles.page}>
      <header className={styles.toolbar}>
        <h1 className={styles.title}>{t('assessment.title')}</h1>
        <div className={styles.levels} role="tablist" aria-label={t('assessment.levelLabel')}>
          {levels.map((l) => (
            <button key={l} type="button" role="tab" aria-selected={l === level} className={styles.levelTab} onClick={() => set({ level: l })} data-testid={`level-${l}`}>
              {t(`assessment.level.${l}`)}
            </button>
          ))}
        </div>
        <PeriodPicker period={period} onChange={(p) => set({ period: p })} />
        <div className={styles.exports}>
          <button type="button" className={form.button} onClick={() => download('xlsx')} data-testid="export-xlsx">
            {t('assessment.export.xlsx')}
          </button>
          <button type="button" className={form.button} onClick={() => download('csv')} data-testid="export-csv">
            {t('assessment.export.csv')}
          </button>
        </div>
        {exportError && <p className={styles.error}>{exportError}</p>}
      </header>

      {assessment.state === 'failed' && <p className={styles.error}>{apiErrorText(assessment.error, t)}</p>}
      {assessment.state === 'loading' && <p className={styles.muted}>{t('common.loading')}</p>}
      {assessment.state === 'ready' && (
        <dl className={styles.summary} data-testid="assessment-summary">
          {SUMMARY.map((f) => (
            <div key={f} className={styles.tile}>
              <dt>{t(`assessment.figure.${f}`)}</dt>
              <dd>{formatFigure(f, assessment.data.total[f])}</dd>
            </div>
          ))}
        </dl>
      )}

      <div className={styles.charts}>
        {showZones && zones.state === 'ready' && zones.data.rows.length > 1 && (
          <ZoneChart
            zones={zones.data.rows}
            onZone={(zone: AssessmentRow) => setDrill({ level: 'zone', row: zone, figure: 'overdue', label: 'overdue' })}
          />
        )}
        <TrendChart months={months} />
      </div>

      <div className={styles.body}>
        {assessment.state === 'ready' && (
          <section className={styles.ranking} aria-label={t('assessment.ranking')}>
            <p className={styles.muted}>
              {t('assessment.asOf', { from: assessment.data.from, to: assessment.data.to, version: assessment.data.configVersion, count: assessment.data.rowCount })}
            </p>
            {assessment.data.pendingCases > 0 && (
              <p className={styles.muted} data-testid="assessment-pending">
                {t('assessment.pending', { count: assessment.data.pendingCases })}
              </p>
            )}
            <Pager page={paging.page} pages={Math.ceil(assessment.data.rowCount / paging.pageSize)} onPage={(page) => set({ page })} testId="ranking-pager" />
            <RankingTable
              level={level}
              rows={assessment.data.rows}
              onDrill={(row, figure, label) => {
                setLedgerOf(null);
                setDrill({ level, row, figure, label });
              }}
              onLedger={(row) => {
                setDrill(null);
                setLedgerOf(row.unitId);
              }}
            />
          </section>
        )}
        <aside className={styles.side}>
          {drill && <DrillDownPanel target={drill} period={period} onClose={() => setDrill(null)} />}
          {ledgerOf && (
            <LedgerPanel
              userId={ledgerOf}
              period={period}
              onClose={() => setLedgerOf(null)}
              onAppealed={() => {
                setAppealsKey((k) => k + 1);
                assessment.reload();
              }}
            />
          )}
          {!drill && !ledgerOf && user.role !== 'assessor' && user.role !== 'admin' && (
            <button type="button" className={form.button} onClick={() => setLedgerOf(user.id)} data-testid="my-ledger">
              {t('assessment.ledger.mine')}
            </button>
          )}
          <NoticesPanel level={level} period={period} canPublish={ASSESSORS.includes(user.role)} onOpen={onNotice} />
          <AppealsPanel
            canDecide={ASSESSORS.includes(user.role)}
            refreshKey={appealsKey}
            onDecided={() => {
              assessment.reload();
              setAppealsKey((k) => k + 1);
            }}
          />
        </aside>
      </div>
    </main>
  );
}

/** Month, quarter (the default: rankings are by quarter) or any span of days. */
function PeriodPicker({ period, onChange }: { period: Period; onChange: (period: Period) => void }) {
  const { t } = useTranslation();
  const [year, month] = period.from.split('-').map(Number);
  const quarter = Math.floor((month - 1) / 3) + 1;
  const years = Array.from({ length: 4 }, (_, i) => new Date().getFullYear() - i);
  return (
    <div className={styles.period}>
      <select className={form.select} value={period.kind} aria-label={t('assessment.periodKind')} data-testid="period-kind"
        onChange={(e) => {
          const kind = e.target.value as PeriodKind;
          if (kind === 'month') onChange(monthPeriod(year, month));
          else if (kind === 'quarter') onChange(quarterPeriod(year, quarter));
          else onChange({ ...period, kind });
        }}
      >
        {(['month', 'quarter', 'custom'] as const).map((k) => (
          <option key={k} value={k}>
            {t(`assessment.period.${k}`)}
          </option>
        ))}
      </select>
      {period.kind === 'month' && (
        <input className={form.input} type="month" value={period.from.slice(0, 7)} aria-label={t('assessment.period.month')}
          onChange={(e) => {
            const [y, m] = e.target.value.split('-').map(Number);
            if (y && m) onChange(monthPeriod(y, m));
          }}
        />
      )}
      {period.kind === 'quarter' && (
        <>
          <select className={form.select} value={year} aria-label={t('assessment.year')} onChange={(e) => onChange(quarterPeriod(Number(e.target.value), quarter))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
          <select className={form.select} value={quarter} aria-label={t('assessment.period.quarter')} data-testid="period-quarter" onChange={(e) => onChange(quarterPeriod(year, Number(e.target.value)))}>
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={q}>
                {t('assessment.quarterN', { n: q })}
              </option>
            ))}
          </select>
        </>
      )}
      {period.kind === 'custom' && (
        <>
          <input className={form.input} type="date" value={period.from} max={period.to} aria-label={t('assessment.from')} onChange={(e) => e.target.value && onChange({ ...period, from: e.target.value })} />
          <input className={form.input} type="date" value={period.to} min={period.from} aria-label={t('assessment.to')} onChange={(e) => e.target.value && onChange({ ...period, to: e.target.value })} />
        </>
      )}
    </div>
  );
}
