/**
 * The case API (DESIGN §3, §7): intake, lists, detail with timeline, one endpoint per action.
 * The API validates with these schemas; the web client types its calls with them.
 */
import { z } from 'zod';
import { recurrenceSchema } from './recurrence';
import { isoInstantSchema, latLngSchema, pageOfSchema } from './api';
import {
  AREA_LEVELS,
  CASE_ACTIONS,
  CASE_EVENT_KINDS,
  CASE_SOURCES,
  CASE_STATUSES,
  CLOCK_KINDS,
  CO_HANDLER_STATUSES,
  PRIORITIES,
  SLA_CLOCKS,
  SLA_STATES,
  WHISTLE_KINDS,
  type CaseAction,
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
  request_info: base,
  reopen: base,
} satisfies Record<Exclude<CaseAction, 'report' | 'self_handle'>, z.ZodType>;
export type CaseActionPath = keyof typeof caseActionBodySchemas;
export const CASE_ACTION_PATHS = CASE_ACTIONS.filter((a): a is CaseActionPath => a in caseActionBodySchemas);
export type CaseActionBody<A extends CaseActionPath> = z.input<(typeof caseActionBodySchemas)[A]>;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(z.enum(values)).min(1));

export const CASE_SORTS = ['reportedAt', '-reportedAt', 'handleDueAt', '-handleDueAt', 'closedAt', '-closedAt', 'priority', 'code'] as const;

/** A case list counts its matches up to this many (or as deep as the page asked); past it `total` is a lower bound (ADR 0022). */
export const CASE_LIST_COUNT_LIMIT = 1_000;

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
  /** Cases the department handles or is summoned to; with `open=true`, only those where its own part is not finished. */
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
  /**
   * Keyset paging: the `nextCursor` of the previous page (same filter and sort). The page starts after that case,
   * however deep, at the cost of the first page; `page` is then only echoed.
   */
  cursor: z.string().max(400).regex(/^[A-Za-z0-9_-]+$/, 'a nextCursor from a previous answer').optional(),
  /**
   * `exact`: count every match, however many (for a figure such as the wall's on-time rate; over millions of cases
   * it costs a scan). By default matches past 1,000 (or the page's depth) are not counted and `totalExact` says so.
   */
  count: z.enum(['exact']).optional(),
});
export type CaseListQuery = z.input<typeof caseListQuerySchema>;

const ATTACHMENT_PURPOSES = ['report', 'progress', 'result', 'verification'] as const;

/** Enough of a case to show it in a list or on the map without another request. */
export const caseSummarySchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    status: z.enum(CASE_STATUSES),
    source: z.enum(CASE_SOURCES),
    categoryCode: z.string(),
    priority: z.enum(PRIORITIES),
    description: z.string(),
    location: latLngSchema,
    address: z.string().nullable(),
    gridId: z.uuid(),
    areaPath: z.array(z.uuid()),
    /** The unit responsible now. */
    unit: handlingUnitSchema.nullable(),
    assigneeId: z.uuid().nullable(),
    departmentIds: z.array(z.uuid()),
    /** The summoned departments that have finished their part (for them the case has left their 在办 list). */
    finishedDepartmentIds: z.array(z.uuid()).optional(),
    slaState: z.enum(SLA_STATES),
    acceptDueAt: isoInstantSchema.nullable(),
    handleDueAt: isoInstantSchema.nullable(),
    suspended: z.boolean(),
    duplicateCandidateIds: z.array(z.uuid()),
    reportedAt: isoInstantSchema,
    closedAt: isoInstantSchema.nullable(),
  })
  .meta({ id: 'CaseSummary' });
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseListResponseSchema = pageOfSchema(caseSummarySchema)
  .extend({
    /**
     * False when more cases match than were counted (at least 1,000, or as deep as the page asked for): `total` is
     * then a lower bound (counted, not estimated), and the list goes on past it.
     */
    totalExact: z.boolean().optional(),
    /** The `cursor` of the page after this one (null: this is the last). */
    nextCursor: z.string().nullable().optional(),
  })
  .meta({ id: 'CaseList' });
export type CaseListResponse = z.infer<typeof caseListResponseSchema>;

const caseEventDtoSchema = z
  .object({
    seq: z.number().int(),
    kind: z.enum(CASE_EVENT_KINDS),
    fromStatus: z.enum(CASE_STATUSES).nullable(),
    toStatus: z.enum(CASE_STATUSES),
    actorId: z.uuid().nullable(),
    actorName: z.string().nullable(),
    at: isoInstantSchema,
    note: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'CaseEvent' });
export type CaseEventDto = z.infer<typeof caseEventDtoSchema>;

export const attachmentDtoSchema = z
  .object({
    id: z.uuid(),
    purpose: z.enum(ATTACHMENT_PURPOSES),
    mime: z.string(),
    size: z.number().int(),
    url: z.string(),
    thumbnailUrl: z.string().nullable(),
    location: latLngSchema.nullable(),
    takenAt: isoInstantSchema.nullable(),
    distanceFromCaseM: z.number().nullable(),
    /** Taken far from the case location: the verifier should look twice. */
    farFromCase: z.boolean(),
    /** A result photo a staff member marked public: shown on the resident's tracking page. */
    public: z.boolean().optional(),
    createdAt: isoInstantSchema,
  })
  .meta({ id: 'Attachment' });
export type AttachmentDto = z.infer<typeof attachmentDtoSchema>;

const slaClockDtoSchema = z.object({
  clock: z.enum(SLA_CLOCKS),
  dueAt: isoInstantSchema.nullable(),
  usedFraction: z.number(),
  state: z.enum(SLA_STATES),
  /** running: counting now; paused: the case is suspended (挂账); stopped: the step is done (at `stoppedAt`). */
  phase: z.enum(['running', 'paused', 'stopped']),
  stoppedAt: isoInstantSchema.nullable(),
  /** The limit, in working hours (the calendar's workdays and hours) or calendar hours, as `kind` says. */
  limitHours: z.number(),
  kind: z.enum(CLOCK_KINDS),
});
export type SlaClockDto = z.infer<typeof slaClockDtoSchema>;

const coHandlerDtoSchema = z.object({
  departmentId: z.uuid(),
  lead: z.boolean(),
  status: z.enum(CO_HANDLER_STATUSES),
  whistleKind: z.enum(WHISTLE_KINDS),
  reportInDueAt: isoInstantSchema.nullable(),
  handleDueAt: isoInstantSchema.nullable(),
  rating: z.number().nullable(),
  /** The department's staff member on duty when it was summoned (its rota); null: the department as a whole. */
  assigneeId: z.uuid().nullable(),
});
export type CoHandlerDto = z.infer<typeof coHandlerDtoSchema>;

/** GET /api/cases/:id */
export const caseDetailSchema = caseSummarySchema
  .extend({
    trackingToken: z.string(),
    /** The version of its category the case was routed under: its time limits and points come from it, whatever the list says later. */
    categoryVersion: z.number().int(),
    reporterId: z.uuid().nullable(),
    /** Residents' names and phones are masked (张*、138****5678) for roles that do not need them. */
    reporterName: z.string().nullable(),
    reporterPhone: z.string().nullable(),
    verifierId: z.uuid().nullable(),
    coHandlers: z.array(coHandlerDtoSchema),
    pendingExtension: z.object({ hours: z.number(), reason: z.string(), requestedAt: isoInstantSchema }).nullable(),
    pendingSuspension: z.object({ reason: z.string(), requestedAt: isoInstantSchema }).nullable(),
    rating: z.number().nullable(),
    mergedInto: z.uuid().nullable(),
    clocks: z.array(slaClockDtoSchema),
    timeline: z.array(caseEventDtoSchema),
    attachments: z.array(attachmentDtoSchema),
    /**
     * The photo a resident linked when reporting through Open311 (`media_url`, http or https): shown to the desk as a
     * link to open deliberately, never fetched or embedded by the system. Null for other cases, and for callers who do
     * not see a sensitive case's details.
     */
    residentMediaUrl: z.string().nullable(),
    /** What the caller may do now (the desk shows only these buttons). */
    allowedActions: z.array(z.enum(CASE_ACTION_PATHS)),
    /** Reported again at a place where a case of its category was closed not long before (issue 20); null: not a recurrence. */
    recurrence: recurrenceSchema.nullable().optional(),
  })
  .meta({ id: 'CaseDetail' });
export type CaseDetail = z.infer<typeof caseDetailSchema>;


export const attachmentUploadSchema = z.object({
  purpose: z.enum(ATTACHMENT_PURPOSES).default('report'),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  takenAt: z.iso.datetime({ offset: true }).optional(),
});
export type AttachmentUpload = z.input<typeof attachmentUploadSchema>;
