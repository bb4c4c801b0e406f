import type { AssessmentFigures, CaseLevel, DrillableFigure, SuspensionRule } from '@grid/contracts';
import {
  DEFAULT_SUSPENSION_RULE,
  DURATION_BOUNDS_HOURS,
  RESIDENT_SOURCES,
  SHANGHAI_TIME_ZONE,
  TERMINAL_STATUSES,
  emptyCounts,
  quantileOfHistogram,
  type AssessmentCounts,
} from '@grid/domain';

/** Positional parameters for one query, named as they are added. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

/**
 * Which parts of a case count for the unit (the domain's `Contribution`): r reporting, h handling, m missed report,
 * o the overdue (its holder when it went overdue), k the handling clock's lateness (its holder when it ran out).
 */
export interface Parts {
  r: string;
  h: string;
  m: string;
  o: string;
  k: string;
}

/** The moment of judgement (SQL) and the scheme's suspension rule: what the domain's `judge` takes. */
export interface SqlJudgement {
  asOf: string;
  suspension: SuspensionRule;
}

/** The statuses of a finished case, as an SQL list (`f.status IN …`). */
export const TERMINAL = `(${TERMINAL_STATUSES.map((s) => `'${s}'`).join(', ')})`;
export const RESIDENT_SOURCES_SQL = `(${RESIDENT_SOURCES.map((s) => `'${s}'`).join(', ')})`;

/**
 * Each countable figure as a predicate over a fact row `f` (and the parts a case brings the unit), judged
 * at `asOf`: the same rules as the domain's `addCase`. Aggregations count rows matching them; drill-downs
 * list those rows. `summoned` is the departments' part and has its own table.
 */
export function figurePredicates(p: Parts, { asOf, suspension }: SqlJudgement, alias = 'f'): Record<Exclude<DrillableFigure, 'summoned'>, string> {
  const by = (column: string) => `coalesce(${alias}.${column} <= ${asOf}, false)`;
  // Only open cases have a suspension start; hours, not days, so that it is the domain's exact instant.
  const suspended = by('suspended_since');
  const overSuspended = `coalesce(${alias}.suspended_since <= ${asOf} - interval '${Math.trunc(suspension.maxDays) * 24} hours', false)`;
  const back = suspension.overAsOverdue ? overSuspended : 'false';
  const handleLate = `(${by('handle_late_at')} OR ${back})`;
  // A fact's `closed` is `status = 'closed'`: read from the status, which the covering indexes carry anyway (an
  // index has at most 32 columns).
  const closed = `${alias}.status = 'closed'`;
  return {
    reported: p.r,
    selfHandled: `${p.r} AND ${alias}.self_handled`,
    registered: `${p.r} AND ${alias}.registered`,
    dispatched: `${p.h} AND ${alias}.dispatched`,
    acceptedOnTime: `${p.h} AND ${alias}.accepted AND NOT ${by('accept_late_at')}`,
    shouldAccept: `${p.h} AND (${alias}.accepted OR ${by('accept_late_at')})`,
    handled: `${p.h} AND ${alias}.handled`,
    handledOnTime: `${p.h} AND ${alias}.handled AND NOT (${p.k} AND ${handleLate})`,
    shouldHandle: `((${p.h} AND ${alias}.handled) OR (${p.k} AND ${handleLate}))`,
    closed: `${p.h} AND ${closed}`,
    closedOnTime: `${p.h} AND ${closed} AND NOT ${by('case_late_at')}`,
    shouldClose: `${p.h} AND (${closed} OR (${alias}.status NOT IN ${TERMINAL} AND (${by('case_late_at')} OR ${back})))`,
    reworked: `${p.h} AND ${alias}.reworked`,
    overdue: `${p.o} AND (${by('overdue_at')} OR ${back})`,
    suspended: `${p.h} AND ${suspended}`,
    overSuspended: `${p.h} AND ${overSuspended}`,
    rated: `${p.h} AND ${alias}.rating IS NOT NULL`,
    missedReports: `${p.m} AND ${alias}.missed_report`,
    whistled: `${p.h} AND ${alias}.whistled`,
  };
}

const AREA_COLUMN: Record<'grid' | 'village' | 'zone', string> = { grid: 'grid_id', village: 'village_id', zone: 'zone_id' };
export const areaColumnOf = (level: 'grid' | 'village' | 'zone' | 'district'): string | null => (level === 'district' ? null : AREA_COLUMN[level]);

/**
 * The rows `(unit_id, r, h, m, o, k, f.*)` (`f`: the columns aggregated) a level groups: one per case and unit it
 * counts for, as the domain's `contributionsOf`. `null` level: the whole scope.
 */
function contributionsSql(level: CaseLevel | null): string {
  const row = (unit: string, parts: Partial<Parts>, from = 'f') =>
    `SELECT ${unit} AS unit_id, ${(['r', 'h', 'm', 'o', 'k'] as const).map((p) => `${parts[p] ?? 'false'} AS ${p}`).join(', ')}, f.* FROM ${from}`;
  const all = { r: 'true', h: 'true', m: 'true', o: 'true', k: 'true' };
  const is = (column: string, unit: string) => `coalesce(f.${column} = ${unit}, false)`;
  const other = (column: string) => `WHERE f.${column} IS NOT NULL AND f.${column} IS DISTINCT FROM f.handler_id`;
  switch (level) {
    case null:
      return row('NULL::uuid', all);
    case 'grid':
    case 'village':
    case 'zone':
      return row(`f.${AREA_COLUMN[level]}`, all);
    case 'department':
      return row('d', { ...all, o: is('overdue_department_id', 'd'), k: is('handle_late_department_id', 'd') }, 'f CROSS JOIN LATERAL unnest(f.department_ids) AS d');
    case 'worker':
      return [
        `${row('f.reporter_id', { r: 'true' })} WHERE f.reporter_id IS NOT NULL AND f.source NOT IN ${RESIDENT_SOURCES_SQL}`,
        `${row('f.handler_id', { h: 'true', o: is('overdue_holder_id', 'f.handler_id'), k: is('handle_late_holder_id', 'f.handler_id') })} WHERE f.handler_id IS NOT NULL`,
        `${row('f.overdue_holder_id', { o: 'true' })} ${other('overdue_holder_id')}`,
        `${row('f.handle_late_holder_id', { k: 'true' })} ${other('handle_late_holder_id')}`,
        `${row('f.grid_worker_id', { m: 'true' })} WHERE f.grid_worker_id IS NOT NULL AND f.missed_report`,
      ].join(' UNION ALL ');
  }
}

/** Counts per unit as the domain's `countsOf`, and its durations as sums and histograms: all of it adds up. */
export interface UnitAggregate {
  counts: AssessmentCounts;
  responseHoursSum: number;
  responseHistogram: number[];
  handlingHoursSum: number;
  handlingHistogram: number[];
}

export type DurationSummaries = Pick<AssessmentFigures, 'avgResponseHours' | 'p90ResponseHours' | 'avgHandlingHours' | 'p90HandlingHours'>;

const BOUNDS = `ARRAY[${DURATION_BOUNDS_HOURS.join(', ')}]::float8[]`;
const BUCKETS = Array.from({ length: DURATION_BOUNDS_HOURS.length + 1 }, (_, k) => k);

/**
 * One sum an answer is made of, that adds up over cases, months and grids: `name` in the answer (the domain's
 * count, or a histogram bucket), `column` in `assessment_rollups`, `aggregate` over the contributions `u`.
 */
interface Measure {
  name: string;
  column: string;
  type: 'int' | 'float8';
  aggregate: string;
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Every sum, judged at `asOf`: the counts as `count(*) FILTER (figure predicate)`, durations as histograms
 * (`durationBucket` is SQL's `width_bucket`) and sums (for the averages). Only plain aggregates, so they add up.
 */
function measuresAt(judgement: SqlJudgement): Measure[] {
  const predicates = figurePredicates({ r: 'u.r', h: 'u.h', m: 'u.m', o: 'u.o', k: 'u.k' }, judgement, 'u');
  const count = (name: string, where: string): Measure => ({ name, column: snake(name), type: 'int', aggregate: `count(*) FILTER (WHERE ${where})` });
  const sum = (name: string, value: string, where: string): Measure => ({ name, column: snake(name), type: 'float8', aggregate: `coalesce(sum(${value}) FILTER (WHERE ${where}), 0)` });
  return [
    ...Object.entries(predicates).map(([figure, where]) => count(figure, where)),
    count('validReports', 'u.r AND u.valid_report'),
    sum('validReportPoints', 'u.category_points', 'u.r AND u.valid_report'),
    sum('ratingSum', 'u.rating', 'u.h'),
    count('goodRatings', 'u.h AND u.rating >= 5'),
    count('poorRatings', 'u.h AND u.rating <= 2'),
    sum('responseHoursSum', 'u.response_hours', 'u.h'),
    sum('handlingHoursSum', 'u.handling_hours', 'u.h'),
    ...BUCKETS.map((k) => count(`rh${k}`, `u.h AND u.response_bucket = ${k}`)),
    ...BUCKETS.map((k) => count(`hh${k}`, `u.h AND u.handling_bucket = ${k}`)),
  ];
}

/** The rollup table's sum columns with their SQL types, in order (for the migration that creates it). */
export const ROLLUP_COLUMNS: readonly { column: string; type: 'int' | 'float8' }[] = measuresAt({ asOf: 'NULL', suspension: DEFAULT_SUSPENSION_RULE }).map(({ column, type }) => ({
  column,
  type,
}));

/**
 * When a finished case is judged in the rollups: after every clock it had ran out (`infinity`). Its clocks have
 * all stopped, so every late-at instant is already past and this is the same judgement as at any later `asOf`;
 * a finished case is never suspended, so the suspension rule does not matter to it.
 */
const END_OF_TIME: SqlJudgement = { asOf: `'infinity'::timestamptz`, suspension: DEFAULT_SUSPENSION_RULE };

/**
 * The fact columns the aggregations read (the figure predicates, the sums, the units): only these, so that
 * the rows grouped stay narrow, and the partial indexes of live facts cover them (index-only scans). With the
 * index key that is PostgreSQL's limit of 32 columns an index may have: `closed` is read from `status`.
 */
export const AGGREGATED_FACT_COLUMNS: readonly string[] = [
  'status', 'source', 'zone_id', 'village_id', 'grid_id', 'reporter_id', 'handler_id', 'grid_worker_id', 'department_ids', 'self_handled', 'registered',
  'dispatched', 'accepted', 'handled', 'valid_report', 'reworked', 'missed_report', 'whistled', 'accept_late_at', 'handle_late_at', 'case_late_at',
  'overdue_at', 'category_points', 'rating', 'response_hours', 'handling_hours', 'overdue_holder_id', 'overdue_department_id', 'handle_late_holder_id',
  'handle_late_department_id', 'suspended_since',
];

/** Those columns of `f`, with each case's durations as histogram buckets (`durationBucket` is SQL's `width_bucket`). */
const AGGREGATED_COLUMNS = `${AGGREGATED_FACT_COLUMNS.map((c) => `f.${c}`).join(', ')},
  width_bucket(f.response_hours, ${BOUNDS}) AS response_bucket, width_bucket(f.handling_hours, ${BOUNDS}) AS handling_bucket`;

/** The facts (one SELECT per `where` over `f`, UNION ALL). */
const factsSql = (wheres: readonly string[]) => wheres.map((where) => `SELECT ${AGGREGATED_COLUMNS} FROM assessment_facts f WHERE ${where}`).join(' UNION ALL ');

/** Which rollup rows a level sums, and to which unit: the grids' own rows for areas, the persons' rows for persons. */
function rollupUnitOf(level: CaseLevel | null): { unit: string; rows: string } | null {
  switch (level) {
    case null:
      return { unit: 'NULL::uuid', rows: 'r.person_id IS NULL' };
    case 'grid':
    case 'village':
    case 'zone':
      return { unit: `r.${AREA_COLUMN[level]}`, rows: 'r.person_id IS NULL' };
    case 'worker':
      return { unit: 'r.person_id', rows: 'r.person_id IS NOT NULL' };
    case 'department':
      return null;
  }
}

/** What one answer adds up: facts aggregated live (`live`: conditions over `f`) and the rollup rows of whole months (`rollups`: over `r`). */
export interface AggregationPlan {
  live: readonly string[];
  rollups: string | null;
}

/**
 * One query: the live facts grouped by unit (`count(*) FILTER (…)` judged at `asOf`), plus the rollup rows
 * of the level summed by unit, added together: one snapshot, so a case moving from live into a rollup while
 * the query runs is counted once. `withTotal`: also the whole scope, as the unit `NULL` (a person or a
 * department is never NULL), from the same scan. Counts come back as int4 and sums as float8, which pg hands
 * over as numbers.
 */
export function aggregateSql(level: CaseLevel | null, plan: AggregationPlan, judgement: SqlJudgement, withTotal = false): string {
  const measures = measuresAt(judgement);
  const levels = withTotal && level !== null ? [level, null] : [level];
  const live = `SELECT u.unit_id, ${measures.map((m) => `(${m.aggregate})::${m.type} AS ${m.column}`).join(', ')} FROM u GROUP BY u.unit_id`;
  const rollups = (plan.rollups === null ? [] : levels.map(rollupUnitOf)).flatMap((rollup) =>
    rollup
      ? [`SELECT ${rollup.unit} AS unit_id, ${measures.map((m) => `sum(r.${m.column})::${m.type} AS ${m.column}`).join(', ')}
          FROM assessment_rollups r WHERE ${rollup.rows} AND ${plan.rollups} GROUP BY 1`]
      : [],
  );
  const facts = `WITH f AS (${factsSql(plan.live)}), u AS (${levels.map(contributionsSql).join(' UNION ALL ')})`;
  if (!rollups.length) return `${facts} SELECT l.unit_id, ${measures.map((m) => `l.${m.column} AS "${m.name}"`).join(', ')} FROM (${live}) l`;
  // Each side has one row per unit: joined and added (cheaper than grouping their rows again). NULL (the scope) joins as the nil uuid.
  const key = (alias: string) => `coalesce(${alias}.unit_id, '00000000-0000-0000-0000-000000000000'::uuid)`;
  return `${facts}
    SELECT coalesce(l.unit_id, r.unit_id) AS unit_id, ${measures.map((m) => `(coalesce(l.${m.column}, 0) + coalesce(r.${m.column}, 0))::${m.type} AS "${m.name}"`).join(', ')}
    FROM (${live}) l FULL JOIN (${rollups.join(' UNION ALL ')}) r ON ${key('l')} = ${key('r')}`;
}

/** The month (first local day) a fact's case was reported in: the rollups' month. */
export const MONTH_OF_REPORT = `date_trunc('month', f.reported_at AT TIME ZONE '${SHANGHAI_TIME_ZONE}')::date`;
/** The instant a month (a date column or parameter) begins, in Asia/Shanghai. */
export const monthStartSql = (month: string) => `(${month}::timestamp AT TIME ZONE '${SHANGHAI_TIME_ZONE}')`;

/**
 * Recomputes the rollup rows of the (month, grid) cells `$1::date[]`, `$2::uuid[]` from their finished cases:
 * one row per cell for the grid (every part), one per cell and person (their reporting, handling and missed
 * parts). The caller deletes the cells' old rows first, holding the cells' locks.
 */
export function rollupCellsSql(): string {
  const measures = measuresAt(END_OF_TIME);
  const finished = `f.status IN ${TERMINAL}`;
  return `
    INSERT INTO assessment_rollups (month, grid_id, zone_id, village_id, person_id, ${measures.map((m) => m.column).join(', ')})
    WITH cells AS (SELECT DISTINCT c.month, c.grid_id FROM unnest($1::date[], $2::uuid[]) AS c(month, grid_id)),
    f AS (
      SELECT c.month, ${AGGREGATED_COLUMNS}
      FROM cells c JOIN assessment_facts f ON f.grid_id = c.grid_id
        AND f.reported_at >= ${monthStartSql('c.month')} AND f.reported_at < ${monthStartSql(`(c.month + interval '1 month')`)}
      WHERE ${finished}
    ), u AS (${contributionsSql(null)} UNION ALL ${contributionsSql('worker')})
    SELECT u.month, u.grid_id, u.zone_id, u.village_id, u.unit_id, ${measures.map((m) => `(${m.aggregate})::${m.type}`).join(', ')}
    FROM u GROUP BY u.month, u.grid_id, u.zone_id, u.village_id, u.unit_id`;
}

/** The summoned departments' part (吹哨报到) per unit: areas count every department of their cases, a department its own. */
export function departmentPartSql(level: CaseLevel | null, where: string, asOf: string): string | null {
  if (level === 'worker') return null;
  const unit = level === null ? 'NULL::uuid' : level === 'department' ? 'd.department_id' : `d.${AREA_COLUMN[level]}`;
  const late = `coalesce(d.report_in_late_at <= ${asOf}, false)`;
  return `
    SELECT ${unit} AS unit_id, count(*) AS "summoned",
      count(*) FILTER (WHERE d.reported_in AND NOT ${late}) AS "reportInOnTime",
      count(*) FILTER (WHERE d.reported_in OR ${late}) AS "shouldReportIn",
      count(d.rating) AS "departmentRated", coalesce(sum(d.rating), 0) AS "departmentRatingSum"
    FROM assessment_department_facts d WHERE ${where} GROUP BY 1`;
}

/** A row of an aggregation: a unit and its sums by name. */
export type AggregateRow = Record<string, string | number | null> & { unit_id: string | null };

const num = (v: string | number | null | undefined) => (v === null || v === undefined ? 0 : Number(v));

const emptyAggregate = (): UnitAggregate => ({
  counts: emptyCounts(),
  responseHoursSum: 0,
  responseHistogram: BUCKETS.map(() => 0),
  handlingHoursSum: 0,
  handlingHistogram: BUCKETS.map(() => 0),
});

/** The counts' keys that are numbers (the value lists stay empty here: histograms stand for them). */
const COUNT_KEYS = Object.keys(emptyCounts()).filter((k) => k !== 'responseHours' && k !== 'handlingHours') as Exclude<keyof AssessmentCounts, 'responseHours' | 'handlingHours'>[];

/** Reads the aggregate rows (and the departments' parts) into sums per unit. */
export function aggregatesOf(rows: AggregateRow[], departmentRows: AggregateRow[]): Map<string | null, UnitAggregate> {
  const units = new Map<string | null, UnitAggregate>();
  for (const row of [...rows, ...departmentRows]) {
    let unit = units.get(row.unit_id);
    if (!unit) units.set(row.unit_id, (unit = emptyAggregate()));
    for (const key of COUNT_KEYS) if (key in row) unit.counts[key] = num(row[key]);
    if ('responseHoursSum' in row) {
      unit.responseHoursSum = num(row['responseHoursSum']);
      unit.handlingHoursSum = num(row['handlingHoursSum']);
      unit.responseHistogram = BUCKETS.map((k) => num(row[`rh${k}`]));
      unit.handlingHistogram = BUCKETS.map((k) => num(row[`hh${k}`]));
    }
  }
  return units;
}

/** Several units' sums together (an area level's totals line is the sum of its units). */
export function sumAggregates(units: Iterable<UnitAggregate>): UnitAggregate {
  const total = emptyAggregate();
  for (const unit of units) {
    for (const key of COUNT_KEYS) total.counts[key] += unit.counts[key];
    total.responseHoursSum += unit.responseHoursSum;
    total.handlingHoursSum += unit.handlingHoursSum;
    for (const k of BUCKETS) {
      total.responseHistogram[k] += unit.responseHistogram[k];
      total.handlingHistogram[k] += unit.handlingHistogram[k];
    }
  }
  return total;
}

/** Averages and p90s (nearest rank, to the histogram's resolution) of a unit's durations. */
export function summariesOf(unit: UnitAggregate | undefined): DurationSummaries {
  const summary = (sum: number, histogram: readonly number[]) => {
    const n = histogram.reduce((a, b) => a + b, 0);
    return { avg: n === 0 ? null : sum / n, p90: quantileOfHistogram(histogram, 0.9) };
  };
  const response = unit ? summary(unit.responseHoursSum, unit.responseHistogram) : { avg: null, p90: null };
  const handling = unit ? summary(unit.handlingHoursSum, unit.handlingHistogram) : { avg: null, p90: null };
  return { avgResponseHours: response.avg, p90ResponseHours: response.p90, avgHandlingHours: handling.avg, p90HandlingHours: handling.p90 };
}
