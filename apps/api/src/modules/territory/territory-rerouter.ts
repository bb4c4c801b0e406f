import { Injectable, Logger } from '@nestjs/common';
import { TERMINAL_STATUSES, type CaseEventOf } from '@grid/domain';
import { AreaIndex } from '@grid/geo';
import type { TerritoryRecord } from '@grid/geo/territory';
import { DataSource, EntityManager, In } from 'typeorm';
import { InjectDataSource } from '@nestjs/typeorm';
import { CaseEntity } from '../cases/case.entity';
import type { StoredEvent } from '../cases/case-store';
import { CasePublisher } from '../realtime/case-publisher';

/** An open case whose location lies in another grid under a territory (grids by code). */
export interface MovedCase {
  id: string;
  code: string;
  gridCode: string | null;
  newGridCode: string | null;
}

/** A case the re-route wrote: its event, to publish once the transaction commits. */
export type Rerouted = Omit<StoredEvent, 'kind' | 'data'> & CaseEventOf<'rerouted'> & { caseId: string; seq: number };

const PUBLISH_CHUNK = 2000;

/**
 * Re-routes open cases after a territory version (ADR 0008), set-based: one statement locks the moved
 * cases, appends one `rerouted` event each and updates their rows (area path, grid, and — for a case its old
 * grid held — unit, status and assignee), by the rule of the domain's `reroute`/`reroutedStatus`, which the
 * SQL mirrors (the e2e test checks the row against the replayed timeline). 100,000 cases take seconds; a loop
 * of per-case transactions would take minutes.
 */
@Injectable()
export class TerritoryRerouter {
  private readonly logger = new Logger(TerritoryRerouter.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly publisher: CasePublisher,
  ) {}

  /** The open cases whose location the grids of `records` put in another grid than the one they are in. */
  async moved(manager: EntityManager, records: readonly TerritoryRecord[]): Promise<MovedCase[]> {
    const index = AreaIndex.build(records.filter((r) => r.level === 'grid').map((r) => ({ id: r.code, boundary: r.boundary })));
    const open = (await manager.query(
      `SELECT c.id, c.code, c.lat, c.lng, g.code AS grid_code FROM cases c LEFT JOIN areas g ON g.id = c.grid_id
       WHERE c.status <> ALL($1::varchar[]) AND c.merged_into IS NULL ORDER BY c.reported_at`,
      [TERMINAL_STATUSES],
    )) as { id: string; code: string; lat: number; lng: number; grid_code: string | null }[];
    return open.flatMap((c) => {
      const newGridCode = index.locate({ lat: c.lat, lng: c.lng });
      return newGridCode === c.grid_code ? [] : [{ id: c.id, code: c.code, gridCode: c.grid_code, newGridCode }];
    });
  }

  /** Inside the apply's transaction, after the areas are written: re-routes the moved cases to their new grids. */
  async reroute(manager: EntityManager, records: readonly TerritoryRecord[], version: number, now: Date): Promise<Rerouted[]> {
    const moved = (await this.moved(manager, records)).filter((c) => c.newGridCode !== null);
    if (!moved.length) return [];
    const at = now.toISOString();
    // An UPDATE answers [rows, row count] through TypeORM's query().
    const [rows] = (await manager.query(REROUTE, [moved.map((c) => c.id), moved.map((c) => c.newGridCode), TERMINAL_STATUSES, at, version, at])) as [
      { id: string; seq: string; from_status: StoredEvent['toStatus']; to_status: StoredEvent['toStatus']; from_path: string[]; to_path: string[] }[],
      number,
    ];
    return rows.map((r) => ({
      caseId: r.id, seq: Number(r.seq), kind: 'rerouted', fromStatus: r.from_status, toStatus: r.to_status, actorId: null, at,
      data: { from: r.from_path as never, to: r.to_path as never, territoryVersion: version },
    }));
  }

  /** After the commit: the live channel tells every room of each case (its new grid's among them). */
  publish(events: readonly Rerouted[]): void {
    void (async () => {
      for (let i = 0; i < events.length; i += PUBLISH_CHUNK) {
        const chunk = events.slice(i, i + PUBLISH_CHUNK);
        const rows = new Map((await this.dataSource.manager.findBy(CaseEntity, { id: In(chunk.map((e) => e.caseId)) })).map((r) => [r.id, r]));
        for (const event of chunk) {
          const row = rows.get(event.caseId);
          if (row) this.publisher.publish(row, [event as StoredEvent]);
        }
      }
    })().catch((error: unknown) => this.logger.warn(`live push of re-routed cases failed: ${(error as Error).message}`));
  }
}

/** The old grid is the case's unit (on the row before the update). */
const HELD = `(c.state->'unit'->>'level' = 'grid' AND c.state->'unit'->>'areaId' = c.grid_id::text)`;
/** It was working on it: back to registered at the new grid, without its person. */
const SENT_BACK = `(i.to_status = 'registered' AND i.from_status <> 'registered')`;

/**
 * $1 case ids, $2 their new grids' codes, $3 the terminal statuses, $4 the time, $5 the territory version, $6 the time
 * again as the ISO text the projected state holds ($4 is typed timestamptz, whose text form differs).
 * `held`: the old grid is the case's unit; `sent_back`: it was working on it (not suspended) → registered at the
 * new grid without its person. Rows changed since the caller read them (ended, moved) are left alone.
 */
const REROUTE = `
  WITH moves AS (
    SELECT m.case_id, g.id AS to_grid, g.path || g.id AS to_path
    FROM unnest($1::uuid[], $2::text[]) AS m(case_id, grid_code) JOIN areas g ON g.code = m.grid_code AND g.level = 'grid' AND g.retired_at IS NULL
  ), locked AS (
    SELECT c.id, c.status, c.area_path, c.department_ids, m.to_grid, m.to_path,
      ${HELD} AS held, c.suspended
    FROM cases c JOIN moves m ON m.case_id = c.id
    WHERE c.status <> ALL($3::varchar[]) AND c.merged_into IS NULL AND c.grid_id <> m.to_grid
    FOR NO KEY UPDATE OF c
  ), decided AS (
    SELECT l.*, (l.held AND NOT l.suspended AND l.status IN ('dispatched', 'accepted', 'in_progress')) AS sent_back FROM locked l
  ), ins AS (
    INSERT INTO case_events (case_id, kind, from_status, to_status, actor_id, at, note, data, area_path, department_ids)
    SELECT d.id, 'rerouted', d.status, CASE WHEN d.sent_back THEN 'registered' ELSE d.status END, NULL, $4::timestamptz, NULL,
      jsonb_build_object('from', to_jsonb(d.area_path), 'to', to_jsonb(d.to_path), 'territoryVersion', $5::int), d.to_path, d.department_ids
    FROM decided d ORDER BY d.id
    RETURNING case_id, seq, from_status, to_status, area_path, data
  )
  -- Joined to the events alone (by primary key), not to the other CTEs: CTE scans carry no statistics, and a
  -- nested loop between two of them is quadratic. HELD reads the row's values from before the update.
  UPDATE cases c SET
    grid_id = i.area_path[4],
    area_path = i.area_path,
    status = i.to_status,
    handling_area_id = CASE WHEN ${HELD} THEN i.area_path[4] ELSE c.handling_area_id END,
    assignee_id = CASE WHEN ${SENT_BACK} THEN NULL ELSE c.assignee_id END,
    last_seq = i.seq,
    state = c.state || jsonb_build_object('areaPath', i.data->'to', 'status', i.to_status, 'lastEventAt', $6::text)
      || CASE WHEN ${HELD} THEN jsonb_build_object('unit', jsonb_build_object('level', 'grid', 'areaId', i.area_path[4])) ELSE '{}'::jsonb END
      || CASE WHEN ${SENT_BACK} THEN '{"assigneeId": null, "delivered": false, "returnTo": null, "pendingExtension": null, "pendingSuspension": null}'::jsonb ELSE '{}'::jsonb END
  FROM ins i
  WHERE c.id = i.case_id
  RETURNING c.id, i.seq, i.from_status, i.to_status, i.data->'from' AS from_path, i.data->'to' AS to_path`;
