import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createLeaveSchema, createPatternSchema, createShiftSchema, type LeaveDto, type PatternDto, type ShiftDto, type ShiftListQuery } from '@grid/contracts';
import { patternOccurrences } from '@grid/domain';
import { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { AppError, notFound } from '../../common/app-error';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../auth/auth-user';
import { RotaAccess } from './rota-access';
import { RotaIndexService } from './rota-index.service';
import { leaveDto, patternDto, patternOf, RotaStore, shiftDto } from './rota.store';

/** A row just written in this transaction (never missing; typed for the compiler). */
function written<T>(row: T | null): T {
  if (row === null) throw notFound('rota entry');
  return row;
}

export type ShiftInput = z.output<typeof createShiftSchema>;
export type PatternInput = z.output<typeof createPatternSchema>;
export type LeaveInput = z.output<typeof createLeaveSchema>;

/**
 * Edits of the rota by administrators and zone leaders (their own zone): each checked, written with its audit
 * entry in one transaction, and then read into this instance's index at once (the others hear `rota_changed`).
 */
@Injectable()
export class RotaAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: RotaStore,
    private readonly access: RotaAccess,
    private readonly audit: AuditLog,
    private readonly index: RotaIndexService,
  ) {}

  /** Shifts of a grid or department in [from, to): one-off shifts and the weekly patterns' occurrences. */
  async listShifts(user: AuthUser, query: ShiftListQuery): Promise<ShiftDto[]> {
    const m = this.dataSource.manager;
    await this.access.place(m, user, query);
    const filter = query.departmentId ? { departmentId: query.departmentId } : { areaIds: [query.areaId as string] };
    const fromMs = Date.parse(query.from);
    const toMs = Date.parse(query.to);
    const [shifts, patterns] = await Promise.all([this.store.shifts(m, filter, fromMs, toMs), this.store.patterns(m, filter, null)]);
    const occurrences = patterns.flatMap((p) =>
      patternOccurrences(patternOf(p), fromMs, toMs).map(([start, end]) => shiftDto({ ...p, id: `${p.id}:${start}`, starts_at: new Date(start), ends_at: new Date(end), note: null }, p.id)),
    );
    return [...shifts.map((s) => shiftDto(s)), ...occurrences].sort((a, b) => a.start.localeCompare(b.start) || a.username.localeCompare(b.username));
  }

  createShift(user: AuthUser, body: ShiftInput): Promise<ShiftDto> {
    return this.write(user, 'shift_created', async (m) => {
      await this.checkShift(m, user, body, null);
      const [row] = (await m.query(
        `INSERT INTO shifts (user_id, area_id, department_id, starts_at, ends_at, note, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [body.userId, body.areaId ?? null, body.departmentId ?? null, body.start, body.end, body.note ?? null, user.id],
      )) as { id: string }[];
      return shiftDto(written(await this.store.shift(m, row.id)));
    });
  }

  updateShift(user: AuthUser, id: string, body: ShiftInput): Promise<ShiftDto> {
    return this.write(user, 'shift_updated', async (m) => {
      await this.existingShift(m, user, id);
      await this.checkShift(m, user, body, id);
      await m.query(`UPDATE shifts SET user_id = $2, area_id = $3, department_id = $4, starts_at = $5, ends_at = $6, note = $7 WHERE id = $1`, [
        id,
        body.userId,
        body.areaId ?? null,
        body.departmentId ?? null,
        body.start,
        body.end,
        body.note ?? null,
      ]);
      return shiftDto(written(await this.store.shift(m, id)));
    });
  }

  async deleteShift(user: AuthUser, id: string): Promise<void> {
    await this.write(user, 'shift_deleted', async (m) => {
      const shift = await this.existingShift(m, user, id);
      await m.query(`DELETE FROM shifts WHERE id = $1`, [id]);
      return shiftDto(shift);
    });
  }

  async listPatterns(user: AuthUser, place: { areaId?: string; departmentId?: string }): Promise<PatternDto[]> {
    const m = this.dataSource.manager;
    await this.access.place(m, user, place);
    const rows = await this.store.patterns(m, place.departmentId ? { departmentId: place.departmentId } : { areaIds: [place.areaId as string] }, null);
    return rows.map(patternDto);
  }

  createPattern(user: AuthUser, body: PatternInput): Promise<PatternDto> {
    return this.write(user, 'pattern_created', async (m) => {
      await this.access.place(m, user, body);
      await this.access.person(m, user, body.userId);
      if (body.departmentId) await this.access.departmentMember(m, body.userId, body.departmentId);
      const [row] = (await m.query(
        `INSERT INTO shift_patterns (user_id, area_id, department_id, weekdays, start_time, end_time, valid_from, valid_to, skip_dates, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::date[], $10) RETURNING id`,
        [body.userId, body.areaId ?? null, body.departmentId ?? null, [...new Set(body.weekdays)].sort(), body.startTime, body.endTime, body.from, body.to ?? null, body.skipDates, user.id],
      )) as { id: string }[];
      return patternDto(written(await this.store.pattern(m, row.id)));
    });
  }

  updatePattern(user: AuthUser, id: string, body: PatternInput): Promise<PatternDto> {
    return this.write(user, 'pattern_updated', async (m) => {
      await this.existingPattern(m, user, id);
      await this.access.place(m, user, body);
      await this.access.person(m, user, body.userId);
      if (body.departmentId) await this.access.departmentMember(m, body.userId, body.departmentId);
      await m.query(
        `UPDATE shift_patterns SET user_id = $2, area_id = $3, department_id = $4, weekdays = $5, start_time = $6, end_time = $7, valid_from = $8, valid_to = $9, skip_dates = $10::date[] WHERE id = $1`,
        [id, body.userId, body.areaId ?? null, body.departmentId ?? null, [...new Set(body.weekdays)].sort(), body.startTime, body.endTime, body.from, body.to ?? null, body.skipDates],
      );
      return patternDto(written(await this.store.pattern(m, id)));
    });
  }

  async deletePattern(user: AuthUser, id: string): Promise<void> {
    await this.write(user, 'pattern_deleted', async (m) => {
      const pattern = await this.existingPattern(m, user, id);
      await m.query(`DELETE FROM shift_patterns WHERE id = $1`, [id]);
      return pattern;
    });
  }

  /** Leave overlapping [from, to) of the people serving in an area's grids (or everyone's, for an admin without one). */
  async listLeaves(user: AuthUser, query: { areaId?: string; from: string; to: string }): Promise<LeaveDto[]> {
    const m = this.dataSource.manager;
    const areaId = query.areaId ?? this.access.zoneOf(user);
    if (areaId) await this.access.area(m, user, areaId);
    const people = areaId
      ? ((await m.query(`SELECT u.id FROM users u JOIN areas a ON a.id = u.area_id WHERE a.id = $1 OR a.path @> ARRAY[$1]::uuid[]`, [areaId])) as { id: string }[]).map((r) => r.id)
      : null;
    return (await this.store.leaves(m, people, Date.parse(query.from), Date.parse(query.to))).map(leaveDto);
  }

  createLeave(user: AuthUser, body: LeaveInput): Promise<LeaveDto> {
    return this.write(user, 'leave_created', async (m) => {
      await this.access.person(m, user, body.userId);
      if (body.substituteId) await this.access.person(m, user, body.substituteId, 'substituteId');
      const [row] = (await m.query(`INSERT INTO leaves (user_id, starts_at, ends_at, substitute_id, reason, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, [
        body.userId,
        body.start,
        body.end,
        body.substituteId ?? null,
        body.reason ?? null,
        user.id,
      ])) as { id: string }[];
      return leaveDto(written(await this.store.leave(m, row.id)));
    });
  }

  async deleteLeave(user: AuthUser, id: string): Promise<void> {
    await this.write(user, 'leave_deleted', async (m) => {
      const leave = await this.store.leave(m, id);
      if (!leave) throw notFound('leave');
      await this.access.person(m, user, leave.user_id);
      await m.query(`DELETE FROM leaves WHERE id = $1`, [id]);
      return leaveDto(leave);
    });
  }

  /** One transaction with its audit entry; then this instance reads the rota again before answering. */
  private async write<T>(user: AuthUser, op: string, work: (m: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(async (m) => {
      const value = await work(m);
      await this.audit.record({ action: 'rota_changed', actorId: user.id, username: user.username, detail: { op, ...(value as object) } }, m);
      return value;
    });
    await this.index.reload();
    return result;
  }

  private async checkShift(m: EntityManager, user: AuthUser, body: ShiftInput, id: string | null): Promise<void> {
    await this.access.place(m, user, body);
    await this.access.person(m, user, body.userId);
    if (body.departmentId) await this.access.departmentMember(m, body.userId, body.departmentId);
    const [overlap] = (await m.query(`SELECT id FROM shifts WHERE user_id = $1 AND ends_at > $2 AND starts_at < $3 AND id IS DISTINCT FROM $4 LIMIT 1`, [
      body.userId,
      body.start,
      body.end,
      id,
    ])) as { id: string }[];
    if (overlap) throw new AppError('conflict', 'the person already has a shift overlapping this one', { start: `overlaps shift ${overlap.id}` });
  }

  private async existingShift(m: EntityManager, user: AuthUser, id: string) {
    const shift = await this.store.shift(m, id);
    if (!shift) throw notFound('shift');
    await this.access.place(m, user, { areaId: shift.area_id, departmentId: shift.department_id });
    return shift;
  }

  private async existingPattern(m: EntityManager, user: AuthUser, id: string): Promise<PatternDto> {
    const pattern = await this.store.pattern(m, id);
    if (!pattern) throw notFound('pattern');
    await this.access.place(m, user, { areaId: pattern.area_id, departmentId: pattern.department_id });
    return patternDto(pattern);
  }
}
