/**
 * Request and response shapes of the HTTP API (DESIGN §7). The API validates requests with these
 * schemas and the web client types its calls with them, so drift is a compile error.
 */
import { z } from 'zod';
import { AREA_LEVELS, CLOCK_KINDS, PRIORITIES, ROLES } from './vocabulary';
import type { CategoryExtraField } from './category-fields';

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export interface SessionUser {
  id: string;
  username: string;
  role: (typeof ROLES)[number];
  areaId: string | null;
  departmentId: string | null;
  displayName: string;
}

export interface LoginResponse {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  /** Single use: POST /api/auth/refresh exchanges it for a new access token and a new refresh token. */
  refreshToken: string;
  /** Seconds until the refresh token expires. */
  refreshExpiresIn: number;
  user: SessionUser;
}

/** POST /api/auth/refresh; answers a LoginResponse. */
export const refreshRequestSchema = z.object({
  refreshToken: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a refresh token'),
});
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

export interface LatLng {
  lat: number;
  lng: number;
}

export const areaQuerySchema = z.object({
  level: z.enum(AREA_LEVELS).optional(),
  parentId: z.uuid().optional(),
});
export type AreaQuery = z.infer<typeof areaQuerySchema>;

export interface AreaDto {
  id: string;
  code: string;
  name: string;
  level: (typeof AREA_LEVELS)[number];
  parentId: string | null;
  /** Ancestor ids from the district down to the parent. */
  path: string[];
  centroid: LatLng;
}

/** Labels shown for each level, e.g. 片区 vs 镇/街道 (configurable per installation). */
export type LevelLabels = Record<(typeof AREA_LEVELS)[number], { 'zh-CN': string; en: string }>;

export const userQuerySchema = z.object({
  areaId: z.uuid().optional(),
  role: z.enum(ROLES).optional(),
  departmentId: z.uuid().optional(),
});
export type UserQuery = z.infer<typeof userQuerySchema>;

export interface UserDto extends SessionUser {
  /** Masked unless the caller may see it, e.g. 138****5678. */
  phone: string | null;
}

export interface DepartmentDto {
  id: string;
  code: string;
  name: string;
  nameEn: string;
}

export interface TimeLimit {
  /** Hours allowed to accept (签收). */
  acceptHours: number;
  /** Hours allowed to handle (处置), counted from registration. */
  handleHours: number;
}

export interface CategoryDto {
  id: string;
  code: string;
  parentCode: string | null;
  name: string;
  nameEn: string;
  /** Level that handles it by default (the responsibility list, 权责清单). */
  handlingLevel: (typeof AREA_LEVELS)[number] | 'department';
  departmentCode: string | null;
  clock: (typeof CLOCK_KINDS)[number];
  timeLimits: Record<(typeof PRIORITIES)[number], TimeLimit>;
  requiresVerification: boolean;
  /** Points (积分) for the assessment. */
  points: number;
  /** Sensitive categories are never shown publicly (disputes, petitions, special groups). */
  sensitive: boolean;
  /** Fields the category asks of a report beyond the common ones (none when absent). */
  extraFields?: CategoryExtraField[];
  /** The version of the responsibility list's entry in effect now (each edit makes a new one; cases keep theirs). */
  version: number;
}

export interface HealthResponse {
  status: 'ok' | 'degraded' | 'error';
  info?: Record<string, unknown>;
  error?: Record<string, unknown>;
}

/** Error body for every 4xx/5xx of /api. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** A finer reason to branch on, e.g. the state machine's refusal code (`wrong_status`, `not_assignee`…). */
  reason?: string;
  /** Field-level problems, path → message. */
  fields?: Record<string, string>;
}

/** GeoJSON boundary geometry, [lng, lat] order. Structurally the same as @grid/geo's types. */
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: number[][][];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: number[][][][];
}
export type BoundaryGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface AreaFeature {
  type: 'Feature';
  id: string;
  geometry: BoundaryGeometry;
  properties: { id: string; code: string; name: string; level: (typeof AREA_LEVELS)[number]; parentId: string | null };
}
export interface AreaFeatureCollection {
  type: 'FeatureCollection';
  features: AreaFeature[];
}

export const geojsonQuerySchema = z.object({ level: z.enum(AREA_LEVELS).optional() });

/** Public, unauthenticated settings the web app needs before login. */
export interface PublicConfig {
  productName: string;
  territoryName: string;
  levelLabels: LevelLabels;
  /** Leaflet tile URL template; null means: draw our own boundaries only. */
  tileUrl: string | null;
  /** Attribution the tile provider requires (shown on the map). */
  tileAttribution: string | null;
  /** True when the demo accounts exist, so the login page may list them. */
  demoAccounts: boolean;
  /** True when the boundaries are generated (the demo), so the UI can say so. */
  syntheticGeometry: boolean;
}

export const latLngSchema = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
});

/** Where a point falls: its grid and the grid's ancestors (root first). */
export interface LocateResponse {
  grid: AreaDto;
  ancestors: AreaDto[];
}

/** A worker's phone position (live channel `worker.position`). */
export const positionReportSchema = latLngSchema.extend({
  accuracy: z.coerce.number().min(0).max(100_000).optional(),
});
export type PositionReport = z.infer<typeof positionReportSchema>;
