import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DeviceImportApplyResponse, DeviceImportResponse, ImportProblem } from '@grid/contracts';
import { planDeviceImport, type PlannedDevice } from '@grid/domain';
import { DataSource } from 'typeorm';
import { AppError, notFound } from '../../common/app-error';
import { readTableFile } from '../../common/table-file';
import { AreaIndexService } from '../areas/area-index.service';
import { AuditLog } from '../audit/audit-log.service';
import { CaseContextLoader } from '../cases/case-context.service';
import type { ImportActor } from '../people/people-import.service';
import { SensorRules } from './sensor-rules.service';

interface ImportRow {
  id: string;
  status: DeviceImportResponse['status'];
  encoding: string;
  row_count: number;
  devices: PlannedDevice[];
  problems: ImportProblem[];
}

/**
 * Device registries from .xlsx (or CSV) — as the people import does: the file is checked against the rules, the
 * departments, the territory and the devices already registered, and kept with its problems by row and column;
 * applying it registers every device in one transaction, or none.
 */
@Injectable()
export class DeviceImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: SensorRules,
    private readonly context: CaseContextLoader,
    private readonly areaIndex: AreaIndexService,
    private readonly audit: AuditLog,
  ) {}

  async check(actor: ImportActor, file: { originalname: string; buffer: Buffer }): Promise<DeviceImportResponse> {
    const table = await readTableFile(file);
    const codes = (await this.dataSource.query(`SELECT code FROM devices WHERE retired_at IS NULL`)) as { code: string }[];
    const plan = planDeviceImport(table.rows, {
      kinds: await this.rules.kindsByName(),
      departments: new Set(Object.keys(await this.context.departmentIdByCode(this.dataSource.manager))),
      codes: new Set(codes.map((c) => c.code)),
      locate: (point) => this.areaIndex.locateGridId(point),
    });
    const status = plan.problems.length ? 'invalid' : 'valid';
    const rows = Math.max(0, table.rows.length - 1);
    const [{ id }] = (await this.dataSource.query(
      `INSERT INTO device_imports (file_name, status, encoding, row_count, devices, problems, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [file.originalname.slice(0, 255), status, table.encoding, rows, JSON.stringify(plan.devices), JSON.stringify(plan.problems), actor.id],
    )) as { id: string }[];
    await this.audit.record({ action: 'device_import_checked', actorId: actor.id, username: actor.username, detail: { importId: id, file: file.originalname, status, problems: plan.problems.length } });
    return this.response({ id, status, encoding: table.encoding, row_count: rows, devices: plan.devices, problems: plan.problems });
  }

  async get(id: string): Promise<DeviceImportResponse> {
    const [row] = (await this.dataSource.query(`SELECT * FROM device_imports WHERE id = $1`, [id])) as ImportRow[];
    if (!row) throw notFound('device import');
    return this.response(row);
  }

  /** Registers every device of a valid import in one transaction; 409 while problems remain, once applied, or when a code was taken since. */
  async apply(actor: ImportActor, id: string): Promise<DeviceImportApplyResponse> {
    const created = await this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(`SELECT * FROM device_imports WHERE id = $1 FOR UPDATE`, [id])) as ImportRow[];
      if (!row) throw notFound('device import');
      if (row.status === 'applied') throw new AppError('conflict', 'this import was applied already', undefined, 'import_applied');
      if (row.status === 'invalid') throw new AppError('conflict', `this import has ${row.problems.length} problem(s): fix the file and upload it again`, undefined, 'import_invalid');
      const d = row.devices;
      const paths = d.map((device) => this.areaIndex.locatePath(device));
      const moved = d.find((device, i) => paths[i]?.[3] !== device.gridId);
      if (moved) throw new AppError('conflict', `since the check, the territory changed under device ${moved.code}: upload the file again`, undefined, 'import_stale');
      const inserted = (await manager.query(
        `INSERT INTO devices (code, kind, name, address, lat, lng, grid_id, area_path, department_code)
         SELECT code, kind, name, address, lat, lng, grid_id, string_to_array(path, ',')::uuid[], department_code
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::uuid[], $8::text[], $9::text[])
           AS x(code, kind, name, address, lat, lng, grid_id, path, department_code)
         ON CONFLICT (code) WHERE retired_at IS NULL DO NOTHING RETURNING id`,
        [d.map((x) => x.code), d.map((x) => x.kind), d.map((x) => x.name), d.map((x) => x.address), d.map((x) => x.lat), d.map((x) => x.lng), d.map((x) => x.gridId), paths.map((p) => (p ?? []).join(',')), d.map((x) => x.departmentCode)],
      )) as { id: string }[];
      // All or nothing: a code registered since the check rolls the whole import back.
      if (inserted.length !== d.length) throw new AppError('conflict', 'since the check, some of these device codes were registered: upload the file again', undefined, 'import_stale');
      await manager.query(`UPDATE device_imports SET status = 'applied', applied_at = now() WHERE id = $1`, [id]);
      await this.audit.record({ action: 'devices_imported', actorId: actor.id, username: actor.username, detail: { importId: id, devices: d.length } }, manager);
      return d.length;
    });
    return { id, status: 'applied', created };
  }

  private response(row: Pick<ImportRow, 'id' | 'status' | 'encoding' | 'row_count' | 'devices' | 'problems'>): DeviceImportResponse {
    return { id: row.id, status: row.status, problems: row.problems, encoding: row.encoding, summary: { rows: row.row_count, devices: row.devices.length } };
  }
}
