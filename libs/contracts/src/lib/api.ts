/**
 * Request and response shapes of the HTTP API (DESIGN §7). The API validates requests with these
 * schemas and the web client types its calls with them, so drift is a compile error.
 */
import { z } from 'zod';
import { AREA_LEVELS, CLOCK_KINDS, PRIORITIES, ROLES } from './vocabulary';
import { categoryExtraFieldSchema } from './category-fields';
import { postDtoSchema } from './people';

/** A moment in a response: ISO 8601 with its offset. */
export const isoInstantSchema = z.iso.datetime({ offset: true });

/** One page of a list answer. */
export const pageOfSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionUserSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    role: z.enum(ROLES),
    areaId: z.uuid().nullable(),
    departmentId: z.uuid().nullable(),
    displayName: z.string(),
    /** Every post of the user, current and past (一人多岗); role, areaId and departmentId above are the primary active one's. */
    posts: z.array(postDtoSchema).optional(),
    /** A one-time password was set (import, reset): every endpoint but POST /api/auth/password refuses until it is changed. */
    mustChangePassword: z.boolean().optional(),
  })
  .meta({ id: 'SessionUser' });
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const loginResponseSchema = z
  .object({
    accessToken: z.string(),
    /** Seconds until the access token expires. */
    expiresIn: z.number(),
    /** Single use: POST /api/auth/refresh exchanges it for a new access token and a new refresh token. */
    refreshToken: z.string(),
    /** Seconds until the refresh token expires. */
    refreshExpiresIn: z.number(),
    user: sessionUserSchema,
  })
  .meta({ id: 'LoginResponse' });
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/** POST /api/auth/refresh; answers a LoginResponse. */
export const refreshRequestSchema = z.object({
  refreshToken: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a refresh token'),
});
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

/** POST /api/admin/users/:id/unlock: the account's failed sign-ins forgotten. */
export const unlockResultSchema = z
  .object({
    userId: z.uuid(),
    username: z.string(),
    /** Source addresses the account was locked for. */
    unlocked: z.number().int(),
  })
  .meta({ id: 'UnlockResult' });
export type UnlockResult = z.infer<typeof unlockResultSchema>;
export const latLngSchema = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
});
export type LatLng = z.output<typeof latLngSchema>;

export const areaQuerySchema = z.object({
  level: z.enum(AREA_LEVELS).optional(),
  parentId: z.uuid().optional(),
});
export type AreaQuery = z.infer<typeof areaQuerySchema>;

export const areaDtoSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    level: z.enum(AREA_LEVELS),
    parentId: z.uuid().nullable(),
    /** Ancestor ids from the district down to the parent. */
    path: z.array(z.uuid()),
    centroid: latLngSchema,
  })
  .meta({ id: 'Area' });
export type AreaDto = z.infer<typeof areaDtoSchema>;

/** Labels shown for each level, e.g. 片区 vs 镇/街道 (configurable per installation). */
const levelLabelsSchema = z.record(z.enum(AREA_LEVELS), z.object({ 'zh-CN': z.string(), en: z.string() }));
export type LevelLabels = z.infer<typeof levelLabelsSchema>;

export const userQuerySchema = z.object({
  areaId: z.uuid().optional(),
  role: z.enum(ROLES).optional(),
  departmentId: z.uuid().optional(),
});
export type UserQuery = z.infer<typeof userQuerySchema>;

export const userDtoSchema = sessionUserSchema
  .extend({
    /** Masked unless the caller may see it, e.g. 138****5678. */
    phone: z.string().nullable(),
  })
  .meta({ id: 'User' });
export type UserDto = z.infer<typeof userDtoSchema>;

export const departmentDtoSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
  })
  .meta({ id: 'Department' });
export type DepartmentDto = z.infer<typeof departmentDtoSchema>;

const timeLimitSchema = z.object({
  /** Hours allowed to accept (签收). */
  acceptHours: z.number(),
  /** Hours allowed to handle (处置), counted from registration. */
  handleHours: z.number(),
});
export type TimeLimit = z.infer<typeof timeLimitSchema>;

export const categoryDtoSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    parentCode: z.string().nullable(),
    name: z.string(),
    nameEn: z.string(),
    /** Level that handles it by default (the responsibility list, 权责清单). */
    handlingLevel: z.enum([...AREA_LEVELS, 'department']),
    departmentCode: z.string().nullable(),
    clock: z.enum(CLOCK_KINDS),
    timeLimits: z.record(z.enum(PRIORITIES), timeLimitSchema),
    requiresVerification: z.boolean(),
    /** Points (积分) for the assessment. */
    points: z.number(),
    /** Sensitive categories are never shown publicly (disputes, petitions, special groups). */
    sensitive: z.boolean(),
    /** Fields the category asks of a report beyond the common ones (none when absent). */
    extraFields: z.array(categoryExtraFieldSchema).optional(),
    /** The version of the responsibility list's entry in effect now (each edit makes a new one; cases keep theirs). */
    version: z.number().int(),
  })
  .meta({ id: 'Category' });
export type CategoryDto = z.infer<typeof categoryDtoSchema>;

export const healthResponseSchema = z
  .object({
    status: z.enum(['ok', 'degraded', 'error']),
    info: z.record(z.string(), z.unknown()).optional(),
    error: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'Health' });
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** Error body for every 4xx/5xx of /api. */
export const apiErrorSchema = z
  .object({
    statusCode: z.number().int(),
    error: z.string(),
    message: z.string(),
    /** A finer reason to branch on, e.g. the state machine's refusal code (`wrong_status`, `not_assignee`…). */
    reason: z.string().optional(),
    /** Field-level problems, path → message. */
    fields: z.record(z.string(), z.string()).optional(),
    /** The values `reason`'s wording names (a limit, a line, a name), for clients that word the reason themselves. */
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  })
  .meta({ id: 'ApiError' });
export type ApiError = z.infer<typeof apiErrorSchema>;

/** GeoJSON boundary geometry, [lng, lat] order. Structurally the same as @grid/geo's types. */
const polygonGeometrySchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) });
export type PolygonGeometry = z.infer<typeof polygonGeometrySchema>;
const multiPolygonGeometrySchema = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(z.array(z.number())))) });
export type MultiPolygonGeometry = z.infer<typeof multiPolygonGeometrySchema>;
export type BoundaryGeometry = PolygonGeometry | MultiPolygonGeometry;
export const boundaryGeometrySchema = z.discriminatedUnion('type', [polygonGeometrySchema, multiPolygonGeometrySchema]);

const areaFeatureSchema = z
  .object({
    type: z.literal('Feature'),
    id: z.uuid(),
    geometry: boundaryGeometrySchema,
    properties: z.object({ id: z.uuid(), code: z.string(), name: z.string(), level: z.enum(AREA_LEVELS), parentId: z.uuid().nullable() }),
  })
  .meta({ id: 'AreaFeature' });
export type AreaFeature = z.infer<typeof areaFeatureSchema>;
export const areaFeatureCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(areaFeatureSchema),
  })
  .meta({ id: 'AreaFeatureCollection' });
export type AreaFeatureCollection = z.infer<typeof areaFeatureCollectionSchema>;

export const geojsonQuerySchema = z.object({ level: z.enum(AREA_LEVELS).optional() });

/** Public, unauthenticated settings the web app needs before login. */
export const publicConfigSchema = z
  .object({
    productName: z.string(),
    territoryName: z.string(),
    levelLabels: levelLabelsSchema,
    /** Leaflet tile URL template; null means: draw our own boundaries only. */
    tileUrl: z.string().nullable(),
    /** Attribution the tile provider requires (shown on the map). */
    tileAttribution: z.string().nullable(),
    /** True when the demo accounts exist, so the login page may list them. */
    demoAccounts: z.boolean(),
    /** True when the boundaries are generated (the demo), so the UI can say so. */
    syntheticGeometry: z.boolean(),
  })
  .meta({ id: 'PublicConfig' });
export type PublicConfig = z.infer<typeof publicConfigSchema>;

/** Where a point falls: its grid and the grid's ancestors (root first). */
export const locateResponseSchema = z.object({ grid: areaDtoSchema, ancestors: z.array(areaDtoSchema) }).meta({ id: 'LocateResponse' });
export type LocateResponse = z.infer<typeof locateResponseSchema>;

/** A worker's phone position (live channel `worker.position`). */
export const positionReportSchema = latLngSchema.extend({
  accuracy: z.coerce.number().min(0).max(100_000).optional(),
});
export type PositionReport = z.infer<typeof positionReportSchema>;
