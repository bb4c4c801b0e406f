/**
 * Patrols (巡查): a field worker's walk through their grid, its GPS track and the households and places
 * visited (到村入户). Ids are made by the phone, so a patrol started offline keeps its id and every
 * write is safe to resend.
 */
import { z } from 'zod';
import { latLngSchema, type LatLng } from './api';
import type { Role } from './vocabulary';

export const PATROL_VISIT_KINDS = ['household', 'place'] as const;
export type PatrolVisitKind = (typeof PATROL_VISIT_KINDS)[number];

/** Roles who patrol (the people in the field). */
export const PATROL_ROLES: readonly Role[] = ['grid_worker', 'grid_leader', 'village_cadre'];

/** Roles who may list others' patrols in their scope (the leaders above the field, and the district). */
export const PATROL_VIEWER_ROLES: readonly Role[] = ['grid_leader', 'village_cadre', 'zone_leader', 'operator', 'assessor', 'admin'];

/** Points per request; a phone that was offline for hours sends several batches. */
export const MAX_TRACK_BATCH = 1_000;

const instant = z.iso.datetime({ offset: true });

export const trackPointSchema = latLngSchema.extend({
  at: instant,
  /** Metres, as the phone estimates its error. */
  accuracy: z.coerce.number().min(0).max(100_000).nullish(),
});
export type TrackPointInput = z.infer<typeof trackPointSchema>;

export const startPatrolSchema = z.object({
  /** Made by the phone: starting the same patrol again answers the patrol already started. */
  id: z.uuid(),
  startedAt: instant,
  /** Where it starts; needed by those who serve more than one grid (the grid is found from it). */
  location: latLngSchema.optional(),
});
export type StartPatrolRequest = z.infer<typeof startPatrolSchema>;

export const appendTrackSchema = z.object({
  points: z.array(trackPointSchema).min(1).max(MAX_TRACK_BATCH),
});
export type AppendTrackRequest = z.infer<typeof appendTrackSchema>;

export const recordVisitSchema = z.object({
  /** Made by the phone: recording the same visit again changes nothing. */
  id: z.uuid(),
  kind: z.enum(PATROL_VISIT_KINDS),
  /** The household (e.g. 张家 3 组 12 号) or the place (e.g. 村口桥). */
  label: z.string().trim().min(1).max(100),
  location: latLngSchema,
  at: instant,
});
export type RecordVisitRequest = z.infer<typeof recordVisitSchema>;

export const endPatrolSchema = z.object({ endedAt: instant });
export type EndPatrolRequest = z.infer<typeof endPatrolSchema>;

export const patrolListQuerySchema = z.object({
  /** `me` for the caller's own patrols. */
  workerId: z.union([z.literal('me'), z.uuid()]).optional(),
  areaId: z.uuid().optional(),
  /** Patrols started in [from, to). */
  from: instant.optional(),
  to: instant.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type PatrolListQuery = z.input<typeof patrolListQuerySchema>;

export interface PatrolVisitDto {
  id: string;
  kind: PatrolVisitKind;
  label: string;
  location: LatLng;
  at: string;
}

export interface PatrolSummary {
  id: string;
  workerId: string;
  workerName: string;
  gridId: string;
  gridName: string;
  startedAt: string;
  /** Null while the patrol goes on. */
  endedAt: string | null;
  /** Length of the cleaned track (GPS jitter and outliers left out), metres. */
  distanceMeters: number;
  /** Points received (before cleaning). */
  pointCount: number;
  visitCount: number;
}

export interface PatrolTrackPoint {
  lat: number;
  lng: number;
  at: string;
  accuracy: number | null;
}

export interface PatrolDetail extends PatrolSummary {
  /** The cleaned track, in time order (what the distance is measured on). */
  track: PatrolTrackPoint[];
  /** Points left out of the distance, by reason. */
  rejectedPoints: { inaccurate: number; too_fast: number; jitter: number };
  visits: PatrolVisitDto[];
}

export interface PatrolListResponse {
  items: PatrolSummary[];
  total: number;
  page: number;
  pageSize: number;
}
