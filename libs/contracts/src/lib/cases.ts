/**
 * The case API (DESIGN §3, §7): intake, lists, detail with timeline, one endpoint per action.
 * The API validates with these schemas; the web client types its calls with them.
 */
import { z } from 'zod';
import { latLngSchema, type LatLng } from './api';
import {
  AREA_LEVELS,
  CASE_ACTIONS,
  CASE_SOURCES,
  CASE_STATUSES,
  PRIORITIES,
  SLA_STATES,
  WHISTLE_KINDS,
  type CaseAction,
  type CaseEventKind,
  type CaseSource,
  type CaseStatus,
  type CoHandlerStatus,
  type Priority,
  type SlaClockName,
  type SlaState,
  type WhistleKind,
} from './vocabulary';

const note = z.string().trim().max(2000);
const photoIds = z.array(z.uuid()).max(9);

/** POST /api/cases — a report from any channel. `selfHandled` records a minor matter handled on the spot (自行处置). */
export const createCaseSchema = z.object({
  categoryCode: z.string().trim().min(1).max(64),
  description: z.string().trim().max(2000).default(''),
  location: latLngSchema,
  address: z.string().trim().max(256).nullish(),
  priority: z.enum(PRIORITIES).default('normal'),
  /** Defaults from the caller's role: grid_report for field roles, front_desk for operators. */
  source: z.enum(CASE_SOURCES).optional(),
  /** Photos uploaded beforehand with POST /api/attachments. */
  photoIds: photoIds.default([]),
  /** The resident behind a front-desk or hotline request (masked for roles that do not need it). */
  reporter: z
    .object({
      name: z.string().trim().min(1).max(64),
      phone: z.string().trim().regex(/^\+?[0-9][0-9 -]{5,19}$/, 'a phone number'),
    })
    .optional(),
  selfHandled: z.object({ result: note.min(1), photoIds: photoIds.min(1) }).optional(),
  /** Values of the category's extra fields (`CategoryDto.extraFields`), by field code; checked against the category. */
  extraFields: z
    .record(z.string().regex(/^(?!__proto__$)\w{1,64}$/, 'a field code'), z.union([z.string().max(500), z.array(z.string().max(500)).max(50)]))
    .refine((values) => Object.keys(values).length <= 50, 'at most 50 fields')
    .optional(),
});
export type CreateCaseRequest = z.input<typeof createCaseSchema>;

export const handlingUnitSchema = z.union([
  z.object({ level: z.enum(AREA_LEVELS), areaId: z.uuid() }),
  z.object({ level: z.literal('department'), departmentId: z.uuid() }),
]);
export type HandlingUnitDto = z.infer<typeof handlingUnitSchema>;

const base = z.object({ note: note.optional(), photoIds: photoIds.optional() });

/** The body of POST /api/cases/:id/<action>, per action (report and self_handle go through POST /api/cases). */
export const caseActionBodySchemas = {
  register: base,
  reject: base,
  dispatch: base.extend({ unit: handlingUnitSchema, assigneeId: z.uuid().nullish(), verifierId: z.uuid().nullish() }),
  acknowledge: base,
  accept: base,
  return: base,
  start: base,
  progress: base,
  escalate: base,
  whistle: base.extend({
    whistleKind: z.enum(WHISTLE_KINDS),
    departments: z
      .array(
        z.object({
          departmentId: z.uuid(),
          lead: z.boolean(),
          reportInHours: z.number().positive().max(720),
          handleHours: z.number().positive().max(2000),
        }),
      )
      .min(1)
      .max(12),
  }),
  report_in: base,
  dept_complete: base,
  rate_department: base.extend({ departmentId: z.uuid(), score: z.number().int().min(1).max(5) }),
  request_extension: base.extend({ hours: z.number().positive().max(2000) }),
  approve_extension: base,
  deny_extension: base,
  request_suspension: base,
  approve_suspension: base,
  deny_suspension: base,
  resume: base,
  complete: base,
  verify: base,
  rework: base,
  close: base,
  rate: base.extend({ score: z.number().int().min(1).max(5) }),
  cancel: base,
  merge: base.extend({ mainCaseId: z.uuid() }),
} satisfies Record<Exclude<CaseAction, 'report' | 'self_handle'>, z.ZodType>;
export type CaseActionPath = keyof typeof caseActionBodySchemas;
export const CASE_ACTION_PATHS = CASE_ACTIONS.filter((a): a is CaseActionPath => a in caseActionBodySchemas);
export type CaseActionBody<A extends CaseActionPath> = z.input<(typeof caseActionBodySchemas)[A]>;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(z.enum(values)).min(1));

export const CASE_SORTS = ['reportedAt', '-reportedAt', 'handleDueAt', '-handleDueAt', 'closedAt', '-closedAt', 'priority', 'code'] as const;

/** GET /api/cases */
export const caseListQuerySchema = z.object({
  status: csv(CASE_STATUSES).optional(),
  /** That area's subtree. */
  areaId: z.uuid().optional(),
  categoryCode: z.string().max(64).optional(),
  priority: csv(PRIORITIES).optional(),
  sla: csv(SLA_STATES).optional(),
  /** A user id, or `me`. */
  assigneeId: z.union([z.uuid(), z.literal('me')]).optional(),
  departmentId: z.uuid().optional(),
  /** west,south,east,north in degrees. */
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'west,south,east,north')
    .transform((s) => s.split(',').map(Number) as [number, number, number, number])
    .optional(),
  /** Words in the code, description or address. */
  q: z.string().trim().min(1).max(100).optional(),
  /** Reported in [from, to). */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Closed in [closedFrom, closedTo) — e.g. "closed today" on the wall. */
  closedFrom: z.iso.datetime({ offset: true }).optional(),
  closedTo: z.iso.datetime({ offset: true }).optional(),
  open: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  sort: z.enum(CASE_SORTS).default('-reportedAt'),
});
export type CaseListQuery = z.input<typeof caseListQuerySchema>;

/** Enough of a case to show it in a list or on the map without another request. */
export interface CaseSummary {
  id: string;
  code: string;
  status: CaseStatus;
  source: CaseSource;
  categoryCode: string;
  priority: Priority;
  description: string;
  location: LatLng;
  address: string | null;
  gridId: string;
  areaPath: string[];
  /** The unit responsible now. */
  unit: HandlingUnitDto | null;
  assigneeId: string | null;
  departmentIds: string[];
  slaState: SlaState;
  acceptDueAt: string | null;
  handleDueAt: string | null;
  suspended: boolean;
  duplicateCandidateIds: string[];
  reportedAt: string;
  closedAt: string | null;
}

export interface CaseListResponse {
  items: CaseSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CaseEventDto {
  seq: number;
  kind: CaseEventKind;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  actorId: string | null;
  actorName: string | null;
  at: string;
  note: string | null;
  data: Record<string, unknown>;
}

export interface AttachmentDto {
  id: string;
  purpose: 'report' | 'progress' | 'result' | 'verification';
  mime: string;
  size: number;
  url: string;
  thumbnailUrl: string | null;
  location: LatLng | null;
  takenAt: string | null;
  distanceFromCaseM: number | null;
  /** Taken far from the case location: the verifier should look twice. */
  farFromCase: boolean;
  createdAt: string;
}

export interface SlaClockDto {
  clock: SlaClockName;
  dueAt: string | null;
  usedFraction: number;
  state: SlaState;
}

export interface CoHandlerDto {
  departmentId: string;
  lead: boolean;
  status: CoHandlerStatus;
  whistleKind: WhistleKind;
  reportInDueAt: string | null;
  handleDueAt: string | null;
  rating: number | null;
}

/** GET /api/cases/:id */
export interface CaseDetail extends CaseSummary {
  trackingToken: string;
  /** The version of its category the case was routed under: its time limits and points come from it, whatever the list says later. */
  categoryVersion: number;
  reporterId: string | null;
  /** Residents' names and phones are masked (张*、138****5678) for roles that do not need them. */
  reporterName: string | null;
  reporterPhone: string | null;
  verifierId: string | null;
  coHandlers: CoHandlerDto[];
  pendingExtension: { hours: number; reason: string; requestedAt: string } | null;
  pendingSuspension: { reason: string; requestedAt: string } | null;
  rating: number | null;
  mergedInto: string | null;
  clocks: SlaClockDto[];
  timeline: CaseEventDto[];
  attachments: AttachmentDto[];
  /**
   * The photo a resident linked when reporting through Open311 (`media_url`, http or https): shown to the desk as a
   * link to open deliberately, never fetched or embedded by the system. Null for other cases, and for callers who do
   * not see a sensitive case's details.
   */
  residentMediaUrl: string | null;
  /** What the caller may do now (the desk shows only these buttons). */
  allowedActions: CaseActionPath[];
}

/** GET /api/public/cases/:token — no personal data, no sensitive categories' details. */
export interface PublicCaseView {
  code: string;
  status: CaseStatus;
  categoryName: string;
  categoryNameEn: string;
  reportedAt: string;
  closedAt: string | null;
  timeline: { kind: CaseEventKind; at: string; toStatus: CaseStatus }[];
}

export const attachmentUploadSchema = z.object({
  purpose: z.enum(['report', 'progress', 'result', 'verification']).default('report'),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  takenAt: z.iso.datetime({ offset: true }).optional(),
});
export type AttachmentUpload = z.input<typeof attachmentUploadSchema>;
