import { Injectable } from '@nestjs/common';
import { AREA_LEVELS, type AreaLevel, type BoundaryGeometry, type LatLng } from '@grid/contracts';
import { centroidOf, isValidBoundary } from '@grid/geo';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { invalid } from '../../common/app-error';
import { AreaEntity } from './area.entity';
import { AREAS_CHANGED_CHANNEL } from './area-index.service';

/** One area to create or update, identified by its code (the import format of the CLI and the demo). */
export interface AreaRecord {
  code: string;
  name: string;
  level: AreaLevel;
  parentCode: string | null;
  boundary: BoundaryGeometry | null;
  centroid?: LatLng;
  population?: number | null;
  households?: number | null;
  staffQuota?: number | null;
}

export interface TerritoryWriteOptions {
  /** The records are the whole territory: areas not among them are retired (kept for the cases that point at them). */
  replace?: boolean;
  /** What the version is made from (a file name, "demo", "cli"). */
  source?: string;
  actor?: { id: string | null; username: string | null };
}

export interface TerritoryWriteResult {
  created: number;
  updated: number;
  retired: number;
  /** The territory version this write made. */
  version: number;
}

const CHUNK = 500;

/**
 * Writes areas level by level (district first) so every parent exists before its children, computing
 * each area's ancestor path and centroid. Existing codes are updated in place (their ids stay, so open
 * cases keep their grid). Every write makes a new territory version with a snapshot of its areas
 * (ADR 0008); the caller's transaction makes it atomic.
 */
@Injectable()
export class TerritoryWriter {
  async write(manager: EntityManager, records: AreaRecord[], options: TerritoryWriteOptions = {}): Promise<TerritoryWriteResult> {
    validateRecords(records);
    // One territory write at a time: versions are numbered and snapshotted in order.
    await manager.query(`LOCK TABLE territory_versions IN EXCLUSIVE MODE`);
    const byLevel = AREA_LEVELS.map((level) => records.filter((r) => r.level === level));
    const existing = new Map<string, Pick<AreaEntity, 'id' | 'path' | 'level'>>();
    const codes = records.flatMap((r) => (r.parentCode ? [r.code, r.parentCode] : [r.code]));
    for (let i = 0; i < codes.length; i += CHUNK) {
      const rows = await manager.find(AreaEntity, { select: { id: true, code: true, path: true, level: true }, where: { code: In(codes.slice(i, i + CHUNK)) } });
      for (const row of rows) existing.set(row.code, row);
    }

    let created = 0;
    let updated = 0;
    for (const [depth, level] of AREA_LEVELS.entries()) {
      const rows: Partial<AreaEntity>[] = [];
      for (const record of byLevel[depth]) {
        const parent = record.parentCode ? existing.get(record.parentCode) : undefined;
        if (record.parentCode && !parent) throw invalid(`area ${record.code}: parent ${record.parentCode} does not exist`, { parentCode: record.parentCode });
        if (parent && AREA_LEVELS.indexOf(parent.level) !== depth - 1) throw invalid(`area ${record.code}: a ${level} must sit under a ${AREA_LEVELS[depth - 1]}`, { parentCode: record.parentCode ?? '' });
        const previous = existing.get(record.code);
        const centroid = record.centroid ?? (record.boundary ? centroidOf(record.boundary) : null);
        if (!centroid) throw invalid(`area ${record.code}: needs a boundary or a centroid`, { boundary: 'missing' });
        const row = {
          id: previous?.id ?? randomUUID(),
          code: record.code,
          name: record.name,
          level,
          parentId: parent?.id ?? null,
          path: parent ? [...parent.path, parent.id] : [],
          boundary: record.boundary,
          centroidLat: centroid.lat,
          centroidLng: centroid.lng,
          retiredAt: null,
          population: record.population ?? null,
          households: record.households ?? null,
          staffQuota: record.staffQuota ?? null,
        };
        if (previous) updated++;
        else created++;
        existing.set(record.code, { id: row.id, path: row.path, level });
        rows.push(row);
      }
      for (let i = 0; i < rows.length; i += CHUNK) {
        await manager.upsert(AreaEntity, rows.slice(i, i + CHUNK), { conflictPaths: ['code'] });
      }
    }
    let retired = 0;
    if (options.replace) {
      const codes = records.map((r) => r.code);
      const rows = (await manager.query(`UPDATE areas SET retired_at = now() WHERE retired_at IS NULL AND NOT (code = ANY($1::varchar[])) RETURNING id`, [codes])) as [unknown[], number];
      retired = rows[1] ?? 0;
    }
    const version = await this.snapshot(manager, options);
    // Delivered on commit: every instance then rebuilds its point → grid index.
    await manager.query(`SELECT pg_notify('${AREAS_CHANGED_CHANNEL}', '')`);
    return { created, updated, retired, version };
  }

  /** Numbers the new version and copies the current areas into it. */
  private async snapshot(manager: EntityManager, options: TerritoryWriteOptions): Promise<number> {
    const [{ version }] = (await manager.query(
      `INSERT INTO territory_versions (version, created_by, created_by_name, source, area_count)
       SELECT coalesce((SELECT max(version) FROM territory_versions), 0) + 1, $1, $2, $3, (SELECT count(*) FROM areas WHERE retired_at IS NULL)
       RETURNING version`,
      [options.actor?.id ?? null, options.actor?.username?.slice(0, 64) ?? null, (options.source ?? 'import').slice(0, 256)],
    )) as { version: number }[];
    await manager.query(
      `INSERT INTO territory_version_areas (version, area_id, code, name, level, parent_id, boundary, population, households, staff_quota)
       SELECT $1, id, code, name, level, parent_id, boundary, population, households, staff_quota FROM areas WHERE retired_at IS NULL`,
      [version],
    );
    return version;
  }
}

function validateRecords(records: AreaRecord[]): void {
  const seen = new Set<string>();
  for (const [i, record] of records.entries()) {
    if (!record.code || !record.name) throw invalid(`area #${i + 1}: code and name are required`, { [`${i}.code`]: 'required' });
    if (!AREA_LEVELS.includes(record.level)) throw invalid(`area ${record.code}: unknown level "${String(record.level)}"`, { [`${i}.level`]: `one of ${AREA_LEVELS.join(', ')}` });
    if (seen.has(record.code)) throw invalid(`area ${record.code} appears twice`, { [`${i}.code`]: 'duplicate' });
    seen.add(record.code);
    if (record.boundary) {
      const problems = isValidBoundary(record.boundary);
      if (problems.length) throw invalid(`area ${record.code}: ${problems.join('; ')}`, { [`${i}.boundary`]: problems[0] });
    }
  }
}
