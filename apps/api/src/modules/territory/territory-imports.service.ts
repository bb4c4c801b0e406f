import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AREA_LEVELS, type AreaFeatureCollection, type TerritoryApplyDto, type TerritoryCrs, type TerritoryImportDto, type TerritoryImportPreviewDto, type TerritoryImportSummary, type TerritoryMapping, type TerritoryProblemDto } from '@grid/contracts';
import { guessMapping, mapTerritory, propertyNames, readTerritoryFile, TerritoryFileError, validateTerritory, type RawFeature, type TerritoryFile } from '@grid/geo/territory';
import { DataSource, type EntityManager } from 'typeorm';
import { inOuterOrOwnTransaction } from '../../database/outer-transaction';
import { AppError, fileRefused, notFound } from '../../common/app-error';
import { TerritoryWriter } from '../areas/territory-writer';
import { AuditLog } from '../audit/audit-log.service';
import { TerritoryRerouter } from './territory-rerouter';

/** Who asks: a signed-in admin, or the CLI (no user id). */
export interface TerritoryActor {
  id: string | null;
  username: string;
  ip?: string | null;
}

const MAX_LISTED_PROBLEMS = 1000;
const MAX_AFFECTED_LISTED = 200;

interface ImportRow {
  id: string;
  file_name: string;
  status: 'valid' | 'invalid';
  declared_crs: TerritoryCrs;
  features: RawFeature[];
  mapping: TerritoryMapping;
  problems: TerritoryProblemDto[];
  summary: TerritoryImportSummary;
  applied_version: number | null;
  /** A boundary edited on the map (ADR 0015), made on `base_version`. */
  edit: object | null;
  base_version: number | null;
}

/**
 * Territory imports (ADR 0008): a file is read, mapped and validated into a stored import with its
 * problems; the preview draws it and lists the open cases whose location it moves to another grid;
 * applying a valid import makes a new territory version in one transaction.
 */
@Injectable()
export class TerritoryImportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: TerritoryWriter,
    private readonly audit: AuditLog,
    private readonly rerouter: TerritoryRerouter,
  ) {}

  /** `manager`: the caller's transaction (the demo loader's); by default the import is checked and stored on its own. */
  async create(actor: TerritoryActor, file: { bytes: Uint8Array; name: string }, crs: TerritoryCrs, mapping: TerritoryMapping | undefined, manager: EntityManager = this.dataSource.manager): Promise<TerritoryImportDto> {
    let read: TerritoryFile;
    try {
      read = await readTerritoryFile(file.bytes, crs);
    } catch (error) {
      if (error instanceof TerritoryFileError) throw fileRefused(error.code, `${file.name}: ${error.message}`, { ...error.params, fileName: file.name });
      throw error;
    }
    const chosen = mapping ?? guessMapping(read.features);
    const checked = await this.check(read.features, chosen, manager);
    const summary: TerritoryImportSummary = { fileName: file.name.slice(0, 256), format: read.format, sourceCrs: read.sourceCrs, declaredCrs: crs, features: read.features.length, properties: propertyNames(read.features), ...checked.summary };
    const [{ id }] = (await manager.query(
      `INSERT INTO territory_imports (file_name, status, declared_crs, features, mapping, problems, summary, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [summary.fileName, checked.status, crs, JSON.stringify(read.features), JSON.stringify(chosen), JSON.stringify(checked.problems), JSON.stringify(summary), actor.id],
    )) as { id: string }[];
    await this.audit.record({ action: 'territory_import_checked', actorId: actor.id, username: actor.username, ip: actor.ip, detail: { importId: id, file: summary.fileName, status: checked.status, errors: summary.errors, warnings: summary.warnings } }, manager);
    return { id, status: checked.status, problems: checked.problems, summary, appliedVersion: null };
  }

  async get(id: string): Promise<TerritoryImportDto> {
    return toDto(await this.row(id));
  }

  /** Maps the stored file again with another choice of properties, and validates it again. */
  async remap(actor: TerritoryActor, id: string, mapping: TerritoryMapping): Promise<TerritoryImportDto> {
    const row = await this.row(id);
    if (row.applied_version) throw new AppError('conflict', `this import was applied as version ${row.applied_version}`);
    if (row.edit) throw new AppError('conflict', 'a boundary edited on the map has no properties to map', undefined, 'edit_has_no_mapping');
    const checked = await this.check(row.features, mapping);
    const summary = { ...row.summary, ...checked.summary };
    await this.dataSource.query(`UPDATE territory_imports SET status = $2, mapping = $3, problems = $4, summary = $5 WHERE id = $1`, [id, checked.status, JSON.stringify(mapping), JSON.stringify(checked.problems), JSON.stringify(summary)]);
    await this.audit.record({ action: 'territory_import_checked', actorId: actor.id, username: actor.username, ip: actor.ip, detail: { importId: id, mapping, status: checked.status } });
    return { id, status: checked.status, problems: checked.problems, summary, appliedVersion: null };
  }

  async preview(id: string): Promise<TerritoryImportPreviewDto> {
    const row = await this.row(id);
    const { records } = mapTerritory(row.features, row.mapping);
    const areas: AreaFeatureCollection = {
      type: 'FeatureCollection',
      features: records.map((r) => ({ type: 'Feature' as const, id: r.code, geometry: r.boundary, properties: { id: r.code, code: r.code, name: r.name, level: r.level, parentId: r.parentCode } })),
    };
    const affected = await this.rerouter.moved(this.dataSource.manager, records);
    return { areas, affectedCases: affected.slice(0, MAX_AFFECTED_LISTED), affectedCaseCount: affected.length };
  }

  /**
   * A valid import becomes the next territory version, atomically; 409 while it has errors or once applied.
   * With `reroute`, the open cases it moves to another grid are re-routed in the same transaction and published after it.
   */
  async apply(actor: TerritoryActor, id: string, reroute = false, outer?: EntityManager): Promise<TerritoryApplyDto> {
    const { dto, rerouted } = await inOuterOrOwnTransaction(this.dataSource, outer, async (manager) => {
      const [row] = (await manager.query(`SELECT id, file_name, status, features, mapping, summary, applied_version, edit, base_version FROM territory_imports WHERE id = $1 FOR UPDATE`, [id])) as ImportRow[];
      if (!row) throw notFound('territory import');
      if (row.applied_version) throw new AppError('conflict', `this import was already applied as version ${row.applied_version}`, undefined, 'already_applied');
      if (row.status !== 'valid') throw new AppError('conflict', `the import has ${row.summary.errors} error(s): correct the file and import it again`, undefined, 'has_errors');
      if (row.base_version !== null) await this.requireBase(manager, row.base_version);
      const { records } = mapTerritory(row.features, row.mapping);
      const written = await this.writer.write(manager, records, { replace: true, source: row.file_name, actor });
      const events = reroute ? await this.rerouter.reroute(manager, records, written.version, new Date()) : [];
      const result = { ...written, rerouted: events.length };
      await manager.query(`UPDATE territory_imports SET applied_version = $2, applied_at = now() WHERE id = $1`, [id, result.version]);
      await manager.query(`UPDATE territory_versions SET summary = $2 WHERE version = $1`, [result.version, JSON.stringify({ importId: id, edit: row.edit ?? undefined, warnings: row.summary.warnings, created: result.created, updated: result.updated, retired: result.retired, rerouted: result.rerouted })]);
      await this.audit.record({ action: 'territory_applied', actorId: actor.id, username: actor.username, ip: actor.ip, detail: { importId: id, file: row.file_name, edit: row.edit ?? undefined, ...result } }, manager);
      return { dto: result, rerouted: events };
    });
    this.rerouter.publish(rerouted);
    return dto;
  }

  /**
   * An edit's features are the whole territory of the version it was made on: over a newer version they would undo
   * it. The writer's lock is taken first, so no other apply slips in between this check and the write.
   */
  private async requireBase(manager: EntityManager, base: number): Promise<void> {
    await manager.query(`LOCK TABLE territory_versions IN EXCLUSIVE MODE`);
    const [{ version }] = (await manager.query(`SELECT coalesce(max(version), 0)::int AS version FROM territory_versions`)) as { version: number }[];
    if (version !== base) throw new AppError('conflict', `this edit was made on version ${base}, and version ${version} has been applied since: draw it again on the current territory`, undefined, 'stale_edit');
  }

  private async row(id: string): Promise<ImportRow> {
    const [row] = (await this.dataSource.query(`SELECT id, file_name, status, declared_crs, features, mapping, problems, summary, applied_version, edit, base_version FROM territory_imports WHERE id = $1`, [id])) as ImportRow[];
    if (!row) throw notFound('territory import');
    return row;
  }

  private async check(features: RawFeature[], mapping: TerritoryMapping, manager: EntityManager = this.dataSource.manager) {
    const mapped = mapTerritory(features, mapping);
    const all = [...mapped.problems, ...validateTerritory(mapped.records)].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    const errors = all.filter((p) => p.severity === 'error').length;
    const levels = levelCounts(mapped.records);
    const current = new Set(((await manager.query(`SELECT code FROM areas WHERE retired_at IS NULL`)) as { code: string }[]).map((r) => r.code));
    const codes = new Set(mapped.records.map((r) => r.code));
    const kept = [...codes].filter((c) => current.has(c)).length;
    return {
      status: (errors > 0 ? 'invalid' : 'valid') as 'valid' | 'invalid',
      problems: all.slice(0, MAX_LISTED_PROBLEMS),
      summary: { mapping, levels, errors, warnings: all.length - errors, unlisted: Math.max(0, all.length - MAX_LISTED_PROBLEMS), added: codes.size - kept, removed: current.size - kept, kept },
    };
  }
}

/** How many areas of each level. */
export function levelCounts(records: readonly { level: (typeof AREA_LEVELS)[number] }[]): TerritoryImportSummary['levels'] {
  return Object.fromEntries(AREA_LEVELS.map((level) => [level, records.filter((r) => r.level === level).length])) as TerritoryImportSummary['levels'];
}

function toDto(row: ImportRow): TerritoryImportDto {
  return { id: row.id, status: row.status, problems: row.problems, summary: row.summary, appliedVersion: row.applied_version };
}
