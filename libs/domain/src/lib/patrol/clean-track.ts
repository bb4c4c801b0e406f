import { distanceMeters } from '@grid/geo';
import { toMs } from '../shared/instant.util';
import { DEFAULT_TRACK_FILTER, type TrackFilterOptions, type TrackPoint, type TrackPointRejection } from './track-point.types';

export interface CleanTrack {
  /** The points that count, in time order. */
  kept: TrackPoint[];
  /** How many points were left out, by reason. */
  rejected: Record<TrackPointRejection, number>;
  /** Length of the kept track, metres. */
  distanceMeters: number;
}

/**
 * Points in time order with one point per instant (the phone resends batches, so the same point can
 * arrive twice): the later copy of an instant wins.
 */
export function mergeTrackPoints(existing: readonly TrackPoint[], added: readonly TrackPoint[]): TrackPoint[] {
  const byInstant = new Map<number, TrackPoint>();
  for (const point of [...existing, ...added]) byInstant.set(toMs(point.at), point);
  return [...byInstant.entries()].sort(([a], [b]) => a - b).map(([, point]) => point);
}

/** After this many points in a row that agree with each other but not with the last kept one, that one was the outlier. */
const REANCHOR_AFTER = 3;

/**
 * The track that counts: inaccurate fixes dropped, then, walking in time order from the last kept point,
 * points reached at an impossible speed dropped as outliers and moves shorter than a step ignored as
 * jitter (the anchor stays, so slow walking still adds up once it has gone a step). When several points
 * in a row agree with each other but not with the anchor, the anchor was the bad fix: the track goes on
 * from them, and the jump is not counted. The distance is the sum of great-circle legs between kept points.
 */
export function cleanTrack(points: readonly TrackPoint[], options: TrackFilterOptions = DEFAULT_TRACK_FILTER): CleanTrack {
  const rejected: Record<TrackPointRejection, number> = { inaccurate: 0, too_fast: 0, jitter: 0 };
  const kept: TrackPoint[] = [];
  let distance = 0;
  /** Consecutive points refused as too fast from the anchor, each plausible from the one before. */
  let fastRun: TrackPoint[] = [];
  const plausible = (from: TrackPoint, to: TrackPoint) => distanceMeters(from, to) <= options.maxSpeedMetersPerSecond * ((toMs(to.at) - toMs(from.at)) / 1000);
  for (const point of mergeTrackPoints([], points)) {
    if (point.accuracy !== null && point.accuracy > options.maxAccuracyMeters) {
      rejected.inaccurate++;
      continue;
    }
    const anchor = kept.at(-1);
    if (!anchor) {
      kept.push(point);
      continue;
    }
    const last = fastRun.at(-1);
    // Once a point was refused as too fast, the points nearer to it than to the anchor, and reachable from it, build a run.
    const joinsRun = last !== undefined && plausible(last, point) && distanceMeters(last, point) < distanceMeters(anchor, point);
    if (joinsRun) {
      fastRun.push(point);
      if (fastRun.length < REANCHOR_AFTER) {
        rejected.too_fast++;
        continue;
      }
      // The run was right and the anchor wrong: keep the run (its legs count, the jump to it does not).
      rejected.too_fast -= fastRun.length - 1;
      for (const [i, p] of fastRun.entries()) {
        if (i > 0) distance += distanceMeters(fastRun[i - 1], p);
        kept.push(p);
      }
      fastRun = [];
      continue;
    }
    if (!plausible(anchor, point)) {
      // Neither the anchor nor the run explains it: a new run starts.
      fastRun = [point];
      rejected.too_fast++;
      continue;
    }
    fastRun = [];
    const step = distanceMeters(anchor, point);
    if (step < options.minStepMeters) {
      rejected.jitter++;
      continue;
    }
    kept.push(point);
    distance += step;
  }
  return { kept, rejected, distanceMeters: distance };
}
