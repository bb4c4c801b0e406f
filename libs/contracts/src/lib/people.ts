/**
 * People and posts (issue 17, DESIGN §7a): a person holds one or more posts (一人多岗); the grid's 1+2+N staffing
 * is a matter of post types; people are imported from .xlsx or .csv; departments are paired with villages (包村).
 */
import { z } from 'zod';
import { ROLES } from './vocabulary';

/** Why a post ended: moved to another post (调岗), left the job (离职), simply ended, or the person was disabled. */
export const POST_END_REASONS = ['transfer', 'leave', 'ended', 'disabled'] as const;
export type PostEndReason = (typeof POST_END_REASONS)[number];

/** One person's role in one area or department for a span of time. */
export const postDtoSchema = z
  .object({
    id: z.string(),
    /** The post type's code (post_types): one per role, plus the grid's specialised helpers (grid_police, legal_adviser …). */
    type: z.string(),
    /** The access role the post gives. */
    role: z.enum(ROLES),
    areaId: z.string().nullable(),
    departmentId: z.string().nullable(),
    /** ISO instants; `to` is null while the post is open-ended. */
    from: z.string(),
    to: z.string().nullable(),
    /** The post whose role, area and department the account's own fields show (users.role/area_id/department_id). */
    primary: z.boolean(),
    /** True while `from` ≤ now < `to`. */
    active: z.boolean(),
    endReason: z.enum(POST_END_REASONS).nullable(),
  })
  .meta({ id: 'Post' });
export type PostDto = z.infer<typeof postDtoSchema>;

/** A post type: data, editable, with its labels (the "N" of 1+2+N have `dispatchable: false`). */
export const postTypeDtoSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    role: z.enum(ROLES),
    /** Whether dispatch may pick holders of this post type (specialised helpers are informed, not dispatched). */
    dispatchable: z.boolean(),
  })
  .meta({ id: 'PostType' });
export type PostTypeDto = z.infer<typeof postTypeDtoSchema>;
export const postTypeListSchema = z.array(postTypeDtoSchema);

const isoInstant = z.iso.datetime({ offset: true }).or(z.iso.date());

/** POST /api/admin/people/:id/posts */
export const addPostRequestSchema = z
  .object({
    type: z.string().trim().min(1).max(32),
    areaId: z.uuid().optional(),
    departmentId: z.uuid().optional(),
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    primary: z.boolean().optional(),
    /** A transfer: this post of the same person ends when the new one starts. */
    replacesPostId: z.uuid().optional(),
  })
  .refine((b) => Boolean(b.areaId) !== Boolean(b.departmentId), { message: 'give an areaId or a departmentId (one of them)', path: ['areaId'] });
export type AddPostRequest = z.infer<typeof addPostRequestSchema>;

/** POST /api/admin/people/:id/posts/:postId/end */
export const endPostRequestSchema = z.object({
  reason: z.enum(['transfer', 'leave', 'ended']).default('ended'),
  at: isoInstant.optional(),
});
export type EndPostRequest = z.input<typeof endPostRequestSchema>;

/** PUT /api/admin/people/:id/status */
export const personStatusRequestSchema = z.object({ active: z.boolean() });
export type PersonStatusRequest = z.infer<typeof personStatusRequestSchema>;

/** GET /api/admin/people */
export const peopleQuerySchema = z.object({
  q: z.string().trim().max(64).optional(),
  areaId: z.uuid().optional(),
  includeDisabled: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type PeopleQuery = z.input<typeof peopleQuerySchema>;

export const personDtoSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    phone: z.string().nullable(),
    active: z.boolean(),
    mustChangePassword: z.boolean(),
    posts: z.array(postDtoSchema),
  })
  .meta({ id: 'Person' });
export type PersonDto = z.infer<typeof personDtoSchema>;

export const peopleListResponseSchema = z.object({ items: z.array(personDtoSchema), total: z.number().int() }).meta({ id: 'PeopleList' });
export type PeopleListResponse = z.infer<typeof peopleListResponseSchema>;

/** A one-time password, shown once (reset or import); it must be changed at the first sign-in. */
export const oneTimePasswordSchema = z
  .object({
    userId: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    password: z.string(),
  })
  .meta({ id: 'OneTimePassword' });
export type OneTimePassword = z.infer<typeof oneTimePasswordSchema>;

/** POST /api/auth/password */
export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(8, 'at least 8 characters').max(256),
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

/** The values a problem's wording names (row, column, code, value …): clients word the `code` themselves. */
const problemParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type ProblemParams = z.infer<typeof problemParamsSchema>;

/** What an import found wrong with one row (1-based, the header is row 1; 0: the file as a whole) and, when known, which column. */
export const importProblemSchema = z
  .object({
    row: z.number().int(),
    column: z.string().optional(),
    /** What is wrong, for clients that word it themselves (the console, in Chinese), with the values it names. */
    code: z.string().optional(),
    params: problemParamsSchema.optional(),
    /** The same in English, for API users. */
    message: z.string(),
  })
  .meta({ id: 'ImportProblem' });
export type ImportProblem = z.infer<typeof importProblemSchema>;

/** A people file larger than this is refused (413), by the console before it uploads (the bound for any import file). */
export const MAX_PEOPLE_FILE_BYTES = 50 * 1024 * 1024;

export const PEOPLE_IMPORT_STATUSES = ['valid', 'invalid', 'applied'] as const;
export type PeopleImportStatus = (typeof PEOPLE_IMPORT_STATUSES)[number];

/** POST /api/admin/people/imports → 201 */
export const peopleImportResponseSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(PEOPLE_IMPORT_STATUSES),
    problems: z.array(importProblemSchema),
    /** The encoding the file was read in (utf-8, gbk …; xlsx for a workbook). */
    encoding: z.string(),
    summary: z.object({ rows: z.number().int(), people: z.number().int(), posts: z.number().int() }),
  })
  .meta({ id: 'PeopleImport' });
export type PeopleImportResponse = z.infer<typeof peopleImportResponseSchema>;

/** POST /api/admin/people/imports/:id/apply → 200 */
export const peopleImportApplyResponseSchema = z
  .object({
    id: z.uuid(),
    status: z.literal('applied'),
    created: z.number().int(),
    oneTimePasswords: z.array(oneTimePasswordSchema),
  })
  .meta({ id: 'PeopleImportApplied' });
export type PeopleImportApplyResponse = z.infer<typeof peopleImportApplyResponseSchema>;

/** The import's columns, in template order; the header row may use the English or the Chinese name. */
export const PEOPLE_IMPORT_COLUMNS = [
  { key: 'name', zh: '姓名', required: true },
  { key: 'phone', zh: '手机号', required: true },
  { key: 'username', zh: '用户名', required: false },
  { key: 'role', zh: '岗位', required: true },
  { key: 'area_code', zh: '区域编码', required: false },
  { key: 'department_code', zh: '部门编码', required: false },
  { key: 'from', zh: '起始日期', required: false },
  { key: 'to', zh: '结束日期', required: false },
] as const;
export type PeopleImportColumn = (typeof PEOPLE_IMPORT_COLUMNS)[number]['key'];

export const templateQuerySchema = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

/** A department paired with a village (包村): it is offered first when the village's cases are whistled. */
export const villagePairingDtoSchema = z.object({ departmentId: z.uuid(), villageId: z.uuid() }).meta({ id: 'VillagePairing' });
export type VillagePairingDto = z.infer<typeof villagePairingDtoSchema>;

/** GET /api/departments/paired?areaId=: the departments paired with the area's village, offered first. */
export const pairedDepartmentsSchema = z.object({ departmentIds: z.array(z.uuid()) }).meta({ id: 'PairedDepartments' });

/** PUT /api/admin/pairings/villages/:villageId */
export const villagePairingRequestSchema = z.object({ departmentIds: z.array(z.uuid()).max(20) });
export type VillagePairingRequest = z.infer<typeof villagePairingRequestSchema>;
