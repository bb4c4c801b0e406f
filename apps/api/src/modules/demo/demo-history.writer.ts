import { Inject, Injectable } from '@nestjs/common';
import { simulateHistory, simulatePatrols, withCaseIds, type SimulatedCase } from '@grid/demo-data';
import { cleanTrack, formatCaseCode, localDateOf, type Actor, type AreaPath, type CaseEventDraft } from '@grid/domain';
import type { Role } from '@grid/contracts';
import { randomBytes, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { CaseEntity } from '../cases/case.entity';
import { CaseContextLoader } from '../cases/case-context.service';
import { departmentIdsOf, projectionColumns } from '../cases/case-projection';
import { CaseSlaService } from '../cases/case-sla.service';
import { CategoryEntity } from '../categories/category.entity';
import { isSpecialisedHelper } from '../people/specialised-helpers';

const EVENT_BATCH = 1_000;
const PATROL_BATCH = 500;

/** `($1, $2, …), (…)` for a multi-row INSERT of `rows` rows of `columns` values each. */
const placeholders = (rows: number, columns: number): string =>
  Array.from({ length: rows }, (_, j) => `(${Array.from({ length: columns }, (__, k) => `$${j * columns + k + 1}`).join(', ')})`).join(', ');

/**
 * Writes the demo's case history (simulated through the domain's state machine, so every timeline is
 * valid) as if it had happened: cases with their projections, events in time order, day counters.
 */
@Injectable()
export class DemoHistoryWriter {
  constructor(
    private readonly context: CaseContextLoader,
    private readonly sla: CaseSlaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async write(manager: EntityManager, options: { seed: number; days: number; casesPerDay: number; now: Date }): Promise<number> {
    const input = await this.loadInput(manager);
    const simulated = simulateHistory({ ...input, seed: options.seed, days: options.days, casesPerDay: options.casesPerDay, now: options.now.toISOString(), calendar: this.sla.calendar });
    // The simulator refers to cases by position (a merge names its main case); give them their ids.
    const ids = simulated.map(() => randomUUID());
    const cases = withCaseIds(simulated, ids);
    const categories = new Map<string, Awaited<ReturnType<CaseContextLoader['category']>>>();
    for (const code of new Set(cases.map((c) => c.categoryCode))) categories.set(code, await this.context.category(manager, code));

    const sequences = new Map<string, number>();
    const rows: Partial<CaseEntity>[] = [];
    const events: { caseId: string; areaPath: string[]; departmentIds: string[]; event: CaseEventDraft }[] = [];
    for (const [index, c] of cases.entries()) {
      const id = ids[index];
      const day = localDateOf(c.reportedAt);
      const sequence = (sequences.get(day) ?? 0) + 1;
      sequences.set(day, sequence);
      const sla = this.sla.evaluate(c.events, categories.get(c.categoryCode) as CaseCategoryLike, options.now, c.state);
      const categoryVersion = (categories.get(c.categoryCode) as { version: number }).version;
      rows.push({ ...rowOf(c, id, formatCaseCode(this.config.caseCodePrefix, day, sequence)), categoryVersion, ...projectionColumns(c.state, sla, 0) });
      const departmentIds = departmentIdsOf(c.state);
      for (const event of c.events) events.push({ caseId: id, areaPath: [...c.areaPath], departmentIds, event });
    }
    for (let i = 0; i < rows.length; i += 500) await manager.insert(CaseEntity, rows.slice(i, i + 500));

    events.sort((a, b) => a.event.at.localeCompare(b.event.at));
    for (let i = 0; i < events.length; i += EVENT_BATCH) {
      const batch = events.slice(i, i + EVENT_BATCH);
      await manager.query(
        `INSERT INTO case_events (case_id, kind, from_status, to_status, actor_id, at, note, data, area_path, department_ids) VALUES ${placeholders(batch.length, 10)}`,
        batch.flatMap(({ caseId, areaPath, departmentIds, event: e }) => [caseId, e.kind, e.fromStatus, e.toStatus, e.actorId, e.at, e.note ?? null, JSON.stringify(e.data), areaPath, departmentIds]),
      );
    }
    await manager.query(`UPDATE cases c SET last_seq = m.seq FROM (SELECT case_id, max(seq) AS seq FROM case_events GROUP BY case_id) m WHERE m.case_id = c.id`);
    for (const [day, last] of sequences) {
      await manager.query(
        `INSERT INTO case_code_counters (prefix, day, last) VALUES ($1, $2, $3) ON CONFLICT (prefix, day) DO UPDATE SET last = GREATEST(case_code_counters.last, EXCLUDED.last)`,
        [this.config.caseCodePrefix, day, last],
      );
    }
    await this.writePatrols(manager, input.grids, options);
    return rows.length;
  }

  /** The grid workers' patrols over the same days (到村入户 and mileage for the assessment), distances measured as live ones are. */
  private async writePatrols(manager: EntityManager, grids: Parameters<typeof simulatePatrols>[0]['grids'], options: { seed: number; days: number; now: Date }): Promise<void> {
    const patrols = simulatePatrols({ seed: options.seed, now: options.now.toISOString(), days: options.days, grids, calendar: this.sla.calendar });
    const ids = patrols.map(() => randomUUID());
    for (let i = 0; i < patrols.length; i += PATROL_BATCH) {
      const batch = patrols.slice(i, i + PATROL_BATCH);
      await manager.query(
        `INSERT INTO patrols (id, worker_id, grid_id, area_path, started_at, ended_at, distance_m, points, point_count, visit_count) VALUES ${placeholders(batch.length, 10)}`,
        batch.flatMap((p, j) => [ids[i + j], p.workerId, p.gridId, p.areaPath, p.startedAt, p.endedAt, cleanTrack(p.points).distanceMeters, JSON.stringify(p.points), p.points.length, p.visits.length]),
      );
    }
    const visits = patrols.flatMap((p, i) => p.visits.map((v) => [randomUUID(), ids[i], p.workerId, p.gridId, p.areaPath, v.kind, v.label, v.location.lat, v.location.lng, v.at]));
    for (let i = 0; i < visits.length; i += EVENT_BATCH) {
      const batch = visits.slice(i, i + EVENT_BATCH);
      await manager.query(`INSERT INTO patrol_visits (id, patrol_id, worker_id, grid_id, area_path, kind, label, lat, lng, at) VALUES ${placeholders(batch.length, 10)}`, batch.flat());
    }
  }

  /** One query at a time: the transaction has a single connection. */
  private async leafCategories(manager: EntityManager, codes: string[]) {
    const loaded = [];
    for (const code of codes) loaded.push(await this.context.category(manager, code));
    return loaded;
  }

  private async loadInput(manager: EntityManager) {
    const grids = (await manager.query(
      `SELECT a.id, a.path, a.centroid_lat, a.centroid_lng, a.boundary FROM areas a WHERE a.level = 'grid' ORDER BY a.code`,
    )) as { id: string; path: string[]; centroid_lat: number; centroid_lng: number; boundary: { type: string; coordinates: number[][][] | number[][][][] } }[];
    // Who is on duty in each grid: the same rule live reports are routed by.
    const workers = new Map<string, string | null>();
    for (const g of grids) workers.set(g.id, await this.context.onDutyWorkerId(manager, g.id));
    const users = (await manager.query(
      // The grid's specialised helpers (1+2+N: 警格, 法律顾问 …) are not dispatched, so they handle no case of the history.
      `SELECT u.id, u.role, u.area_id, u.department_id, a.path FROM users u LEFT JOIN areas a ON a.id = u.area_id
       WHERE u.active AND NOT ${isSpecialisedHelper('u.id')}
       ORDER BY u.username`,
    )) as { id: string; role: Role; area_id: string | null; department_id: string | null; path: string[] | null }[];
    const categories = await manager.find(CategoryEntity, { where: { active: true } });
    const leaves = categories.filter((c) => c.parentCode !== null);
    return {
      grids: grids.map((g) => ({
        id: g.id,
        areaPath: [...g.path, g.id] as unknown as AreaPath,
        centroid: { lat: g.centroid_lat, lng: g.centroid_lng },
        ring: g.boundary.type === 'Polygon' ? (g.boundary.coordinates as number[][][])[0] : (g.boundary.coordinates as number[][][][])[0][0],
        workerId: workers.get(g.id) ?? null,
      })),
      users: users.map((u): Actor => ({ id: u.id, role: u.role, areaId: u.area_id, areaPath: u.area_id ? [...(u.path ?? []), u.area_id] : [], departmentId: u.department_id })),
      categories: await this.leafCategories(manager, leaves.map((c) => c.code)),
      departmentIdByCode: await this.context.departmentIdByCode(manager),
    };
  }
}

type CaseCategoryLike = Parameters<CaseSlaService['evaluate']>[1];

function rowOf(c: SimulatedCase, id: string, code: string): Partial<CaseEntity> {
  return {
    id,
    code,
    trackingToken: randomBytes(12).toString('base64url'),
    source: c.source,
    categoryCode: c.categoryCode,
    priority: c.priority,
    description: c.description,
    lat: c.location.lat,
    lng: c.location.lng,
    address: c.address,
    gridId: c.gridId,
    areaPath: [...c.areaPath],
    reporterId: c.reporterId,
    reporterName: c.reporterName,
    reporterPhone: c.reporterPhone,
    reportedAt: new Date(c.reportedAt),
  };
}
