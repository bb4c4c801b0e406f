import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { createDeviceSchema, DeviceDto, DeviceList, deviceListQuerySchema, LatLng, updateDeviceSchema } from '@grid/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { AppError, invalid, notFound } from '../../common/app-error';
import { AreaIndexService } from '../areas/area-index.service';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../auth/auth-user';
import { scopeOf } from '../auth/scope';
import { CaseContextLoader } from '../cases/case-context.service';
import { DEVICE_SELECT, deviceScopeCondition, STATE_CONDITION, toDeviceDto, type DeviceRow } from './device-rows';
import { SensorRules } from './sensor-rules.service';

type ListQuery = z.output<typeof deviceListQuerySchema>;
type CreateDevice = z.output<typeof createDeviceSchema>;
type UpdateDevice = z.output<typeof updateDeviceSchema>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEVICE_CACHE_MS = 2_000;
/** The wall shows at most this many devices in alarm (a storm of a thousand devices is a district-wide event). */
const WALL_LIMIT = 2_000;

/** The device registry (DESIGN §2 `Device`): a registered sensor with its place, grid and owning department. */
@Injectable()
export class DeviceRegistry {
  private readonly byCode = new Map<string, { row: DeviceRow; until: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly areaIndex: AreaIndexService,
    private readonly rules: SensorRules,
    private readonly context: CaseContextLoader,
    private readonly audit: AuditLog,
  ) {}

  async register(user: AuthUser, body: CreateDevice): Promise<DeviceDto> {
    const placed = await this.checked(body);
    try {
      const [{ id }] = (await this.dataSource.query(
        `INSERT INTO devices (code, kind, name, address, lat, lng, grid_id, area_path, department_code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [body.code, body.kind, body.name ?? null, body.address ?? null, body.location.lat, body.location.lng, placed.gridId, placed.areaPath, body.departmentCode ?? null],
      )) as { id: string }[];
      await this.audit.record({ action: 'device_registered', actorId: user.id, username: user.username, detail: { id, code: body.code, kind: body.kind } });
      return this.get(id);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new AppError('conflict', `device ${body.code} is registered already`, { code: 'already registered' }, 'code_taken');
      throw error;
    }
  }

  async update(user: AuthUser, id: string, body: UpdateDevice): Promise<DeviceDto> {
    const current = await this.get(id);
    if (current.retiredAt) throw new AppError('conflict', 'the device is retired', undefined, 'retired');
    const next = { kind: body.kind ?? current.kind, location: body.location ?? current.location, departmentCode: body.departmentCode === undefined ? current.departmentCode : body.departmentCode };
    const placed = await this.checked(next);
    await this.dataSource.query(
      `UPDATE devices SET kind = $2, lat = $3, lng = $4, grid_id = $5, area_path = $6, department_code = $7, name = $8, address = $9, updated_at = now() WHERE id = $1`,
      [id, next.kind, next.location.lat, next.location.lng, placed.gridId, placed.areaPath, next.departmentCode, body.name === undefined ? current.name : body.name, body.address === undefined ? current.address : body.address],
    );
    this.byCode.delete(current.code);
    await this.audit.record({ action: 'device_updated', actorId: user.id, username: user.username, detail: { id, code: current.code, ...body } });
    return this.get(id);
  }

  /** A retired device's alarms are refused (unknown device); its open case, if any, goes on with its handlers. */
  async retire(user: AuthUser, id: string): Promise<DeviceDto> {
    const updated = (await this.dataSource.query(`UPDATE devices SET retired_at = now(), updated_at = now() WHERE id = $1 AND retired_at IS NULL RETURNING code`, [UUID.test(id) ? id : null])) as [{ code: string }[], number];
    if (!updated[0].length) throw notFound('live device');
    this.byCode.delete(updated[0][0].code);
    await this.audit.record({ action: 'device_retired', actorId: user.id, username: user.username, detail: { id, code: updated[0][0].code } });
    return this.get(id);
  }

  /** The registry (admins): every device, or those in one state, of one kind, or matching a code or name. */
  async list(query: ListQuery): Promise<DeviceList> {
    const params: unknown[] = [];
    const param = (v: unknown) => `$${params.push(v)}`;
    const where = [query.state ? STATE_CONDITION[query.state] : 'd.retired_at IS NULL'];
    if (query.kind) where.push(`d.kind = ${param(query.kind)}`);
    if (query.q) where.push(`(d.code ILIKE ${param(`%${query.q.replace(/[%_\\]/g, '\\$&')}%`)} OR d.name ILIKE $${params.length})`);
    const filter = `WHERE ${where.join(' AND ')}`;
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM (${DEVICE_SELECT} ${filter}) x`, params)) as { total: number }[];
    const rows = (await this.dataSource.query(`${DEVICE_SELECT} ${filter} ORDER BY (a.id IS NULL), a.last_at DESC, d.code LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`, params)) as DeviceRow[];
    return { items: rows.map(toDeviceDto), total, page: query.page, pageSize: query.pageSize };
  }

  /** The wall: devices with an open alarm (in alarm, or recovered while their case is open) in the caller's scope. */
  async inAlarm(user: AuthUser): Promise<DeviceList> {
    const params: unknown[] = [];
    const scope = deviceScopeCondition(scopeOf(user), (v) => `$${params.push(v)}`);
    const rows = (await this.dataSource.query(`${DEVICE_SELECT} WHERE d.retired_at IS NULL AND a.id IS NOT NULL AND ${scope} ORDER BY a.last_at DESC LIMIT ${WALL_LIMIT}`, params)) as DeviceRow[];
    return { items: rows.map(toDeviceDto), total: rows.length, page: 1, pageSize: WALL_LIMIT };
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<DeviceDto> {
    const row = await this.row(`d.id = $1`, UUID.test(id) ? id : null, manager);
    if (!row) throw notFound('device');
    return toDeviceDto(row);
  }

  /**
   * A live device by its code, with its open alarm; null when unknown or retired. `cached`: the alarm intake's read,
   * which may be up to 2 s old (its place and kind; the alarm columns are read again where they matter): a storm
   * does not read the registry once per alarm. Edits and retirements on this instance apply at once, elsewhere
   * within the 2 s.
   */
  async liveByCode(code: string, cached = false): Promise<DeviceRow | null> {
    const hit = cached ? this.byCode.get(code) : undefined;
    if (hit && hit.until > Date.now()) return hit.row;
    const row = await this.row(`d.code = $1 AND d.retired_at IS NULL`, code);
    if (row) {
      if (this.byCode.size > 50_000) this.byCode.clear();
      this.byCode.set(code, { row, until: Date.now() + DEVICE_CACHE_MS });
    }
    return row;
  }

  async row(condition: string, value: unknown, manager: EntityManager = this.dataSource.manager): Promise<DeviceRow | null> {
    const [row] = (await manager.query(`${DEVICE_SELECT} WHERE ${condition}`, [value])) as DeviceRow[];
    return row ?? null;
  }

  /** The kind has a rule, the department exists, the place lies in a grid: the device's grid and area path. */
  private async checked(device: { kind: string; location: LatLng; departmentCode?: string | null }): Promise<{ gridId: string; areaPath: string[] }> {
    if (!(await this.rules.of(device.kind))) throw invalid(`unknown device kind ${device.kind} (no sensor rule has it)`, { kind: 'unknown kind' });
    if (device.departmentCode && !(device.departmentCode in (await this.context.departmentIdByCode(this.dataSource.manager)))) {
      throw invalid(`unknown department ${device.departmentCode}`, { departmentCode: 'unknown department' });
    }
    const areaPath = this.areaIndex.locatePath(device.location);
    if (!areaPath || areaPath.length !== 4) throw invalid('the location is outside every grid of the territory', { location: 'outside the territory' });
    return { gridId: areaPath[3], areaPath };
  }
}
