/**
 * Patrols (巡查): a field worker's walk through their grid, its GPS track and the households and places
 * visited (到村入户). Ids are made by the phone, so a patrol started offline keeps its id and every
 * write is safe to resend.
 */
import { z } from 'zod';
import { latLngSchema, pageOfSchema } from './api';
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

export const patrolVisitDtoSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(PATROL_VISIT_KINDS),
    label: z.string(),
    location: latLngSchema,
    at: instant,
  })
  .meta({ id: 'PatrolVisit' });
export type PatrolVisitDto = z.infer<typeof patrolVisitDtoSchema>;

export const patrolSummarySchema = z
  .object({
    id: z.uuid(),
    workerId: z.uuid(),
    workerName: z.string(),
    gridId: z.uuid(),
    gridName: z.string(),
    startedAt: instant,
    /** Null while the patrol goes on. */
    endedAt: instant.nullable(),
    /** Length of the cleaned track (GPS jitter and outliers left out), metres. */
    distanceMeters: z.number(),
    /** Points received (before cleaning). */
    pointCount: z.number().int(),
    visitCount: z.number().int(),
  })
  .meta({ id: 'PatrolSummary' });
export type PatrolSummary = z.infer<typeof patrolSummarySchema>;

const patrolTrackPointSchema = z.object({
  lat: z.number(),
  lng: z.number(),
  at: instant,
  accuracy: z.number().nullable(),
});
export type PatrolTrackPoint = z.infer<typeof patrolTrackPointSchema>;

export const patrolDetailSchema = patrolSummarySchema
  .extend({
    /** The cleaned track, in time order (what the distance is measured on). */
    track: z.array(patrolTrackPointSchema),
    /** Points left out of the distance, by reason. */
    rejectedPoints: z.object({ inaccurate: z.number().int(), too_fast: z.number().int(), jitter: z.number().int() }),
    visits: z.array(patrolVisitDtoSchema),
  })
  .meta({ id: 'PatrolDetail' });
export type PatrolDetail = z.infer<typeof patrolDetailSchema>;

export const patrolListResponseSchema = pageOfSchema(patrolSummarySchema).meta({ id: 'PatrolList' });
export type PatrolListResponse = z.infer<typeof patrolListResponseSchema>;
