import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DutyDaySummary, PatrolDaySummary } from '@grid/domain';
import { DataSource } from 'typeorm';
import { areaColumnOf } from './assessment-sql';
import type { AssessmentScope } from './assessment-scope';

/** Where patrol work (到村入户 days, visits, distance) comes from: one summary per worker, grid and local day. */
export abstract class PatrolSummarySource {
  abstract days(period: { from: Date; to: Date }, scope: AssessmentScope): Promise<PatrolDaySummary[]>;
  /** The local days on which workers checked in for duty (the rota's `check_ins`). */
  abstract dutyDays(period: { from: Date; to: Date }, scope: AssessmentScope): Promise<DutyDaySummary[]>;
}

const AREA_INDEX = { zone: 2, village: 3, grid: 4 } as const;

/**
 * Reads the patrol tables (`patrols`, `patrol_visits`, issue 6's patrol part). Until they exist in the
 * database (the patrol migration has not run), there are no patrols: the answer is empty.
 */
@Injectable()
export class SqlPatrolSummarySource extends PatrolSummarySource {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async days(period: { from: Date; to: Date }, scope: AssessmentScope): Promise<PatrolDaySummary[]> {
    if (scope.departmentId) return [];
    const [exists] = (await this.dataSource.query(`SELECT to_regclass('patrols') IS NOT NULL AND to_regclass('patrol_visits') IS NOT NULL AS ok`)) as { ok: boolean }[];
    if (!exists.ok) return [];
    const params: unknown[] = [period.from, period.to];
    const column = scope.area ? areaColumnOf(scope.area.level) : null;
    const inArea = scope.area && column ? `AND p.area_path[${AREA_INDEX[scope.area.level as keyof typeof AREA_INDEX]}] = $3::uuid` : '';
    if (inArea && scope.area) params.push(scope.area.id);
    const rows = (await this.dataSource.query(
      `SELECT p.worker_id, p.grid_id, p.area_path, to_char(p.started_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day,
              sum(p.distance_m) AS distance_m, coalesce(sum(v.visits), 0) AS visits
       FROM patrols p
       LEFT JOIN (SELECT patrol_id, count(*) AS visits FROM patrol_visits GROUP BY patrol_id) v ON v.patrol_id = p.id
       WHERE p.started_at >= $1 AND p.started_at < $2 ${inArea}
       GROUP BY 1, 2, 3, 4`,
      params,
    )) as { worker_id: string; grid_id: string; area_path: string[]; day: string; distance_m: string | number; visits: string | number }[];
    return rows.map((r) => ({ workerId: r.worker_id, gridId: r.grid_id, areaPath: r.area_path, day: r.day, distanceM: Number(r.distance_m), visits: Number(r.visits) }));
  }

  async dutyDays(period: { from: Date; to: Date }, scope: AssessmentScope): Promise<DutyDaySummary[]> {
    if (scope.departmentId) return [];
    const params: unknown[] = [period.from, period.to];
    const inArea = scope.area && scope.area.level !== 'district' ? `AND (a.id = $3::uuid OR a.path @> ARRAY[$3::uuid])` : '';
    if (inArea && scope.area) params.push(scope.area.id);
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT c.user_id, a.path || a.id AS area_path, c.local_date::text AS day
       FROM check_ins c JOIN areas a ON a.id = c.area_id
       WHERE c.at >= $1 AND c.at < $2 ${inArea}`,
      params,
    )) as { user_id: string; area_path: string[]; day: string }[];
    return rows.map((r) => ({ workerId: r.user_id, areaPath: r.area_path, day: r.day }));
  }
}
