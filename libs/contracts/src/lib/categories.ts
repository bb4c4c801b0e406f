/**
 * The responsibility list (权责清单) as administrators edit it and the public reads it (issue 17): every change
 * to a category is a dated version with who and why; a case keeps the version it was routed under.
 */
import { z } from 'zod';
import { categoryDtoSchema, isoInstantSchema } from './api';
import { categoryExtraFieldSchema, EXTRA_FIELD_TYPES } from './category-fields';
import { AREA_LEVELS, CLOCK_KINDS, PRIORITIES } from './vocabulary';

/** Who handles a category by default: a level of the territory, or its department. */
export const HANDLING_LEVELS = [...AREA_LEVELS, 'department'] as const;
export type HandlingLevel = (typeof HANDLING_LEVELS)[number];

/** A year of hours is the longest time limit the list takes (a typo of 4000 for 40 is caught by the reviewer, 40000 here). */
const MAX_LIMIT_HOURS = 8760;
const hoursSchema = z.number().positive('must be more than 0 hours').max(MAX_LIMIT_HOURS, `at most ${MAX_LIMIT_HOURS} hours`);

export const timeLimitSchema = z
  .object({ acceptHours: hoursSchema, handleHours: hoursSchema })
  .refine((t) => t.acceptHours <= t.handleHours, { message: 'the time to accept cannot exceed the time to handle', path: ['acceptHours'] });

export const timeLimitsSchema = z.object(Object.fromEntries(PRIORITIES.map((p) => [p, timeLimitSchema])) as Record<(typeof PRIORITIES)[number], typeof timeLimitSchema>);

const name = z.string().trim().min(1, 'required').max(128);

export const extraFieldSchema = z
  .object({
    code: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, 'letters, digits and underscores, starting with a letter'),
    name,
    nameEn: name,
    type: z.enum(EXTRA_FIELD_TYPES),
    required: z.boolean(),
    description: z.string().trim().max(500).optional(),
    options: z.array(z.object({ key: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ and -'), name, nameEn: name })).max(50).optional(),
  })
  .superRefine((f, ctx) => {
    const list = f.type === 'singlevaluelist' || f.type === 'multivaluelist';
    if (list && !f.options?.length) ctx.addIssue({ code: 'custom', message: 'a list needs at least one option', path: ['options'] });
    const keys = (f.options ?? []).map((o) => o.key);
    if (new Set(keys).size !== keys.length) ctx.addIssue({ code: 'custom', message: 'option keys must be unique', path: ['options'] });
  });

export const extraFieldsSchema = z
  .array(extraFieldSchema)
  .max(20)
  .refine((fields) => new Set(fields.map((f) => f.code)).size === fields.length, { message: 'field codes must be unique' });

/** The versioned state of a category: what a list edit may change. */
const categoryStateShape = {
  name,
  nameEn: name,
  handlingLevel: z.enum(HANDLING_LEVELS),
  /** The responsible department's code (GET /api/departments); required when the level is `department`. */
  departmentCode: z.string().trim().min(1).max(32).nullable(),
  clock: z.enum(CLOCK_KINDS),
  timeLimits: timeLimitsSchema,
  requiresVerification: z.boolean(),
  points: z.number().int('a whole number').min(-100).max(100),
  extraFields: extraFieldsSchema,
};

/** A reason is required for every change of the list: it is shown in the category's history. */
const reason = z.string().trim().min(2, 'say why (at least 2 characters)').max(500);
/** When the version takes effect (ISO time); absent: now. A time in the past is refused. */
const effectiveFrom = z.iso.datetime({ offset: true, message: 'an ISO date-time, e.g. 2027-01-01T00:00:00+08:00' }).optional();

const departmentRule = (s: { handlingLevel?: HandlingLevel; departmentCode?: string | null }, ctx: z.RefinementCtx) => {
  if (s.handlingLevel === 'department' && !s.departmentCode) ctx.addIssue({ code: 'custom', message: 'a category handled by a department names it', path: ['departmentCode'] });
};

/**
 * PUT /api/admin/categories/:code: a new version of the category. Fields left out keep their value in the
 * version in effect at `effectiveFrom`.
 */
export const updateCategorySchema = z.object(categoryStateShape).partial().extend({ reason, effectiveFrom }).superRefine(departmentRule);
export type UpdateCategoryRequest = z.input<typeof updateCategorySchema>;

/** A category as a whole: its identity and its state (a new category, or an entry of a list file). */
const categoryEntryObject = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,30}(\.[a-z][a-z0-9_]{0,30})?$/, 'lower-case letters, digits and _, a leaf as parent.child (e.g. city.litter)'),
  /** The parent category (大类) of a leaf (小类); null for a parent. */
  parentCode: z.string().trim().min(1).max(64).nullable().default(null),
  /** Disputes, petitions, special groups: never named on public case pages or Open311 (the list itself names them). */
  sensitive: z.boolean().default(false),
  ...categoryStateShape,
  departmentCode: categoryStateShape.departmentCode.default(null),
  requiresVerification: z.boolean().default(true),
  points: categoryStateShape.points.default(0),
  extraFields: extraFieldsSchema.default([]),
});

const codeRule = (c: { code: string; parentCode: string | null }, ctx: z.RefinementCtx) => {
  const dotted = c.code.includes('.');
  if (dotted !== (c.parentCode !== null)) ctx.addIssue({ code: 'custom', message: 'a leaf is written parent.child under its parent; a parent has no dot', path: ['code'] });
  else if (c.parentCode !== null && !c.code.startsWith(`${c.parentCode}.`)) ctx.addIssue({ code: 'custom', message: `must start with ${c.parentCode}.`, path: ['code'] });
};

export const categoryEntrySchema = categoryEntryObject.superRefine(departmentRule).superRefine(codeRule);
export type CategoryEntry = z.output<typeof categoryEntrySchema>;

/** POST /api/admin/categories: a new category (its version 1). */
export const createCategorySchema = categoryEntryObject.extend({ reason, effectiveFrom }).superRefine(departmentRule).superRefine(codeRule);
export type CreateCategoryRequest = z.input<typeof createCategorySchema>;

/** The versioned state of a category, as stored in each version. */
const categoryStateSchema = categoryDtoSchema
  .pick({ name: true, nameEn: true, handlingLevel: true, departmentCode: true, clock: true, timeLimits: true, requiresVerification: true, points: true })
  .extend({ extraFields: z.array(categoryExtraFieldSchema) });
export type CategoryState = z.infer<typeof categoryStateSchema>;

/** Where a version stands at the moment of the answer. */
export const CATEGORY_VERSION_STATUSES = ['past', 'current', 'scheduled'] as const;
export type CategoryVersionStatus = (typeof CATEGORY_VERSION_STATUSES)[number];

/** One dated version of a category: GET /api/admin/categories/:code/versions, and the answer of a PUT or POST. */
export const categoryVersionDtoSchema = categoryStateSchema
  .extend({
    code: z.string(),
    version: z.number().int(),
    /** When it takes (or took) effect. */
    effectiveFrom: isoInstantSchema,
    status: z.enum(CATEGORY_VERSION_STATUSES),
    reason: z.string(),
    createdAt: isoInstantSchema,
    createdBy: z.object({ id: z.uuid().nullable(), username: z.string() }),
  })
  .meta({ id: 'CategoryVersion' });
export type CategoryVersionDto = z.infer<typeof categoryVersionDtoSchema>;

const responsibleDepartmentSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string() }).nullable();
const unitAndLimits = categoryDtoSchema.pick({ handlingLevel: true, clock: true, timeLimits: true }).extend({ department: responsibleDepartmentSchema });

/** A row of the public list (上墙公示): who handles a category and how fast; no points, no questions. */
const responsibilitySchema = categoryDtoSchema
  .pick({ code: true, parentCode: true, name: true, nameEn: true, requiresVerification: true, version: true })
  .extend(unitAndLimits.shape)
  .extend({
    effectiveFrom: isoInstantSchema,
    /** The next scheduled change of this category's unit or limits, announced before it applies. */
    upcoming: unitAndLimits.extend({ version: z.number().int(), effectiveFrom: isoInstantSchema }).nullable(),
  })
  .meta({ id: 'Responsibility' });
export type ResponsibilityDto = z.infer<typeof responsibilitySchema>;

/** GET /api/public/responsibilities (no sign-in). */
export const publicResponsibilitiesSchema = z
  .object({
    /** The moment the list describes (now). */
    at: isoInstantSchema,
    categories: z.array(responsibilitySchema),
  })
  .meta({ id: 'PublicResponsibilities' });
export type PublicResponsibilities = z.infer<typeof publicResponsibilitiesSchema>;

/**
 * The responsibility list as a file (docs/samples/categories.json; `npm run cli -- import-categories FILE`):
 * every category with its state. Importing makes new categories and a new version of each one that changed.
 */
export const categoryListFileSchema = z.object({
  reason: reason.optional(),
  effectiveFrom,
  categories: z.array(categoryEntrySchema).min(1).max(2000),
});
export type CategoryListFile = z.input<typeof categoryListFileSchema>;
