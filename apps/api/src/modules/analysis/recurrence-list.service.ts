import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CaseStatus, RecurrenceItem, RecurrenceList, RecurrenceQuery } from '@grid/contracts';
import { instantsOf } from '@grid/domain';
import { DataSource } from 'typeorm';
import { AreasService } from '../areas/areas.service';
import type { AuthUser } from '../auth/auth-user';
import { scopeOf } from '../auth/scope';
import { CaseRecurrenceFinder } from '../cases/case-recurrence';
import { CATEGORY_CONDITION } from './analysis-region';

/** Metres per degree of latitude on the sphere `distanceMeters` uses. */
const METRES_PER_DEGREE = 111_195;

interface RecurrentRow {
  id: string;
  code: string;
  category_code: string;
  status: CaseStatus;
  lat: number;
  lng: number;
  address: string | null;
  grid_id: string;
  reported_at: Date;
  total: string;
}

interface UnitRow {
  id: string;
  level: string | null;
  handling_area_id: string | null;
  handling_department_id: string | null;
  name: string | null;
}

/**
 * The recurrent reports of a period (for root-cause work): each case reported in it, in the caller's area, near
 * which (radius) a case of its category had been closed within the window before; with the unit that closed that
 * case, which assessment may count against it. The candidates are found in SQL through the closed-case index; each
 * listed case's recurrence is then told exactly as the case view tells it.
 */
@Injectable()
export class RecurrenceListService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly areas: AreasService,
    private readonly finder: CaseRecurrenceFinder,
  ) {}

  async list(user: AuthUser, query: RecurrenceQuery): Promise<RecurrenceList> {
    const scope = scopeOf(user);
    if (query.areaId) await this.areas.assertVisible(scope, query.areaId, 'areaId');
    const { radiusMeters, windowDays } = this.finder.rules;
    const { fromMs, toMs } = instantsOf(query);
    const params: unknown[] = [new Date(fromMs), new Date(toMs), radiusMeters, windowDays, (query.page - 1) * query.pageSize, query.pageSize];
    const conditions: string[] = [];
    const add = (value: unknown) => `$${params.push(value)}`;
    if (scope.kind === 'area') conditions.push(`c.area_path && ${add(scope.areaIds)}::uuid[]`);
    if (scope.kind === 'department') conditions.push('FALSE');
    if (query.areaId) conditions.push(`c.area_path @> ARRAY[${add(query.areaId)}]::uuid[]`);
    if (query.categoryCode) conditions.push(CATEGORY_CONDITION(add(query.categoryCode)));
    const rows = (await this.dataSource.query(
      `SELECT c.id, c.code, c.category_code, c.status, c.lat, c.lng, c.address, c.grid_id, c.reported_at, count(*) OVER () AS total
         FROM cases c
        WHERE c.reported_at >= $1 AND c.reported_at < $2 AND c.merged_into IS NULL AND c.status NOT IN ('rejected', 'cancelled')
          ${conditions.map((c) => `AND ${c}`).join(' ')}
          AND EXISTS (
            SELECT 1 FROM cases p
             WHERE p.category_code = c.category_code
               AND point(p.lng, p.lat) <@ box(
                     point(c.lng - $3 * 1.01 / ${METRES_PER_DEGREE} / cos(radians(c.lat)), c.lat - $3 * 1.01 / ${METRES_PER_DEGREE}),
                     point(c.lng + $3 * 1.01 / ${METRES_PER_DEGREE} / cos(radians(c.lat)), c.lat + $3 * 1.01 / ${METRES_PER_DEGREE}))
               AND p.closed_at IS NOT NULL AND p.merged_into IS NULL AND p.id <> c.id
               AND p.closed_at >= c.reported_at - make_interval(days => $4::int) AND p.closed_at <= c.reported_at)
        ORDER BY c.reported_at DESC, c.id
        OFFSET $5 LIMIT $6`,
      params,
    )) as RecurrentRow[];
    const told = await Promise.all(
      rows.map(async (r) => ({ row: r, recurrence: await this.finder.of({ id: r.id, categoryCode: r.category_code, lat: r.lat, lng: r.lng, reportedAt: r.reported_at, mergedInto: null }) })),
    );
    const found = told.flatMap(({ row, recurrence }) => (recurrence ? [{ row, recurrence }] : []));
    const units = await this.closingUnits(found.map((f) => f.recurrence.lastClosed.id));
    const items: RecurrenceItem[] = found.map(({ row, recurrence }) => {
      const unit = units.get(recurrence.lastClosed.id);
      return {
        case: {
          id: row.id,
          code: row.code,
          categoryCode: row.category_code,
          status: row.status,
          location: { lat: row.lat, lng: row.lng },
          address: row.address,
          gridId: row.grid_id,
          reportedAt: row.reported_at.toISOString(),
        },
        recurrence,
        closedBy: { level: unit?.level ?? null, areaId: unit?.handling_area_id ?? null, departmentId: unit?.handling_department_id ?? null, name: unit?.name ?? null },
      };
    });
    return { items, total: rows.length ? Number(rows[0].total) : 0, page: query.page, pageSize: query.pageSize, rules: { radiusMeters, windowDays } };
  }

  /** The unit that held each case when it was closed (its handling unit: a closed case's never changes). */
  private async closingUnits(caseIds: string[]): Promise<Map<string, UnitRow>> {
    if (!caseIds.length) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT c.id, c.state->'unit'->>'level' AS level, c.handling_area_id, c.handling_department_id, coalesce(a.name, d.name) AS name
         FROM cases c LEFT JOIN areas a ON a.id = c.handling_area_id LEFT JOIN departments d ON d.id = c.handling_department_id
        WHERE c.id = ANY($1::uuid[])`,
      [caseIds],
    )) as UnitRow[];
    return new Map(rows.map((r) => [r.id, r]));
  }
}
