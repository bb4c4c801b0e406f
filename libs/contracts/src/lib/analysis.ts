import { z } from 'zod';
import { isoInstantSchema, latLngSchema } from './api';
import { recurrenceSchema } from './recurrence';
import { CASE_STATUSES, type Role } from './vocabulary';

/** Who reads the analysis: the command centre and the leaders of areas (each their own area). */
export const ANALYSIS_ROLES: readonly Role[] = ['operator', 'admin', 'assessor', 'zone_leader', 'village_cadre', 'grid_leader'];

/** A local date (Asia/Shanghai), YYYY-MM-DD: a real one (2028-02-29 is, 2027-02-29 is not). */
const localDate = z.iso.date();

/** The longest period an analysis answers: a year (a leap year's 366 days). */
export const ANALYSIS_MAX_DAYS = 366;

const refinePeriod = <T extends { from: string; to: string }>(p: T, ctx: z.RefinementCtx) => {
  if (p.to < p.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  else if ((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 + 1 > ANALYSIS_MAX_DAYS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `an analysis covers at most ${ANALYSIS_MAX_DAYS} days: ask for one year at a time` });
};

/** GET /api/analysis/hotspots?from=&to=&categoryCode=&areaId= (local dates, both inclusive). */
export const hotspotQuerySchema = z
  .object({
    from: localDate,
    to: localDate,
    /** A category, or a parent category with all its children. */
    categoryCode: z.string().trim().min(1).max(64).optional(),
    /** Only the grids inside this area (in the caller's scope); the statistic is the whole territory's. */
    areaId: z.uuid().optional(),
  })
  .superRefine(refinePeriod);
export type HotspotQuery = z.infer<typeof hotspotQuerySchema>;

export const HOTSPOT_STATUSES = ['ok', 'no_grids', 'no_cases', 'too_few_cases'] as const;
export type HotspotStatusDto = (typeof HOTSPOT_STATUSES)[number];

export const hotspotGridSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  /** Cases reported in the grid in the period. */
  count: z.number().int(),
  /** Cases in the grid and its neighbours. */
  local: z.number().int(),
  /** Getis–Ord Gi* z-score, its two-sided p-value and its Benjamini–Hochberg q-value. */
  z: z.number(),
  p: z.number(),
  q: z.number(),
  /** 99, 95 or 90 (q ≤ 0.01, 0.05, 0.10, and z > 0); 0: not a hot grid. */
  confidence: z.union([z.literal(0), z.literal(90), z.literal(95), z.literal(99)]),
  hot: z.boolean(),
});
export type HotspotGrid = z.infer<typeof hotspotGridSchema>;

export const hotspotSchema = z.object({
  /** The hotspot's strongest grid: a stable name for it within the answer. */
  id: z.uuid(),
  gridIds: z.array(z.uuid()),
  /** The strongest grid's name and its village's. */
  name: z.string(),
  villageName: z.string().nullable(),
  centroid: latLngSchema,
  cases: z.number().int(),
  maxZ: z.number(),
  minQ: z.number(),
  /** None of its grids was hot in the period of the same length just before. */
  isNew: z.boolean(),
  /** The categories reported most in it (all categories when no category is asked for). */
  topCategories: z.array(z.object({ code: z.string(), count: z.number().int() })),
});
export type Hotspot = z.infer<typeof hotspotSchema>;

export const hotspotResponseSchema = z
  .object({
    /** `ok`, or why nothing was tested: no grids in the area, no cases, too few cases for the test. */
    status: z.enum(HOTSPOT_STATUSES),
    period: z.object({ from: localDate, to: localDate, days: z.number().int() }),
    previousPeriod: z.object({ from: localDate, to: localDate }),
    categoryCode: z.string().nullable(),
    areaId: z.uuid().nullable(),
    /** Cases in the answer's grids, and in the whole territory the statistic is computed over. */
    cases: z.number().int(),
    territoryCases: z.number().int(),
    territoryGrids: z.number().int(),
    method: z.object({
      statistic: z.literal('getis_ord_gi_star'),
      weights: z.literal('queen_contiguity_binary'),
      correction: z.literal('benjamini_hochberg'),
      alpha: z.number(),
      minCases: z.number().int(),
      minLocalCases: z.number().int(),
    }),
    /** Every grid of the area with a case or a hot neighbourhood (quiet grids left out). */
    grids: z.array(hotspotGridSchema),
    hotspots: z.array(hotspotSchema),
    computedAt: isoInstantSchema,
  })
  .meta({ id: 'HotspotAnalysis' });
export type HotspotResponse = z.infer<typeof hotspotResponseSchema>;

/** GET /api/analysis/recurrences?from=&to=&areaId=: the recurrent reports of the period. */
export const recurrenceQuerySchema = z
  .object({
    from: localDate,
    to: localDate,
    areaId: z.uuid().optional(),
    categoryCode: z.string().trim().min(1).max(64).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .superRefine(refinePeriod);
export type RecurrenceQuery = z.infer<typeof recurrenceQuerySchema>;

export const recurrenceItemSchema = z.object({
  case: z.object({
    id: z.uuid(),
    code: z.string(),
    categoryCode: z.string(),
    status: z.enum(CASE_STATUSES),
    location: latLngSchema,
    address: z.string().nullable(),
    gridId: z.uuid(),
    reportedAt: isoInstantSchema,
  }),
  recurrence: recurrenceSchema,
  /** The unit that closed the case which did not last (for root-cause work; assessment reads the same data). */
  closedBy: z.object({ level: z.string().nullable(), areaId: z.uuid().nullable(), departmentId: z.uuid().nullable(), name: z.string().nullable() }),
});
export type RecurrenceItem = z.infer<typeof recurrenceItemSchema>;

export const recurrenceListSchema = z
  .object({
    items: z.array(recurrenceItemSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    rules: z.object({ radiusMeters: z.number(), windowDays: z.number().int() }),
  })
  .meta({ id: 'RecurrenceList' });
export type RecurrenceList = z.infer<typeof recurrenceListSchema>;

/** A unit a 每月一题 task names as its lead or a co-unit: a department or an area (a village, a zone). */
export const taskUnitSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('department'), departmentId: z.uuid() }),
  z.object({ kind: z.literal('area'), areaId: z.uuid() }),
]);
export type TaskUnit = z.infer<typeof taskUnitSchema>;

/** Who opens a 每月一题 task: the command centre and zone leaders (in their zone). */
export const MONTHLY_TASK_OPENERS: readonly Role[] = ['operator', 'admin', 'zone_leader'];

/** POST /api/analysis/monthly-tasks: a themed governance task (每月一题) opened from a hotspot or a recurrence list. */
export const createMonthlyTaskSchema = z
  .object({
    title: z.string().trim().min(2).max(120),
    problem: z.string().trim().min(2).max(2000),
    /** The grids of the problem (a hotspot's); its cases and its measure are those reported in them. */
    gridIds: z.array(z.uuid()).min(1).max(200),
    categoryCode: z.string().trim().min(1).max(64).optional(),
    /** Where it came from: the analysis and the period whose cases are "the cases behind it". */
    source: z.object({ kind: z.enum(['hotspot', 'recurrence']), from: localDate, to: localDate }).superRefine(refinePeriod),
    lead: taskUnitSchema,
    coUnits: z.array(taskUnitSchema).max(10).default([]),
    milestones: z.array(z.object({ title: z.string().trim().min(1).max(120), due: localDate })).min(1).max(12),
  })
  .meta({ id: 'CreateMonthlyTask' });
export type CreateMonthlyTask = z.input<typeof createMonthlyTaskSchema>;

const namedUnitSchema = z.object({ kind: z.enum(['department', 'area']), id: z.uuid(), name: z.string() });

export const beforeAfterSchema = z.object({
  baselineWeeks: z.number().int(),
  before: z.object({ cases: z.number().int(), perWeek: z.number() }),
  after: z.object({ cases: z.number().int(), weeks: z.number(), perWeek: z.number().nullable() }),
  /** (after − before) / before per week: −0.5 is half as many reports; null while too early (< 1 week) or without a baseline. */
  change: z.number().nullable(),
  status: z.enum(['too_early', 'measuring']),
});

export const monthlyTaskSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    problem: z.string(),
    /** The month it is the problem of (YYYY-MM, Beijing time of opening). */
    month: z.string(),
    gridIds: z.array(z.uuid()),
    categoryCode: z.string().nullable(),
    source: z.object({ kind: z.enum(['hotspot', 'recurrence']), from: localDate, to: localDate }),
    lead: namedUnitSchema,
    coUnits: z.array(namedUnitSchema),
    milestones: z.array(z.object({ title: z.string(), due: localDate, doneAt: isoInstantSchema.nullable() })),
    /** The cases behind it: reported in its grids (and category) in the source period. */
    cases: z.array(z.object({ id: z.uuid(), code: z.string(), status: z.enum(CASE_STATUSES), reportedAt: isoInstantSchema })),
    measure: beforeAfterSchema,
    openedAt: isoInstantSchema,
    openedBy: z.string(),
  })
  .meta({ id: 'MonthlyTask' });
export type MonthlyTask = z.infer<typeof monthlyTaskSchema>;

export const monthlyTaskListSchema = z.object({ items: z.array(monthlyTaskSchema) }).meta({ id: 'MonthlyTaskList' });
export type MonthlyTaskList = z.infer<typeof monthlyTaskListSchema>;

/** POST /api/analysis/monthly-tasks/:id/milestones/:index */
export const milestoneDoneSchema = z.object({ done: z.boolean() }).meta({ id: 'MilestoneDone' });

/** GET /api/analysis/trends?categoryCode=&areaId=&weeks=: weekly counts, last year's, a forecast, rising categories. */
export const trendQuerySchema = z.object({
  categoryCode: z.string().trim().min(1).max(64).optional(),
  areaId: z.uuid().optional(),
  /** Weeks shown (the latest complete week last: the seven days up to yesterday). */
  weeks: z.coerce.number().int().min(9).max(52).default(12),
});
export type TrendQuery = z.infer<typeof trendQuerySchema>;

const bandSchema = z.object({ expected: z.number(), low: z.number(), high: z.number() });

export const trendResponseSchema = z
  .object({
    /** `no_cases`: nothing reported in the area and category over the weeks asked (the chart says so). */
    status: z.enum(['ok', 'no_cases']),
    categoryCode: z.string().nullable(),
    areaId: z.uuid().nullable(),
    weeks: z.array(z.object({ from: localDate, to: localDate, count: z.number().int(), lastYear: z.number().int().nullable() })),
    forecast: z.array(bandSchema.extend({ from: localDate, to: localDate })),
    latest: z.object({ count: z.number().int(), expected: z.number(), high: z.number() }).nullable(),
    rising: z.boolean(),
    /** Scaled by last year's season; false: no history a year ago, a flat level. */
    seasonal: z.boolean(),
    /** Categories (leaves) whose latest week is above their band, in the same area. */
    risingCategories: z.array(z.object({ code: z.string(), count: z.number().int(), expected: z.number(), high: z.number() })),
  })
  .meta({ id: 'Trends' });
export type TrendResponse = z.infer<typeof trendResponseSchema>;

/** GET /api/briefings/daily?date=&format=html|pdf&lang=: the daily briefing (每日简报) of a local date. */
export const dailyBriefingQuerySchema = z.object({
  /** Default: yesterday (Beijing time), the day the morning meeting looks back on. */
  date: localDate.optional(),
  format: z.enum(['html', 'pdf']).default('html'),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
});

/** GET /api/briefings: the archive of briefings generated at the set time, for the caller's area (newest first). */
export const briefingArchiveSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.uuid(),
        kind: z.enum(['daily', 'weekly']),
        date: localDate,
        /** The zone it is of; null: the whole district. */
        areaId: z.uuid().nullable(),
        scopeName: z.string(),
        lang: z.enum(['zh-CN', 'en']),
        generatedAt: isoInstantSchema,
      }),
    ),
  })
  .meta({ id: 'BriefingArchive' });
export type BriefingArchive = z.infer<typeof briefingArchiveSchema>;
