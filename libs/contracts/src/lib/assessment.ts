/**
 * The assessment API (DESIGN §4, 严评实考): figures per unit and period computed from the case timeline,
 * composite indicators and grades, points and scores, rankings, drill-down to the cases behind a figure,
 * the per-person point ledger, appeals and the versioned configuration.
 */
import { z } from 'zod';
import { isoInstantSchema, pageOfSchema } from './api';
import { adjustmentDtoSchema } from './assessment-adjustments';
import { CASE_STATUSES, PRIORITIES } from './vocabulary';

/**
 * Leaders' posts ranked as levels of their own (DESIGN §7a, issue 23): 网格长, 村（社区）干部, 片区负责人, each
 * judged by the figures of the area they lead and their own field work, with an indicator set of its own.
 */
export const LEADER_LEVELS = ['grid_leader', 'village_cadre', 'zone_leader'] as const;
export type LeaderLevel = (typeof LEADER_LEVELS)[number];

/**
 * The units an assessment ranks. `worker` is a person (a post, 岗位): the grid workers; the leaders' posts have
 * their levels (`LEADER_LEVELS`); departments have their own level.
 */
export const ASSESSMENT_LEVELS = ['worker', ...LEADER_LEVELS, 'grid', 'village', 'zone', 'department'] as const;
export type AssessmentLevel = (typeof ASSESSMENT_LEVELS)[number];
/** The levels whose units the cases count for directly (a leader's post is judged through the area they lead). */
export type CaseLevel = Exclude<AssessmentLevel, LeaderLevel>;

/** Grades of a composite indicator: A ≥ 90, B 75–90, C 60–75, D 40–60, E < 40 (thresholds are configuration). */
export const ASSESSMENT_GRADES = ['A', 'B', 'C', 'D', 'E'] as const;
export type AssessmentGrade = (typeof ASSESSMENT_GRADES)[number];

/** Attributions a worker or department may appeal (申诉). */
export const APPEAL_KINDS = ['overdue', 'rework', 'missed_report'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];

export const APPEAL_STATUSES = ['pending', 'upheld', 'rejected'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** A local date (Asia/Shanghai), YYYY-MM-DD. */
const localDate = z.iso.date();

/**
 * A period: the cases reported from `from` to `to`, both local dates inclusive, as they stand now
 * (a case reported in the period and closed after it counts as closed).
 */
const periodShape = {
  from: localDate,
  to: localDate,
};
const refinePeriod = <T extends { from: string; to: string }>(p: T, ctx: z.RefinementCtx) => {
  if (p.to < p.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  else if (Date.parse(p.to) - Date.parse(p.from) > 366 * 86_400_000) ctx.addIssue({ code: 'custom', path: ['to'], message: 'a period is at most one year' });
};

/** GET /api/assessment?level=&from=&to=&version=&areaId= */
const assessmentQueryShape = {
  level: z.enum(ASSESSMENT_LEVELS),
  ...periodShape,
  /** Re-run the period under this configuration version (default: the current one). */
  version: z.coerce.number().int().positive().optional(),
  /** Only units inside this area (must be in the caller's scope). */
  areaId: z.uuid().optional(),
};
export const assessmentQuerySchema = z
  .object({
    ...assessmentQueryShape,
    /**
     * One page of the ranking (rank order; ranks and bottom flags are those of the whole ranking). Without
     * `pageSize` every row: exports and small levels; a page of 10,000 grids is cheaper to build, send and show.
     */
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(1000).optional(),
  })
  .superRefine(refinePeriod);
export type AssessmentQuery = z.infer<typeof assessmentQuerySchema>;

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** GET /api/assessment/export?level=&from=&to=&version=&areaId=&format=csv|xlsx */
export const assessmentExportQuerySchema = z
  .object({
    ...assessmentQueryShape,
    format: z.enum(EXPORT_FORMATS).default('xlsx'),
    /** Language of the column headings. */
    lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
  })
  .superRefine(refinePeriod);
export type AssessmentExportQuery = z.input<typeof assessmentExportQuerySchema>;

/**
 * Every figure of a unit and period. Counts are numbers of cases; rates are 0–1 and null when their
 * denominator is zero; times are hours (wall-clock), null without a case to measure.
 */
export const assessmentFiguresSchema = z
  .object({
    /** Cases reported in the period (for a worker: reported by them). */
    reported: z.number(),
    /** Handled on the spot by the reporter (自行处置). */
    selfHandled: z.number(),
    /** Registered (立案). */
    registered: z.number(),
    /** 立案率 = registered / reported. */
    registrationRate: z.number().nullable(),
    dispatched: z.number(),
    /** Accepted (签收) within the accept limit. */
    acceptedOnTime: z.number(),
    /** Should have been accepted by now: accepted + not accepted and past the limit. */
    shouldAccept: z.number(),
    /** acceptedOnTime / shouldAccept. */
    onTimeAcceptanceRate: z.number().nullable(),
    /** Handled (处置完成): completed at least once, or self-handled. */
    handled: z.number(),
    /** Handled, and the handling clock (rework included) has not run out. */
    handledOnTime: z.number(),
    /** 应处置 = handled + not handled and past the handling limit. */
    shouldHandle: z.number(),
    /** 按期处置率 = handledOnTime / shouldHandle. */
    onTimeRate: z.number().nullable(),
    /** Closed (结案). */
    closed: z.number(),
    closedOnTime: z.number(),
    /** 应结案 = closed + open and overdue (结案 + 超期未结). */
    shouldClose: z.number(),
    /** 结案率 = closed / shouldClose. */
    closureRate: z.number().nullable(),
    /** 按期结案率 = closedOnTime / shouldClose. */
    onTimeClosureRate: z.number().nullable(),
    /** Cases sent back for rework (返工) at least once. */
    reworked: z.number(),
    /** 返工率 = reworked / handled. */
    reworkRate: z.number().nullable(),
    /** Report → first acceptance. */
    avgResponseHours: z.number().nullable(),
    p90ResponseHours: z.number().nullable(),
    /** Registration → first completion (self-handled cases are not timed). */
    avgHandlingHours: z.number().nullable(),
    p90HandlingHours: z.number().nullable(),
    /**
     * Cases that are or were overdue (超期), closed late or still open past their limit (a person, a department:
     * those that went overdue while they held them), and over-suspended ones when the scheme counts them so.
     */
    overdue: z.number(),
    /** Open cases suspended (挂账) now: their clocks stand still. */
    suspended: z.number(),
    /** Of those, suspended longer than the scheme's maximum (`suspension.maxDays`). */
    overSuspended: z.number(),
    /** Cases rated by the reporter or resident. */
    rated: z.number(),
    /** Mean satisfaction 1–5. */
    satisfaction: z.number().nullable(),
    /** 漏报: residents' and hotline reports in the grid that its worker had not reported. */
    missedReports: z.number(),
    /** Cases with at least one whistle (吹哨). */
    whistled: z.number(),
    /** whistled / registered. */
    whistleRate: z.number().nullable(),
    /** Departments summoned (a department unit: times it was summoned). */
    summoned: z.number(),
    /** Summoned departments that reported in (报到) within their limit / summoned and due by now. */
    reportInOnTimeRate: z.number().nullable(),
    /** Mean rating 1–5 the summoning units gave the department(s). */
    departmentRating: z.number().nullable(),
    /** Distinct worker-days with a patrol (到村入户). */
    patrolDays: z.number(),
    /** Visits to households and places. */
    patrolVisits: z.number(),
    patrolKm: z.number(),
    /** Distinct worker-days with a check-in at the start of a shift (签到, issue 17). */
    onDutyDays: z.number(),
  })
  .meta({ id: 'AssessmentFigures' });
export type AssessmentFigures = z.infer<typeof assessmentFiguresSchema>;

export type AssessmentFigureName = keyof AssessmentFigures;

/** Figures that count cases, so that a drill-down can list them. */
export const DRILLABLE_FIGURES = [
  'reported',
  'selfHandled',
  'registered',
  'dispatched',
  'acceptedOnTime',
  'shouldAccept',
  'handled',
  'handledOnTime',
  'shouldHandle',
  'closed',
  'closedOnTime',
  'shouldClose',
  'reworked',
  'overdue',
  'suspended',
  'overSuspended',
  'rated',
  'missedReports',
  'whistled',
  'summoned',
] as const satisfies readonly AssessmentFigureName[];
export type DrillableFigure = (typeof DRILLABLE_FIGURES)[number];

/** Which counts a rate is made of, so a click on a rate can drill into its numerator or denominator. */
export const RATE_PARTS: Partial<Record<AssessmentFigureName, { numerator: DrillableFigure; denominator: DrillableFigure }>> = {
  registrationRate: { numerator: 'registered', denominator: 'reported' },
  onTimeAcceptanceRate: { numerator: 'acceptedOnTime', denominator: 'shouldAccept' },
  onTimeRate: { numerator: 'handledOnTime', denominator: 'shouldHandle' },
  closureRate: { numerator: 'closed', denominator: 'shouldClose' },
  onTimeClosureRate: { numerator: 'closedOnTime', denominator: 'shouldClose' },
  reworkRate: { numerator: 'reworked', denominator: 'handled' },
  whistleRate: { numerator: 'whistled', denominator: 'registered' },
};

/** One unit's line: figures, composite indicator (综合指标值), grade, points (积分), coefficient (系数), score, stars, rank. */
export const assessmentRowSchema = z
  .object({
    level: z.enum(ASSESSMENT_LEVELS),
    unitId: z.uuid(),
    /** The area's or department's name, or the person's display name. */
    unitName: z.string(),
    /** The person's username (worker level), else the area's or department's code. */
    unitCode: z.string(),
    /** The area a person serves, or the parent area of an area unit; null for departments. */
    parentAreaId: z.uuid().nullable(),
    figures: assessmentFiguresSchema,
    /** 0–100, weighted sum of banded figures; null when no indicator has a value. */
    composite: z.number().nullable(),
    grade: z.enum(ASSESSMENT_GRADES).nullable(),
    /** Points (积分) by the rules: persons only (null for other units). */
    points: z.number().nullable(),
    /** The person's coefficient (系数: post, grid difficulty); null for other units. */
    coefficient: z.number().nullable(),
    /** Persons: coefficient × points; other units: the composite. What the ranking orders by. */
    score: z.number().nullable(),
    /** 1–5 from the grade (A = 5). */
    stars: z.number().nullable(),
    /** 1 = best among the rows; units without a score rank last. */
    rank: z.number().int(),
    /** In the bottom 10 % of the ranking (flagged for the leaders). */
    bottom: z.boolean(),
  })
  .meta({ id: 'AssessmentRow' });
export type AssessmentRow = z.infer<typeof assessmentRowSchema>;

export const assessmentResponseSchema = z
  .object({
    level: z.enum(ASSESSMENT_LEVELS),
    from: z.string(),
    to: z.string(),
    /** The moment "open and overdue" is judged at. */
    asOf: isoInstantSchema,
    configVersion: z.number().int(),
    /**
     * Cases whose latest events are not counted yet: 0, except while the projection catches up on a backlog
     * (the first start on a large existing database, a bulk import), when an answer does not wait for all of it.
     */
    pendingCases: z.number().int(),
    /** The whole scope summed (the district, a zone, a department): the totals row. */
    total: assessmentFiguresSchema,
    /** How many units the whole ranking has (`rows` is one page of it when a page size was asked for). */
    rowCount: z.number().int(),
    page: z.number().int(),
    /** null: every row. */
    pageSize: z.number().nullable(),
    rows: z.array(assessmentRowSchema),
  })
  .meta({ id: 'Assessment' });
export type AssessmentResponse = z.infer<typeof assessmentResponseSchema>;

/** GET /api/assessment/cases?level=&unitId=&figure=&from=&to=&page=&pageSize= — the cases behind a figure. */
export const assessmentDrillQuerySchema = z
  .object({
    level: z.enum(ASSESSMENT_LEVELS),
    unitId: z.uuid(),
    figure: z.enum(DRILLABLE_FIGURES),
    ...periodShape,
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .superRefine(refinePeriod);
export type AssessmentDrillQuery = z.input<typeof assessmentDrillQuerySchema>;

export const assessmentCaseItemSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    categoryCode: z.string(),
    priority: z.enum(PRIORITIES),
    status: z.enum(CASE_STATUSES),
    reportedAt: isoInstantSchema,
    closedAt: isoInstantSchema.nullable(),
    /** When the case turned (or will turn, if nothing happens) overdue. */
    overdueAt: isoInstantSchema.nullable(),
    handlerId: z.uuid().nullable(),
    /** Attributions waived by an upheld appeal. */
    waived: z.array(z.enum(APPEAL_KINDS)),
  })
  .meta({ id: 'AssessmentCaseItem' });
export type AssessmentCaseItem = z.infer<typeof assessmentCaseItemSchema>;

export const assessmentDrillResponseSchema = z
  .object({
    level: z.enum(ASSESSMENT_LEVELS),
    unitId: z.uuid(),
    figure: z.enum(DRILLABLE_FIGURES),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number(),
    items: z.array(assessmentCaseItemSchema),
  })
  .meta({ id: 'AssessmentDrill' });
export type AssessmentDrillResponse = z.infer<typeof assessmentDrillResponseSchema>;

/** Point rules (积分规则) in the ledger. */
export const POINT_RULES = ['valid_report', 'self_handled', 'handled_on_time', 'overdue', 'rework', 'missed_report', 'good_rating', 'poor_rating'] as const;
export type PointRule = (typeof POINT_RULES)[number];

/** One gain or loss of a person, explained by its case. */
export const ledgerEntrySchema = z
  .object({
    caseId: z.uuid(),
    caseCode: z.string(),
    categoryCode: z.string(),
    rule: z.enum(POINT_RULES),
    points: z.number(),
    /** When it was earned (the event that decided it, or the report). */
    at: isoInstantSchema,
    /** This attribution can be appealed (an overdue, a rework, a missed report) and has not been. */
    appealable: z.enum(APPEAL_KINDS).nullable(),
  })
  .meta({ id: 'LedgerEntry' });
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

/** GET /api/assessment/ledger?userId=&from=&to=&version= */
export const assessmentLedgerQuerySchema = z
  .object({
    userId: z.uuid(),
    ...periodShape,
    version: z.coerce.number().int().positive().optional(),
  })
  .superRefine(refinePeriod);
export type AssessmentLedgerQuery = z.input<typeof assessmentLedgerQuerySchema>;

export const assessmentLedgerSchema = z
  .object({
    userId: z.uuid(),
    displayName: z.string(),
    from: z.string(),
    to: z.string(),
    configVersion: z.number().int(),
    points: z.number(),
    coefficient: z.number(),
    score: z.number(),
    /** Points per rule (of cases). */
    byRule: z.record(z.enum(POINT_RULES), z.number()),
    entries: z.array(ledgerEntrySchema),
    /** Reward and penalty points (奖惩) dated in the period: all of them, pending, rejected and appealed ones too. */
    adjustments: z.array(adjustmentDtoSchema),
    /** The sum of those that count (approved, not waived by an upheld appeal); `points` = entries + these. */
    adjustmentPoints: z.number(),
  })
  .meta({ id: 'AssessmentLedger' });
export type AssessmentLedger = z.infer<typeof assessmentLedgerSchema>;

/** POST /api/assessment/appeals — by the person (or department) the attribution counts against. */
export const createAppealSchema = z.object({
  caseId: z.uuid(),
  kind: z.enum(APPEAL_KINDS),
  reason: z.string().trim().min(1).max(2000),
  /** What supports it: notes, references to photos (`POST /api/attachments`). */
  evidence: z.string().trim().max(4000).default(''),
  attachmentIds: z.array(z.uuid()).max(9).default([]),
});
export type CreateAppealRequest = z.input<typeof createAppealSchema>;

/** POST /api/assessment/appeals/:id/decide — by an assessor or admin. */
export const decideAppealSchema = z.object({
  decision: z.enum(['upheld', 'rejected']),
  note: z.string().trim().min(1).max(2000),
});
export type DecideAppealRequest = z.input<typeof decideAppealSchema>;

/** GET /api/assessment/appeals?status=&page=&pageSize= */
export const appealListQuerySchema = z.object({
  status: z.enum(APPEAL_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const appealDtoSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    caseCode: z.string(),
    kind: z.enum(APPEAL_KINDS),
    /** Who appealed: a person, or a department's staff for their department. */
    appellantId: z.uuid(),
    departmentId: z.uuid().nullable(),
    reason: z.string(),
    evidence: z.string(),
    attachmentIds: z.array(z.uuid()),
    status: z.enum(APPEAL_STATUSES),
    decidedBy: z.string().nullable(),
    decidedAt: isoInstantSchema.nullable(),
    decisionNote: z.string().nullable(),
    createdAt: isoInstantSchema,
  })
  .meta({ id: 'Appeal' });
export type AppealDto = z.infer<typeof appealDtoSchema>;

export const appealListResponseSchema = pageOfSchema(appealDtoSchema).meta({ id: 'AppealList' });
export type AppealListResponse = z.infer<typeof appealListResponseSchema>;

/** A banded score: the first band (in order) whose `atLeast` the value reaches gives its score (0–100). */
export const bandSchema = z.object({ atLeast: z.number(), score: z.number().min(0).max(100) });

/** One weighted indicator of a composite. Without bands the score is the rate × 100. */
export const indicatorSchema = z.object({
  figure: z.enum([
    'registrationRate',
    'onTimeAcceptanceRate',
    'onTimeRate',
    'closureRate',
    'onTimeClosureRate',
    'reworkRate',
    'satisfaction',
    'whistleRate',
    'reportInOnTimeRate',
    'departmentRating',
    'reported',
    'handled',
    'missedReports',
    'suspended',
    'overSuspended',
    'patrolDays',
    'patrolVisits',
    'patrolKm',
    'onDutyDays',
  ]),
  weight: z.number().min(0).max(1),
  /** Score 1 − rate (rework rate: lower is better). */
  invert: z.boolean().default(false),
  bands: z.array(bandSchema).max(20).optional(),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const pointRulesSchema = z.object({
  /** Multiplier of the category's points (权责清单 `points`) for a valid report. */
  validReport: z.number(),
  selfHandled: z.number(),
  handledOnTime: z.number(),
  overdue: z.number(),
  rework: z.number(),
  missedReport: z.number(),
  /** Satisfaction of 5 / of 2 or less. */
  goodRating: z.number(),
  poorRating: z.number(),
});
export type PointRules = z.infer<typeof pointRulesSchema>;

/**
 * Suspension (挂账) in the scheme: a suspended case's clocks stand still, for at most `maxDays`; beyond, it is
 * over-suspended and, with `overAsOverdue`, back in the handling and closure denominators as not done and
 * overdue. Both counts are figures of their own (`suspended`, `overSuspended`) that indicators may weigh.
 */
export const suspensionRuleSchema = z.object({
  maxDays: z.number().int().min(1).max(3650),
  overAsOverdue: z.boolean(),
});
export type SuspensionRule = z.infer<typeof suspensionRuleSchema>;

/** Weights, bands, point rules, coefficients and grades: versioned; a period can be re-run under any version. */
export const assessmentConfigSchema = z.object({
  /**
   * Composite indicators per kind of unit: areas (grid, village, zone), departments, posts (grid workers), and
   * each leader's post (without a set of its own in a version written before them: the domain's default set).
   */
  indicators: z.object({
    area: z.array(indicatorSchema).min(1).max(20),
    department: z.array(indicatorSchema).min(1).max(20),
    post: z.array(indicatorSchema).min(1).max(20),
    grid_leader: z.array(indicatorSchema).min(1).max(20).optional(),
    village_cadre: z.array(indicatorSchema).min(1).max(20).optional(),
    zone_leader: z.array(indicatorSchema).min(1).max(20).optional(),
  }),
  points: pointRulesSchema,
  coefficients: z.object({
    /** 系数 by post (role); 1 when missing. */
    byRole: z.record(z.string(), z.number().positive().max(10)).default({}),
    /** Grid difficulty: multiplies the post's coefficient for people serving that area. */
    byArea: z.record(z.uuid(), z.number().positive().max(10)).default({}),
    /** A person's own coefficient, replacing the others. */
    byUser: z.record(z.uuid(), z.number().positive().max(10)).default({}),
  }),
  /** Lowest composite of grades A, B, C, D (E below). */
  grades: z.object({ A: z.number(), B: z.number(), C: z.number(), D: z.number() }),
  /** Share of the ranking flagged at the bottom. */
  bottomShare: z.number().min(0).max(0.5),
  /** Versions written before the rule have its default: 90 days, then overdue. */
  suspension: suspensionRuleSchema.default({ maxDays: 90, overAsOverdue: true }),
});
export type AssessmentConfig = z.infer<typeof assessmentConfigSchema>;

/** POST /api/assessment/config — a new version (assessors and admins). */
export const createConfigVersionSchema = z.object({
  config: assessmentConfigSchema,
  note: z.string().trim().min(1).max(500),
});
export type CreateConfigVersionRequest = z.input<typeof createConfigVersionSchema>;

export const assessmentConfigVersionSchema = z
  .object({
    version: z.number().int(),
    config: assessmentConfigSchema,
    note: z.string(),
    createdBy: z.string().nullable(),
    createdAt: isoInstantSchema,
    current: z.boolean(),
  })
  .meta({ id: 'AssessmentConfigVersion' });
export type AssessmentConfigVersion = z.infer<typeof assessmentConfigVersionSchema>;
