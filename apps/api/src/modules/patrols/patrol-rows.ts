import type { PatrolDetail, PatrolSummary, PatrolTrackPoint, PatrolVisitDto, PatrolVisitKind } from '@grid/contracts';
import { cleanTrack, type TrackPoint } from '@grid/domain';

/** A `patrols` row joined with its worker's and grid's names, as the queries select it. */
export interface PatrolRow {
  id: string;
  worker_id: string;
  worker_name: string;
  grid_id: string;
  grid_name: string;
  area_path: string[];
  started_at: Date;
  ended_at: Date | null;
  distance_m: number;
  point_count: number;
  visit_count: number;
}

export interface PatrolVisitRow {
  id: string;
  patrol_id: string;
  kind: PatrolVisitKind;
  label: string;
  lat: number;
  lng: number;
  at: Date;
}

/** The columns of PatrolRow over `patrols p` joined with `users u` and `areas g`. */
export const PATROL_COLUMNS = `p.id, p.worker_id, u.display_name AS worker_name, p.grid_id, g.name AS grid_name, p.area_path, p.started_at, p.ended_at,
  p.distance_m, p.point_count, p.visit_count`;
export const PATROL_FROM = `patrols p JOIN users u ON u.id = p.worker_id JOIN areas g ON g.id = p.grid_id`;

export function toPatrolSummary(row: PatrolRow): PatrolSummary {
  return {
    id: row.id,
    workerId: row.worker_id,
    workerName: row.worker_name,
    gridId: row.grid_id,
    gridName: row.grid_name,
    startedAt: row.started_at.toISOString(),
    endedAt: row.ended_at?.toISOString() ?? null,
    distanceMeters: Math.round(row.distance_m * 10) / 10,
    pointCount: row.point_count,
    visitCount: row.visit_count,
  };
}

export function toVisitDto(row: PatrolVisitRow): PatrolVisitDto {
  return { id: row.id, kind: row.kind, label: row.label, location: { lat: row.lat, lng: row.lng }, at: row.at.toISOString() };
}

export function toPatrolDetail(row: PatrolRow, points: readonly TrackPoint[], visits: readonly PatrolVisitRow[]): PatrolDetail {
  const track = cleanTrack(points);
  return {
    ...toPatrolSummary(row),
    track: track.kept.map((p): PatrolTrackPoint => ({ lat: p.lat, lng: p.lng, at: p.at, accuracy: p.accuracy })),
    rejectedPoints: track.rejected,
    visits: visits.map(toVisitDto),
  };
}
