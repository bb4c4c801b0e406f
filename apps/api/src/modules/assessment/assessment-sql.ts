import type { AssessmentLevel, DrillableFigure } from '@grid/contracts';
import { RESIDENT_SOURCES, emptyCounts, type AssessmentCounts } from '@grid/domain';

/** Positional parameters for one query, named as they are added. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

/** Which parts of a case count for the unit: r reporting, h handling, m missed report (the domain's `Contribution`). */
export interface Parts {
  r: string;
  h: string;
  m: string;
}

const TERMINAL = `('closed', 'rejected', 'cancelled')`;
export const RESIDENT_SOURCES_SQL = `(${RESIDENT_SOURCES.map((s) => `'${s}'`).join(', ')})`;

/**
 * Each countable figure as a predicate over a fact row `f` (and the parts a case brings the unit), judged
 * at `asOf`: the same rules as the domain's `addCase`. Aggregations count rows matching them; drill-downs
 * list those rows. `summoned` is the departments' part and has its own table.
 */
export function figurePredicates(p: Parts, asOf: string, alias = 'f'): Record<Exclude<DrillableFigure, 'summoned'>, string> {
  const by = (column: string) => `coalesce(${alias}.${column} <= ${asOf}, false)`;
  return {
    reported: p.r,
    selfHandled: `${p.r} AND ${alias}.self_handled`,
    registered: `${p.r} AND ${alias}.registered`,
    dispatched: `${p.h} AND ${alias}.dispatched`,
    acceptedOnTime: `${p.h} AND ${alias}.accepted AND NOT ${by('accept_late_at')}`,
    shouldAccept: `${p.h} AND (${alias}.accepted OR ${by('accept_late_at')})`,
    handled: `${p.h} AND ${alias}.handled`,
    handledOnTime: `${p.h} AND ${alias}.handled AND NOT ${by('handle_late_at')}`,
    shouldHandle: `${p.h} AND (${alias}.handled OR ${by('handle_late_at')})`,
    closed: `${p.h} AND ${alias}.closed`,
    closedOnTime: `${p.h} AND ${alias}.closed AND NOT ${by('case_late_at')}`,
    shouldClose: `${p.h} AND (${alias}.closed OR (${alias}.status NOT IN ${TERMINAL} AND ${by('case_late_at')}))`,
    reworked: `${p.h} AND ${alias}.reworked`,
    overdue: `${p.h} AND ${by('overdue_at')}`,
    rated: `${p.h} AND ${alias}.rating IS NOT NULL`,
    missedReports: `${p.m} AND ${alias}.missed_report`,
    whistled: `${p.h} AND ${alias}.whistled`,
  };
}

const AREA_COLUMN: Record<'grid' | 'village' | 'zone', string> = { grid: 'grid_id', village: 'village_id', zone: 'zone_id' };
export const areaColumnOf = (level: 'grid' | 'village' | 'zone' | 'district'): string | null => (level === 'district' ? null : AREA_COLUMN[level]);

/** The rows `(unit_id, r, h, m, f.*)` a level groups: one per case and unit it counts for. `null` level: the whole scope. */
function contributionsSql(level: AssessmentLevel | null): string {
  const row = (unit: string, r: boolean, h: boolean, m: boolean) => `SELECT ${unit} AS unit_id, ${r} AS r, ${h} AS h, ${m} AS m, f.* FROM f`;
  switch (level) {
    case null:
      return row('NULL::uuid', true, true, true);
    case 'grid':
    case 'village':
    case 'zone':
      return row(`f.${AREA_COLUMN[level]}`, true, true, true);
    case 'department':
      return `SELECT d AS unit_id, true AS r, true AS h, true AS m, f.* FROM f CROSS JOIN LATERAL unnest(f.department_ids) AS d`;
    case 'worker':
      return [
        `${row('f.reporter_id', true, false, false)} WHERE f.reporter_id IS NOT NULL AND f.source NOT IN ${RESIDENT_SOURCES_SQL}`,
        `${row('f.handler_id', false, true, false)} WHERE f.handler_id IS NOT NULL`,
        `${row('f.grid_worker_id', false, false, true)} WHERE f.grid_worker_id IS NOT NULL AND f.missed_report`,
      ].join(' UNION ALL ');
  }
}

/** Counts per unit as the domain's `countsOf`, with the averages and p90s (nearest rank) SQL computes. */
export interface UnitAggregate {
  counts: AssessmentCounts;
  summaries: { avgResponseHours: number | null; p90ResponseHours: number | null; avgHandlingHours: number | null; p90HandlingHours: number | null };
}

/**
 * One query: the facts of the period in scope (`factsWhere` over `f`), grouped by unit with every count
 * as `count(*) FILTER (figure predicate)`.
 */
export function aggregateSql(level: AssessmentLevel | null, factsWhere: string, params: SqlParams, asOf: string): string {
  const predicates = figurePredicates({ r: 'u.r', h: 'u.h', m: 'u.m' }, asOf, 'u');
  const counts = Object.entries(predicates).map(([figure, where]) => `count(*) FILTER (WHERE ${where}) AS "${figure}"`);
  return `
    WITH f AS (SELECT * FROM assessment_facts f WHERE ${factsWhere}), u AS (${contributionsSql(level)})
    SELECT u.unit_id, ${counts.join(', ')},
      count(*) FILTER (WHERE u.r AND u.valid_report) AS "validReports",
      coalesce(sum(u.category_points) FILTER (WHERE u.r AND u.valid_report), 0) AS "validReportPoints",
      coalesce(sum(u.rating) FILTER (WHERE u.h), 0) AS "ratingSum",
      count(*) FILTER (WHERE u.h AND u.rating >= 5) AS "goodRatings",
      count(*) FILTER (WHERE u.h AND u.rating <= 2) AS "poorRatings",
      avg(u.response_hours) FILTER (WHERE u.h) AS "avgResponseHours",
      percentile_disc(0.9) WITHIN GROUP (ORDER BY u.response_hours) FILTER (WHERE u.h) AS "p90ResponseHours",
      avg(u.handling_hours) FILTER (WHERE u.h) AS "avgHandlingHours",
      percentile_disc(0.9) WITHIN GROUP (ORDER BY u.handling_hours) FILTER (WHERE u.h) AS "p90HandlingHours"
    FROM u GROUP BY u.unit_id`;
}

/** The summoned departments' part (吹哨报到) per unit: areas count every department of their cases, a department its own. */
export function departmentPartSql(level: AssessmentLevel | null, where: string, asOf: string): string | null {
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

type NumericRow = Record<string, string | number | null> & { unit_id: string | null };

const num = (v: string | number | null | undefined) => (v === null || v === undefined ? 0 : Number(v));
const maybe = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));

/** Reads the aggregate rows into the domain's counts (value lists stay empty: SQL gave the summaries). */
export function aggregatesOf(rows: NumericRow[], departmentRows: NumericRow[]): Map<string | null, UnitAggregate> {
  const units = new Map<string | null, UnitAggregate>();
  const entry = (id: string | null) => {
    let unit = units.get(id);
    if (!unit) units.set(id, (unit = { counts: emptyCounts(), summaries: { avgResponseHours: null, p90ResponseHours: null, avgHandlingHours: null, p90HandlingHours: null } }));
    return unit;
  };
  const countKeys = Object.keys(emptyCounts()).filter((k) => k !== 'responseHours' && k !== 'handlingHours') as Exclude<keyof AssessmentCounts, 'responseHours' | 'handlingHours'>[];
  for (const row of [...rows, ...departmentRows]) {
    const unit = entry(row.unit_id);
    for (const key of countKeys) if (key in row) unit.counts[key] = num(row[key]);
    if ('avgResponseHours' in row)
      unit.summaries = { avgResponseHours: maybe(row['avgResponseHours']), p90ResponseHours: maybe(row['p90ResponseHours']), avgHandlingHours: maybe(row['avgHandlingHours']), p90HandlingHours: maybe(row['p90HandlingHours']) };
  }
  return units;
}
