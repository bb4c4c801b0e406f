import { Injectable } from '@nestjs/common';
import type { LeaveDto, PatternDto, RotaEntryDto, ShiftDto } from '@grid/contracts';
import type { Leave, Shift, WeeklyPattern } from '@grid/domain';
import type { EntityManager } from 'typeorm';
import { TERMINAL } from '../assessment/assessment-sql';

export interface ShiftRow {
  id: string;
  user_id: string;
  area_id: string | null;
  department_id: string | null;
  starts_at: Date;
  ends_at: Date;
  note: string | null;
  username?: string;
  display_name?: string;
}

export interface PatternRow {
  id: string;
  user_id: string;
  area_id: string | null;
  department_id: string | null;
  weekdays: number[];
  start_time: string;
  end_time: string;
  valid_from: string;
  valid_to: string | null;
  skip_dates: string[];
  username?: string;
  display_name?: string;
}

export interface LeaveRow {
  id: string;
  user_id: string;
  starts_at: Date;
  ends_at: Date;
  substitute_id: string | null;
  reason: string | null;
  display_name?: string;
  substitute_name?: string | null;
}

// Dates as text: a `date` column must not pass through a JS Date (time zones).
const PATTERN_COLUMNS = `p.id, p.user_id, p.area_id, p.department_id, p.weekdays, p.start_time, p.end_time, p.valid_from::text AS valid_from,
  p.valid_to::text AS valid_to, p.skip_dates::text[] AS skip_dates`;

export const shiftOf = (r: ShiftRow): Shift => ({ id: r.id, userId: r.user_id, areaId: r.area_id, departmentId: r.department_id, startMs: r.starts_at.getTime(), endMs: r.ends_at.getTime() });
export const patternOf = (r: PatternRow): WeeklyPattern => ({
  id: r.id,
  userId: r.user_id,
  areaId: r.area_id,
  departmentId: r.department_id,
  weekdays: r.weekdays.map(Number),
  startTime: r.start_time,
  endTime: r.end_time,
  from: r.valid_from,
  to: r.valid_to,
  skipDates: r.skip_dates,
});
export const leaveOf = (r: LeaveRow): Leave => ({ id: r.id, userId: r.user_id, startMs: r.starts_at.getTime(), endMs: r.ends_at.getTime(), substituteId: r.substitute_id });

const entryDto = (r: ShiftRow | PatternRow): RotaEntryDto => ({
  id: r.id,
  userId: r.user_id,
  username: r.username ?? '',
  displayName: r.display_name ?? '',
  areaId: r.area_id,
  departmentId: r.department_id,
});

export const shiftDto = (r: ShiftRow, patternId: string | null = null): ShiftDto => ({
  ...entryDto(r),
  start: r.starts_at.toISOString(),
  end: r.ends_at.toISOString(),
  note: r.note,
  patternId,
});
export const patternDto = (r: PatternRow): PatternDto => ({
  ...entryDto(r),
  weekdays: r.weekdays.map(Number),
  startTime: r.start_time,
  endTime: r.end_time,
  night: r.end_time <= r.start_time,
  from: r.valid_from,
  to: r.valid_to,
  skipDates: r.skip_dates,
});
export const leaveDto = (r: LeaveRow): LeaveDto => ({
  id: r.id,
  userId: r.user_id,
  displayName: r.display_name ?? '',
  start: r.starts_at.toISOString(),
  end: r.ends_at.toISOString(),
  substituteId: r.substitute_id,
  substituteName: r.substitute_name ?? null,
  reason: r.reason,
});

/** A place filter: one area (its own rota) or one department; none: everything. */
export interface PlaceFilter {
  areaIds?: readonly string[];
  departmentId?: string;
}

function placeCondition(alias: string, filter: PlaceFilter, params: unknown[]): string {
  if (filter.departmentId) {
    params.push(filter.departmentId);
    return `${alias}.department_id = $${params.length}`;
  }
  if (filter.areaIds) {
    params.push(filter.areaIds);
    return `${alias}.area_id = ANY($${params.length}::uuid[])`;
  }
  return 'TRUE';
}

/** The rota's rows: shifts, weekly patterns and leave (SQL only; rules live in the domain and the services). */
@Injectable()
export class RotaStore {
  async shifts(m: EntityManager, filter: PlaceFilter, fromMs: number, toMs: number): Promise<ShiftRow[]> {
    const params: unknown[] = [new Date(fromMs), new Date(toMs)];
    return m.query(
      `SELECT s.id, s.user_id, s.area_id, s.department_id, s.starts_at, s.ends_at, s.note, u.username, u.display_name
       FROM shifts s JOIN users u ON u.id = s.user_id
       WHERE s.ends_at > $1 AND s.starts_at < $2 AND ${placeCondition('s', filter, params)} ORDER BY s.starts_at, u.username`,
      params,
    );
  }

  async shift(m: EntityManager, id: string): Promise<ShiftRow | null> {
    const [row] = (await m.query(`SELECT s.*, u.username, u.display_name FROM shifts s JOIN users u ON u.id = s.user_id WHERE s.id = $1`, [id])) as ShiftRow[];
    return row ?? null;
  }

  async patterns(m: EntityManager, filter: PlaceFilter, validOn: { from: string; to: string } | null): Promise<PatternRow[]> {
    const params: unknown[] = [];
    let valid = 'TRUE';
    if (validOn) {
      params.push(validOn.from, validOn.to);
      valid = `(p.valid_to IS NULL OR p.valid_to >= $1::date) AND p.valid_from <= $2::date`;
    }
    return m.query(
      `SELECT ${PATTERN_COLUMNS}, u.username, u.display_name FROM shift_patterns p JOIN users u ON u.id = p.user_id
       WHERE ${valid} AND ${placeCondition('p', filter, params)} ORDER BY u.username, p.start_time`,
      params,
    );
  }

  async pattern(m: EntityManager, id: string): Promise<PatternRow | null> {
    const [row] = (await m.query(`SELECT ${PATTERN_COLUMNS}, u.username, u.display_name FROM shift_patterns p JOIN users u ON u.id = p.user_id WHERE p.id = $1`, [id])) as PatternRow[];
    return row ?? null;
  }

  /** Leave overlapping [from, to) of the given people (all when `userIds` is null). */
  async leaves(m: EntityManager, userIds: readonly string[] | null, fromMs: number, toMs: number): Promise<LeaveRow[]> {
    const params: unknown[] = [new Date(fromMs), new Date(toMs)];
    if (userIds) params.push(userIds);
    return m.query(
      `SELECT l.id, l.user_id, l.starts_at, l.ends_at, l.substitute_id, l.reason, u.display_name, s.display_name AS substitute_name
       FROM leaves l JOIN users u ON u.id = l.user_id LEFT JOIN users s ON s.id = l.substitute_id
       WHERE l.ends_at > $1 AND l.starts_at < $2 ${userIds ? 'AND l.user_id = ANY($3::uuid[])' : ''} ORDER BY l.starts_at`,
      params,
    );
  }

  /** Open cases held by each assignee (of the given people, or everyone's). */
  async openCaseLoads(m: EntityManager, userIds: readonly string[] | null): Promise<Map<string, number>> {
    const rows = (await m.query(
      `SELECT assignee_id, count(*)::int AS n FROM cases WHERE assignee_id ${userIds ? '= ANY($1::uuid[])' : 'IS NOT NULL'} AND status NOT IN ${TERMINAL} GROUP BY assignee_id`,
      userIds ? [userIds] : [],
    )) as { assignee_id: string; n: number }[];
    return new Map(rows.map((r) => [r.assignee_id, r.n]));
  }

  async leave(m: EntityManager, id: string): Promise<LeaveRow | null> {
    const [row] = (await m.query(
      `SELECT l.*, u.display_name, s.display_name AS substitute_name FROM leaves l JOIN users u ON u.id = l.user_id LEFT JOIN users s ON s.id = l.substitute_id WHERE l.id = $1`,
      [id],
    )) as LeaveRow[];
    return row ?? null;
  }
}
