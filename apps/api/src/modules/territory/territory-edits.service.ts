import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TerritoryEditRequest, TerritoryImportDto, TerritoryImportSummary, TerritoryMapping } from '@grid/contracts';
import type { AreaGeometry } from '@grid/geo';
import { editTerritory, hasErrors, TerritoryEditError, type RawFeature, type TerritoryRecord } from '@grid/geo/territory';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/app-error';
import { AuditLog } from '../audit/audit-log.service';
import { levelCounts, type TerritoryActor } from './territory-imports.service';

/** The properties an edit's features carry, read back by mapTerritory like a file's. */
const EDIT_MAPPING: TerritoryMapping = { code: 'code', name: 'name', level: 'level', parent: 'parentCode', population: 'population', households: 'households', staffQuota: 'staffQuota' };

/**
 * Boundaries edited on the map (ADR 0015): an edit of the current territory (move, split, merge) is checked and
 * stored as a territory import whose features are the whole territory after the edit, so that the import's
 * preview (the open cases it moves) and apply (a new version, optionally re-routing) serve it unchanged.
 */
@Injectable()
export class TerritoryEditsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async create(actor: TerritoryActor, edit: TerritoryEditRequest): Promise<TerritoryImportDto> {
    const { records, usedCodes, version } = await this.current();
    let result: ReturnType<typeof editTerritory>;
    try {
      result = editTerritory(records, edit as Parameters<typeof editTerritory>[1], usedCodes);
    } catch (error) {
      if (error instanceof TerritoryEditError) throw new AppError('invalid', error.message, { [error.field]: error.message }, error.reason);
      throw error;
    }
    const errors = result.problems.filter((p) => p.severity === 'error').length;
    const status = hasErrors(result.problems) ? 'invalid' : 'valid';
    const summary: TerritoryImportSummary = {
      fileName: result.description,
      format: 'edit',
      sourceCrs: 'wgs84',
      declaredCrs: 'wgs84',
      features: result.records.length,
      levels: levelCounts(result.records),
      errors,
      warnings: result.problems.length - errors,
      unlisted: 0,
      mapping: EDIT_MAPPING,
      properties: [],
      added: result.created.length,
      removed: result.retired.length,
      kept: result.records.length - result.created.length,
      edit: { kind: edit.kind, areaCode: edit.areaCode, description: result.description, changed: result.changed, created: result.created, retired: result.retired, baseVersion: version },
    };
    const [{ id }] = (await this.dataSource.query(
      `INSERT INTO territory_imports (file_name, status, declared_crs, features, mapping, problems, summary, created_by, edit, base_version)
       VALUES ($1, $2, 'wgs84', $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [result.description.slice(0, 256), status, JSON.stringify(result.records.map(featureOf)), JSON.stringify(EDIT_MAPPING), JSON.stringify(result.problems), JSON.stringify(summary), actor.id, JSON.stringify(edit), version],
    )) as { id: string }[];
    await this.audit.record({ action: 'territory_edit_checked', actorId: actor.id, username: actor.username, ip: actor.ip, detail: { importId: id, edit: result.description, status, errors, warnings: summary.warnings } });
    return { id, status, problems: result.problems, summary, appliedVersion: null };
  }

  /** The current territory as records, every code ever given (retired ones too), and the current version. */
  private async current(): Promise<{ records: TerritoryRecord[]; usedCodes: string[]; version: number }> {
    const rows = (await this.dataSource.query(
      `SELECT a.code, a.name, a.level, p.code AS parent_code, a.boundary, a.population, a.households, a.staff_quota, a.retired_at IS NOT NULL AS retired
       FROM areas a LEFT JOIN areas p ON p.id = a.parent_id`,
    )) as { code: string; name: string; level: TerritoryRecord['level']; parent_code: string | null; boundary: AreaGeometry | null; population: number | null; households: number | null; staff_quota: number | null; retired: boolean }[];
    const live = rows.filter((r) => !r.retired);
    // The edit is applied as the whole territory: an area without a boundary would be retired by it.
    const bare = live.find((r) => !r.boundary);
    if (bare) throw new AppError('conflict', `area ${bare.code} has no boundary: import the territory from a file before editing it on the map`, undefined, 'no_boundary');
    const [{ version }] = (await this.dataSource.query(`SELECT coalesce(max(version), 0)::int AS version FROM territory_versions`)) as { version: number }[];
    return {
      records: live.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, boundary: r.boundary as AreaGeometry, population: r.population, households: r.households, staffQuota: r.staff_quota })),
      usedCodes: rows.map((r) => r.code),
      version,
    };
  }
}

function featureOf(record: TerritoryRecord): RawFeature {
  const { boundary, parentCode, ...properties } = record;
  return { geometry: boundary, properties: { ...properties, parentCode } };
}
