import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TerritoryChangeDto, TerritoryCompareDto, TerritoryStaffingRowDto, TerritoryVersionDto } from '@grid/contracts';
import { DataSource } from 'typeorm';
import { notFound } from '../../common/app-error';

/** The kept territory versions, their comparison, and the staffing figures of the current one. */
@Injectable()
export class TerritoryVersionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(): Promise<TerritoryVersionDto[]> {
    const rows = (await this.dataSource.query(
      `SELECT version, created_at, created_by_name, source, area_count, version = max(version) OVER () AS current FROM territory_versions ORDER BY version DESC`,
    )) as { version: number; created_at: Date; created_by_name: string | null; source: string; area_count: number; current: boolean }[];
    return rows.map((r) => ({ version: r.version, createdAt: r.created_at.toISOString(), createdBy: r.created_by_name, source: r.source, areaCount: r.area_count, current: r.current }));
  }

  /** Areas added, removed and changed (boundary, name, parent, attributes) from one version to another, by code. */
  async compare(from: number, to: number): Promise<TerritoryCompareDto> {
    const [{ found }] = (await this.dataSource.query(`SELECT count(*)::int AS found FROM territory_versions WHERE version = ANY($1::int[])`, [[from, to]])) as { found: number }[];
    if (found < new Set([from, to]).size) throw notFound('territory version');
    const rows = (await this.dataSource.query(
      `SELECT coalesce(b.code, a.code) AS code, coalesce(b.name, a.name) AS name, coalesce(b.level, a.level) AS level,
              a.code IS NULL AS added, b.code IS NULL AS removed,
              a.boundary IS DISTINCT FROM b.boundary AS boundary, a.name IS DISTINCT FROM b.name AS renamed,
              pa.code IS DISTINCT FROM pb.code AS parent,
              (a.population, a.households, a.staff_quota) IS DISTINCT FROM (b.population, b.households, b.staff_quota) AS attributes
       FROM (SELECT * FROM territory_version_areas WHERE version = $1) a
       FULL JOIN (SELECT * FROM territory_version_areas WHERE version = $2) b ON a.code = b.code
       LEFT JOIN areas pa ON pa.id = a.parent_id LEFT JOIN areas pb ON pb.id = b.parent_id
       WHERE a.code IS NULL OR b.code IS NULL OR a.boundary IS DISTINCT FROM b.boundary OR a.name IS DISTINCT FROM b.name
          OR pa.code IS DISTINCT FROM pb.code OR (a.population, a.households, a.staff_quota) IS DISTINCT FROM (b.population, b.households, b.staff_quota)
       ORDER BY array_position(ARRAY['district','zone','village','grid']::varchar[], coalesce(b.level, a.level)), 1`,
      [from, to],
    )) as (TerritoryChangeDto & { added: boolean; removed: boolean; boundary: boolean; renamed: boolean; parent: boolean; attributes: boolean })[];
    const change = (r: (typeof rows)[number]): TerritoryChangeDto => ({ code: r.code, name: r.name, level: r.level });
    return {
      from,
      to,
      added: rows.filter((r) => r.added).map(change),
      removed: rows.filter((r) => r.removed).map(change),
      changed: rows
        .filter((r) => !r.added && !r.removed)
        .map((r) => ({ ...change(r), changes: (['boundary', 'renamed', 'parent', 'attributes'] as const).filter((k) => r[k]).map((k) => (k === 'renamed' ? 'name' : k)) })),
    };
  }

  /** Population, households and quota per village and zone, with the active staff serving inside each. */
  async staffing(): Promise<TerritoryStaffingRowDto[]> {
    const rows = (await this.dataSource.query(
      `WITH staff AS (SELECT a.id, a.path FROM users u JOIN areas a ON a.id = u.area_id WHERE u.active)
       SELECT x.id, x.code, x.name, x.level, x.parent_id, x.population, x.households, x.staff_quota,
              (SELECT count(*) FROM staff s WHERE s.id = x.id OR s.path @> ARRAY[x.id])::int AS staff
       FROM areas x WHERE x.level IN ('zone', 'village') AND x.retired_at IS NULL
       ORDER BY x.level DESC, x.code`,
    )) as { id: string; code: string; name: string; level: 'zone' | 'village'; parent_id: string | null; population: number | null; households: number | null; staff_quota: number | null; staff: number }[];
    // A zone without its own figures counts those of its villages.
    const sumOf = (zoneId: string, key: 'population' | 'households' | 'staff_quota') => {
      const values = rows.filter((r) => r.parent_id === zoneId && r[key] !== null).map((r) => r[key] as number);
      return values.length ? values.reduce((a, b) => a + b, 0) : null;
    };
    return rows.map((r) => {
      const population = r.population ?? (r.level === 'zone' ? sumOf(r.id, 'population') : null);
      return {
        id: r.id,
        code: r.code,
        name: r.name,
        level: r.level,
        parentId: r.parent_id,
        population,
        households: r.households ?? (r.level === 'zone' ? sumOf(r.id, 'households') : null),
        staffQuota: r.staff_quota ?? (r.level === 'zone' ? sumOf(r.id, 'staff_quota') : null),
        staff: r.staff,
        staffPerThousand: population ? Math.round((r.staff * 1000 * 100) / population) / 100 : null,
      };
    });
  }
}
