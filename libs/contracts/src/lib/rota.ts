/**
 * The duty rota (值班表, issue 17): one-off shifts, weekly patterns, leave with a substitute, the on-duty
 * answer, and the phone's check-in. Times are ISO instants; times of day `HH:MM` and dates are local
 * (Asia/Shanghai).
 */
import { z } from 'zod';
import { isoInstantSchema, latLngSchema } from './api';
import { type ImportProblem, importProblemSchema } from './people';
import { ROLES, type Role } from './vocabulary';

/** Why a case's assignee was chosen (the `dispatched` event's `data.rule`). */
export const DISPATCH_RULE_NAMES = ['on_duty', 'substitute', 'grid_leader', 'least_loaded', 'manual'] as const;
export type DispatchRuleName = (typeof DISPATCH_RULE_NAMES)[number];

/** Roles who edit the rota: admins anywhere, zone leaders in their own zone. */
export const ROTA_EDITOR_ROLES: readonly Role[] = ['admin', 'zone_leader'];

/** A shift longer than this is a typing error (a day and a night together are 24 h). */
export const MAX_SHIFT_HOURS = 24;
/** Leave longer than this is entered as several (a year). */
export const MAX_LEAVE_DAYS = 366;

const instant = z.iso.datetime({ offset: true });
const localDate = z.iso.date();
const timeOfDay = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time of day HH:MM');

/** Exactly one of areaId and departmentId. */
const place = z.object({ areaId: z.uuid().optional(), departmentId: z.uuid().optional() });
function onePlace<T extends { areaId?: string; departmentId?: string }>(v: T, ctx: z.RefinementCtx): void {
  if (!v.areaId === !v.departmentId) ctx.addIssue({ code: 'custom', path: ['areaId'], message: 'give exactly one of areaId and departmentId' });
}

function ordered(startKey: string, endKey: string, maxHours: number) {
  return (v: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    const start = Date.parse(String(v[startKey]));
    const end = Date.parse(String(v[endKey]));
    if (Number.isNaN(start) || Number.isNaN(end)) return;
    if (end <= start) ctx.addIssue({ code: 'custom', path: [endKey], message: `must be after ${startKey}` });
    else if (end - start > maxHours * 3_600_000) ctx.addIssue({ code: 'custom', path: [endKey], message: `at most ${maxHours} hours after ${startKey}` });
  };
}

/** POST /api/admin/shifts */
export const createShiftSchema = place
  .extend({ userId: z.uuid(), start: instant, end: instant, note: z.string().trim().max(200).optional() })
  .superRefine(onePlace)
  .superRefine(ordered('start', 'end', MAX_SHIFT_HOURS));
export type CreateShiftRequest = z.infer<typeof createShiftSchema>;

/** PUT /api/admin/shifts/:id: the whole shift again. */
export const updateShiftSchema = createShiftSchema;

export const shiftListQuerySchema = z
  .object({ areaId: z.uuid().optional(), departmentId: z.uuid().optional(), from: instant, to: instant })
  .superRefine(ordered('from', 'to', 62 * 24));
export type ShiftListQuery = z.infer<typeof shiftListQuerySchema>;

/** What every rota entry (shift, pattern) says: whose, and where. */
const rotaEntrySchema = z.object({
  /** A uuid; a listed occurrence of a weekly pattern is the pattern's id, a colon and its start (ms). */
  id: z.string(),
  userId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  areaId: z.uuid().nullable(),
  departmentId: z.uuid().nullable(),
});
export type RotaEntryDto = z.infer<typeof rotaEntrySchema>;

export const shiftDtoSchema = rotaEntrySchema
  .extend({
    start: isoInstantSchema,
    end: isoInstantSchema,
    note: z.string().nullable(),
    /** The weekly pattern it comes from (listing expands patterns), or null for a one-off shift. */
    patternId: z.uuid().nullable(),
  })
  .meta({ id: 'Shift' });
export type ShiftDto = z.infer<typeof shiftDtoSchema>;

/** POST /api/admin/shift-patterns */
export const createPatternSchema = place
  .extend({
    userId: z.uuid(),
    /** ISO weekdays: 1 Monday … 7 Sunday. */
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    startTime: timeOfDay,
    /** At or before startTime: a night shift ending the next morning. */
    endTime: timeOfDay,
    from: localDate,
    to: localDate.nullish(),
    /** Exceptions: days on which the pattern does not run. */
    skipDates: z.array(localDate).max(366).default([]),
  })
  .superRefine(onePlace)
  .superRefine((v, ctx) => {
    if (v.to && v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    if (v.startTime === v.endTime) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'a shift of 24 hours is 00:00–24:00' });
  });
export type CreatePatternRequest = z.input<typeof createPatternSchema>;

export const patternDtoSchema = rotaEntrySchema
  .extend({
    /** ISO weekdays: 1 Monday … 7 Sunday. */
    weekdays: z.array(z.number().int()),
    startTime: z.string(),
    endTime: z.string(),
    /** Derived: a pattern ending at or before its start runs overnight. */
    night: z.boolean(),
    from: z.string(),
    to: z.string().nullable(),
    skipDates: z.array(z.string()),
  })
  .meta({ id: 'ShiftPattern' });
export type PatternDto = z.infer<typeof patternDtoSchema>;

/** POST /api/admin/leaves */
export const createLeaveSchema = z
  .object({ userId: z.uuid(), start: instant, end: instant, substituteId: z.uuid().nullish(), reason: z.string().trim().max(200).optional() })
  .superRefine(ordered('start', 'end', MAX_LEAVE_DAYS * 24))
  .superRefine((v, ctx) => {
    if (v.substituteId && v.substituteId === v.userId) ctx.addIssue({ code: 'custom', path: ['substituteId'], message: 'someone else stands in' });
  });
export type CreateLeaveRequest = z.input<typeof createLeaveSchema>;

export const leaveDtoSchema = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    displayName: z.string(),
    start: isoInstantSchema,
    end: isoInstantSchema,
    substituteId: z.uuid().nullable(),
    substituteName: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'Leave' });
export type LeaveDto = z.infer<typeof leaveDtoSchema>;

export const leaveListQuerySchema = z.object({ areaId: z.uuid().optional(), from: instant, to: instant });

/** GET /api/areas/:id/on-duty?at= */
export const onDutyQuerySchema = z.object({ at: instant.optional() });

const onDutyUserSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    /** Checked in (签到) for the duty of the instant's local day. */
    checkedIn: z.boolean(),
  })
  .meta({ id: 'OnDutyUser' });
export type OnDutyUser = z.infer<typeof onDutyUserSchema>;

export const onDutyResponseSchema = z
  .object({
    at: isoInstantSchema,
    /** Who a new case would go to: those on duty, or the one the chain fell back to. */
    users: z.array(onDutyUserSchema),
    /** The person a new case of the grid would go to now, and why (null: nobody; the grid is pushed). */
    assigneeId: z.uuid().nullable(),
    rule: z.enum(DISPATCH_RULE_NAMES).nullable(),
    /** False when the grid keeps no rota: its workers count as on duty around the clock. */
    rota: z.boolean(),
  })
  .meta({ id: 'OnDuty' });
export type OnDutyResponse = z.infer<typeof onDutyResponseSchema>;

/** GET /api/rota/board?areaId=: who is on duty in each grid under an area (the desk and the wall). */
export const dutyBoardRowSchema = z
  .object({
    gridId: z.uuid(),
    gridName: z.string(),
    users: z.array(onDutyUserSchema),
    rule: z.enum(DISPATCH_RULE_NAMES).nullable(),
  })
  .meta({ id: 'DutyBoardRow' });
export type DutyBoardRow = z.infer<typeof dutyBoardRowSchema>;

/** POST /api/shifts/check-in */
export const checkInSchema = latLngSchema.extend({ reason: z.string().trim().min(2).max(200).optional() });
export type CheckInRequest = z.infer<typeof checkInSchema>;

export const checkInDtoSchema = z
  .object({
    id: z.uuid(),
    at: isoInstantSchema,
    areaId: z.uuid(),
    inside: z.boolean(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'CheckIn' });
export type CheckInDto = z.infer<typeof checkInDtoSchema>;

/** GET /api/shifts/mine: the caller's duty now (for the phone's check-in button). */
export const myDutyResponseSchema = z
  .object({
    onDuty: z.boolean(),
    areaId: z.uuid().nullable(),
    /** The current shift's span, when the rota names one. */
    start: isoInstantSchema.nullable(),
    end: isoInstantSchema.nullable(),
    checkIn: checkInDtoSchema.nullable(),
  })
  .meta({ id: 'MyDuty' });
export type MyDutyResponse = z.infer<typeof myDutyResponseSchema>;

/** A rota workbook larger than this is refused (413): a district's year of shifts is far smaller. */
export const MAX_ROTA_FILE_BYTES = 5 * 1024 * 1024;

/** A problem of the rota import: its row in the sheet (0: the file as a whole), column, code and values. */
const rotaImportProblemSchema = importProblemSchema;
export type RotaImportProblem = ImportProblem;

/** POST /api/admin/rota/imports (multipart `file`, .xlsx) → 201; nothing is applied until …/:id/apply. */
export const rotaImportDtoSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['valid', 'invalid', 'applied']),
    fileName: z.string(),
    problems: z.array(rotaImportProblemSchema),
    summary: z.object({ rows: z.number().int(), shifts: z.number().int(), patterns: z.number().int(), leaves: z.number().int() }),
  })
  .meta({ id: 'RotaImport' });
export type RotaImportDto = z.infer<typeof rotaImportDtoSchema>;
