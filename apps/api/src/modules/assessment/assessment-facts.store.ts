import { Injectable } from '@nestjs/common';
import type { AppealKind, CaseSource, CaseStatus, Priority } from '@grid/contracts';
import { TERMINAL_STATUSES, type AssessmentCaseFacts, type CaseCategory, type CaseEventDraft } from '@grid/domain';
import { EntityManager } from 'typeorm';
import { MONTH_OF_REPORT, rollupCellsSql, TERMINAL } from './assessment-sql';

/** The stored columns of a fact row (timestamps as Date, from pg). */
export interface FactRow {
  case_id: string;
  reported_at: Date;
  category_code: string;
  category_points: number;
  priority: Priority;
  source: CaseSource;
  status: CaseStatus;
  zone_id: string;
  village_id: string;
  grid_id: string;
  reporter_id: string | null;
  handler_id: string | null;
  grid_worker_id: string | null;
  department_ids: string[];
  self_handled: boolean;
  registered: boolean;
  dispatched: boolean;
  accepted: boolean;
  handled: boolean;
  closed: boolean;
  valid_report: boolean;
  reworked: boolean;
  missed_report: boolean;
  whistled: boolean;
  accept_late_at: Date | null;
  handle_late_at: Date | null;
  case_late_at: Date | null;
  overdue_at: Date | null;
  overdue_holder_id: string | null;
  overdue_department_id: string | null;
  handle_late_holder_id: string | null;
  handle_late_department_id: string | null;
  suspended_since: Date | null;
  accepted_at: Date | null;
  handled_at: Date | null;
  closed_at: Date | null;
  reworked_at: Date | null;
  response_hours: number | null;
  handling_hours: number | null;
  rating: number | null;
  waived: AppealKind[];
}

/** The fact columns in table order, and their SQL types for `jsonb_to_recordset`. */
const COLUMNS: [keyof FactRow, string][] = [
  ['case_id', 'uuid'], ['reported_at', 'timestamptz'], ['category_code', 'varchar'], ['category_points', 'double precision'], ['priority', 'varchar'],
  ['source', 'varchar'], ['status', 'varchar'], ['zone_id', 'uuid'], ['village_id', 'uuid'], ['grid_id', 'uuid'], ['reporter_id', 'uuid'],
  ['handler_id', 'uuid'], ['grid_worker_id', 'uuid'], ['department_ids', 'uuid[]'], ['self_handled', 'boolean'], ['registered', 'boolean'],
  ['dispatched', 'boolean'], ['accepted', 'boolean'], ['handled', 'boolean'], ['closed', 'boolean'], ['valid_report', 'boolean'],
  ['reworked', 'boolean'], ['missed_report', 'boolean'], ['whistled', 'boolean'], ['accept_late_at', 'timestamptz'], ['handle_late_at', 'timestamptz'],
  ['case_late_at', 'timestamptz'], ['overdue_at', 'timestamptz'], ['accepted_at', 'timestamptz'], ['handled_at', 'timestamptz'], ['closed_at', 'timestamptz'],
  ['reworked_at', 'timestamptz'], ['response_hours', 'double precision'], ['handling_hours', 'double precision'], ['rating', 'smallint'], ['waived', 'varchar[]'],
  ['overdue_holder_id', 'uuid'], ['overdue_department_id', 'uuid'], ['handle_late_holder_id', 'uuid'], ['handle_late_department_id', 'uuid'],
  ['suspended_since', 'timestamptz'],
];

const date = (d: Date | null) => (d ? d.toISOString() : null);

/** A stored row back as the domain's facts (departments' parts are not needed where rows are read back). */
export function factsOfRow(r: FactRow): AssessmentCaseFacts {
  return {
    caseId: r.case_id,
    categoryCode: r.category_code,
    categoryPoints: r.category_points,
    priority: r.priority,
    source: r.source,
    status: r.status,
    areaPath: ['', r.zone_id, r.village_id, r.grid_id],
    reporterId: r.reporter_id,
    handlerId: r.handler_id,
    gridWorkerId: r.grid_worker_id,
    departmentIds: r.department_ids,
    reportedAt: r.reported_at.toISOString(),
    selfHandled: r.self_handled,
    registered: r.registered,
    dispatched: r.dispatched,
    accepted: r.accepted,
    handled: r.handled,
    closed: r.closed,
    validReport: r.valid_report,
    acceptLateAt: date(r.accept_late_at),
    handleLateAt: date(r.handle_late_at),
    caseLateAt: date(r.case_late_at),
    overdueAt: date(r.overdue_at),
    overdueHolderId: r.overdue_holder_id,
    overdueDepartmentId: r.overdue_department_id,
    handleLateHolderId: r.handle_late_holder_id,
    handleLateDepartmentId: r.handle_late_department_id,
    suspendedSince: date(r.suspended_since),
    acceptedAt: date(r.accepted_at),
    handledAt: date(r.handled_at),
    closedAt: date(r.closed_at),
    reworked: r.reworked,
    reworkedAt: date(r.reworked_at),
    responseHours: r.response_hours,
    handlingHours: r.handling_hours,
    rating: r.rating,
    missedReport: r.missed_report,
    whistled: r.whistled,
    departments: [],
    waived: r.waived,
  };
}

/** The fact columns, as a column list. */
export const FACT_COLUMN_LIST = COLUMNS.map(([name]) => name).join(', ');

/**
 * Facts as rows of one JSON parameter: `jsonb_to_recordset(<param>::jsonb) AS r(…)` (with `factRecordset`), each row
 * carrying `through_seq`, the last event it reflects (null when unknown).
 */
export function factsParameter(facts: readonly { facts: AssessmentCaseFacts; throughSeq: number | null }[]): string {
  return JSON.stringify(facts.map((f) => ({ ...rowOfFacts(f.facts), through_seq: f.throughSeq })));
}

/** The record definition of `factsParameter`'s rows, for `jsonb_to_recordset`. */
export function factRecordset(param: string): string {
  return `jsonb_to_recordset(${param}::jsonb) AS r(${COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')}, through_seq bigint)`;
}

/**
 * Whether a new report may write its own facts in the statement that writes it: an open case whose facts have no
 * departments' parts. A case finished at once (self-handled and closed) joins a rollup cell, which is the
 * projector's to recompute; such a report leaves its facts to the projector, as every later event does.
 */
export function writableAtIntake(facts: AssessmentCaseFacts): boolean {
  return !TERMINAL_STATUSES.includes(facts.status) && facts.departments.length === 0;
}

function rowOfFacts(f: AssessmentCaseFacts): Record<keyof FactRow, unknown> {
  return {
    case_id: f.caseId, reported_at: f.reportedAt, category_code: f.categoryCode, category_points: f.categoryPoints, priority: f.priority,
    source: f.source, status: f.status, zone_id: f.areaPath[1], village_id: f.areaPath[2], grid_id: f.areaPath[3], reporter_id: f.reporterId,
    handler_id: f.handlerId, grid_worker_id: f.gridWorkerId, department_ids: f.departmentIds, self_handled: f.selfHandled, registered: f.registered,
    dispatched: f.dispatched, accepted: f.accepted, handled: f.handled, closed: f.closed, valid_report: f.validReport, reworked: f.reworked,
    missed_report: f.missedReport, whistled: f.whistled, accept_late_at: f.acceptLateAt, handle_late_at: f.handleLateAt, case_late_at: f.caseLateAt,
    overdue_at: f.overdueAt, accepted_at: f.acceptedAt, handled_at: f.handledAt, closed_at: f.closedAt, reworked_at: f.reworkedAt,
    response_hours: f.responseHours, handling_hours: f.handlingHours, rating: f.rating, waived: f.waived,
    overdue_holder_id: f.overdueHolderId, overdue_department_id: f.overdueDepartmentId, handle_late_holder_id: f.handleLateHolderId,
    handle_late_department_id: f.handleLateDepartmentId, suspended_since: f.suspendedSince,
  };
}

export type CategoryRules = Pick<CaseCategory, 'clock' | 'timeLimits'> & { points: number };

export const categoryRulesKey = (code: string, version: number) => `${code}@${version}`;

/** A rollup cell: the finished cases of one grid reported in one local month (`month`: its first day). */
export interface RollupCell {
  month: string;
  gridId: string;
}

/** Advisory lock class of rollup cells (`pg_advisory_xact_lock(class, hash of the cell)`). */
const ROLLUP_LOCK_CLASS = 0x61737372;
const ROLLUP_SQL = rollupCellsSql();

/** All SQL of the projection: claiming dirty cases, reading their timelines, writing their facts. */
@Injectable()
export class AssessmentFactsStore {
  /** Claims up to `limit` dirty cases (removing their marks; a later event marks again after this commits). */
  async claimDirty(manager: EntityManager, limit: number): Promise<string[]> {
    const rows = (await manager.query(
      // A SELECT around the DELETE: TypeORM answers a bare DELETE … RETURNING as [rows, count].
      `WITH claimed AS (
         DELETE FROM assessment_dirty WHERE case_id IN (SELECT case_id FROM assessment_dirty ORDER BY marked_at LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING case_id
       ) SELECT case_id FROM claimed`,
      [limit],
    )) as { case_id: string }[];
    return rows.map((r) => r.case_id);
  }

  async markDirty(manager: EntityManager, caseIds: readonly string[]): Promise<void> {
    await manager.query(`INSERT INTO assessment_dirty (case_id) SELECT unnest($1::uuid[]) ON CONFLICT (case_id) DO UPDATE SET marked_at = EXCLUDED.marked_at`, [caseIds]);
  }

  /** The rollup cells the cases' finished facts count in (before and after a projection changes them). */
  async finishedCells(manager: EntityManager, caseIds: readonly string[]): Promise<RollupCell[]> {
    return (await manager.query(
      `SELECT DISTINCT to_char(${MONTH_OF_REPORT}, 'YYYY-MM-DD') AS "month", f.grid_id AS "gridId" FROM assessment_facts f WHERE f.case_id = ANY($1::uuid[]) AND f.status IN ${TERMINAL}`,
      [caseIds],
    )) as RollupCell[];
  }

  /**
   * Recomputes the rollup rows of the cells from their finished facts. The cells' locks (taken in one order,
   * held to commit) serialise projectors of several instances on a cell: the last to take a cell's lock
   * recomputes after the others committed, and its statement's snapshot sees their facts as well as its own.
   */
  async refreshCells(manager: EntityManager, cells: readonly RollupCell[]): Promise<void> {
    if (!cells.length) return;
    const params = [cells.map((c) => c.month), cells.map((c) => c.gridId)];
    await manager.query(
      `SELECT count(pg_advisory_xact_lock(${ROLLUP_LOCK_CLASS}, s.k)) FROM (
         SELECT DISTINCT hashtext(c.month::text || c.grid_id::text) AS k FROM unnest($1::date[], $2::uuid[]) AS c(month, grid_id) ORDER BY 1
       ) s`,
      params,
    );
    await manager.query(`DELETE FROM assessment_rollups r USING unnest($1::date[], $2::uuid[]) AS c(month, grid_id) WHERE r.month = c.month AND r.grid_id = c.grid_id`, params);
    await manager.query(ROLLUP_SQL, params);
  }

  /** Claims up to `limit` cells queued for a rollup (a backfill), removing them from the queue. */
  async claimStaleCells(manager: EntityManager, limit: number): Promise<RollupCell[]> {
    return (await manager.query(
      `WITH claimed AS (
         DELETE FROM assessment_rollup_stale WHERE (month, grid_id) IN (SELECT month, grid_id FROM assessment_rollup_stale LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING month, grid_id
       ) SELECT to_char(month, 'YYYY-MM-DD') AS "month", grid_id AS "gridId" FROM claimed`,
      [limit],
    )) as RollupCell[];
  }

  /** Every timeline of the cases, as the domain's drafts, built in one query, with the last event's `seq`. */
  async timelines(manager: EntityManager, caseIds: readonly string[]): Promise<Map<string, { categoryCode: string; categoryVersion: number; events: CaseEventDraft[]; throughSeq: number }>> {
    const rows = (await manager.query(
      `SELECT c.id, c.category_code, c.category_version, max(e.seq)::float8 AS through_seq, json_agg(json_build_object(
           'kind', e.kind, 'fromStatus', e.from_status, 'toStatus', e.to_status, 'actorId', e.actor_id,
           'at', to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'data', e.data) ORDER BY e.seq) AS events
       FROM cases c JOIN case_events e ON e.case_id = c.id WHERE c.id = ANY($1::uuid[]) GROUP BY c.id`,
      [caseIds],
    )) as { id: string; category_code: string; category_version: number; through_seq: number; events: CaseEventDraft[] }[];
    return new Map(rows.map((r) => [r.id, { categoryCode: r.category_code, categoryVersion: r.category_version, events: r.events, throughSeq: r.through_seq }]));
  }

  /**
   * Category rules by `categoryRulesKey(code, version)`, every version of every category, active or not: a case
   * counts with the limits and points of the version it was routed under (ADR 0011), never a later edit's.
   */
  async categories(manager: EntityManager): Promise<Map<string, CategoryRules>> {
    const rows = (await manager.query(`SELECT category_code, version, clock, time_limits, points FROM category_versions`)) as {
      category_code: string;
      version: number;
      clock: CategoryRules['clock'];
      time_limits: CategoryRules['timeLimits'];
      points: number;
    }[];
    return new Map(rows.map((r) => [categoryRulesKey(r.category_code, r.version), { clock: r.clock, timeLimits: r.time_limits, points: r.points }]));
  }

  async waivers(manager: EntityManager, caseIds: readonly string[]): Promise<Map<string, AppealKind[]>> {
    const rows = (await manager.query(`SELECT case_id, kind FROM assessment_appeals WHERE status = 'upheld' AND case_id = ANY($1::uuid[]) ORDER BY kind`, [caseIds])) as { case_id: string; kind: AppealKind }[];
    const waived = new Map<string, AppealKind[]>();
    for (const r of rows) waived.set(r.case_id, [...(waived.get(r.case_id) ?? []), r.kind]);
    return waived;
  }

  /** Replaces the facts (and departments' parts) of the cases. */
  async save(manager: EntityManager, projected: readonly { facts: AssessmentCaseFacts; throughSeq: number | null }[]): Promise<void> {
    if (!projected.length) return;
    await manager.query(
      `INSERT INTO assessment_facts (${FACT_COLUMN_LIST}, through_seq, computed_at)
       SELECT ${FACT_COLUMN_LIST}, through_seq, now() FROM ${factRecordset('$1')}
       ON CONFLICT (case_id) DO UPDATE SET ${[...COLUMNS.slice(1).map(([n]) => `${n} = EXCLUDED.${n}`), 'through_seq = EXCLUDED.through_seq', 'computed_at = now()'].join(', ')}`,
      [factsParameter(projected)],
    );
    const facts = projected.map((p) => p.facts);
    const ids = facts.map((f) => f.caseId);
    await manager.query(`DELETE FROM assessment_department_facts WHERE case_id = ANY($1::uuid[])`, [ids]);
    const parts = facts.flatMap((f) =>
      f.departments.map((d) => ({
        case_id: f.caseId, department_id: d.departmentId, reported_at: f.reportedAt, zone_id: f.areaPath[1], village_id: f.areaPath[2], grid_id: f.areaPath[3],
        reported_in: d.reportedIn, report_in_late_at: d.reportInLateAt, rating: d.rating,
      })),
    );
    if (parts.length)
      await manager.query(
        `INSERT INTO assessment_department_facts (case_id, department_id, reported_at, zone_id, village_id, grid_id, reported_in, report_in_late_at, rating)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(case_id uuid, department_id uuid, reported_at timestamptz, zone_id uuid, village_id uuid, grid_id uuid, reported_in boolean, report_in_late_at timestamptz, rating smallint)`,
        [JSON.stringify(parts)],
      );
  }
}
