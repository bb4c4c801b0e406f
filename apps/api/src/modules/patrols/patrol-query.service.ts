import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PATROL_VIEWER_ROLES, type PatrolDetail, type PatrolListResponse, patrolListQuerySchema } from '@grid/contracts';
import type { TrackPoint } from '@grid/domain';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { notFound } from '../../common/app-error';
import { AreasService } from '../areas/areas.service';
import type { AuthUser } from '../auth/auth-user';
import { scopeOf } from '../auth/scope';
import { PATROL_COLUMNS, PATROL_FROM, toPatrolDetail, toPatrolSummary, type PatrolRow, type PatrolVisitRow } from './patrol-rows';

type ListQuery = z.output<typeof patrolListQuerySchema>;

/**
 * Which patrols a caller may read, as SQL over `patrols p` with its positional parameters appended to `params`: their
 * own, and for leaders the patrols in their area subtree (everything for the district's roles).
 */
export function patrolScopeCondition(user: Pick<AuthUser, 'id' | 'role' | 'areaId' | 'departmentId' | 'postAreaIds' | 'postDepartmentIds'>, params: unknown[]): string {
  const scope = PATROL_VIEWER_ROLES.includes(user.role) ? scopeOf(user) : null;
  if (scope?.kind === 'all') return 'TRUE';
  params.push(user.id);
  const own = `p.worker_id = $${params.length}`;
  if (scope?.kind !== 'area') return own;
  params.push(scope.areaIds);
  return `(${own} OR p.area_path && $${params.length}::uuid[])`;
}

@Injectable()
export class PatrolQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly areas: AreasService,
  ) {}

  async list(user: AuthUser, query: ListQuery): Promise<PatrolListResponse> {
    const params: unknown[] = [];
    const where = [patrolScopeCondition(user, params)];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.workerId) add((n) => `p.worker_id = ${n}`, query.workerId === 'me' ? user.id : query.workerId);
    if (query.areaId) {
      await this.areas.assertVisible(scopeOf(user), query.areaId, 'areaId');
      add((n) => `p.area_path @> ARRAY[${n}]::uuid[]`, query.areaId);
    }
    if (query.from) add((n) => `p.started_at >= ${n}`, query.from);
    if (query.to) add((n) => `p.started_at < ${n}`, query.to);
    const filter = where.join(' AND ');
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM patrols p WHERE ${filter}`, params)) as { total: number }[];
    const rows = (await this.dataSource.query(
      `SELECT ${PATROL_COLUMNS} FROM ${PATROL_FROM} WHERE ${filter} ORDER BY p.started_at DESC, p.id LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    )) as PatrolRow[];
    return { items: rows.map(toPatrolSummary), total, page: query.page, pageSize: query.pageSize };
  }

  /** One patrol with its cleaned track and visits; 404 outside the caller's scope. */
  async get(user: AuthUser, id: string): Promise<PatrolDetail> {
    const params: unknown[] = [id];
    const scope = patrolScopeCondition(user, params);
    const [row] = (await this.dataSource.query(`SELECT ${PATROL_COLUMNS}, p.points FROM ${PATROL_FROM} WHERE p.id = $1 AND ${scope}`, params)) as (PatrolRow & { points: TrackPoint[] })[];
    if (!row) throw notFound('patrol');
    const visits = (await this.dataSource.query(`SELECT id, patrol_id, kind, label, lat, lng, at FROM patrol_visits WHERE patrol_id = $1 ORDER BY at, id`, [id])) as PatrolVisitRow[];
    return toPatrolDetail(row, row.points, visits);
  }
}
