import type { Instant } from '../shared/instant.util';

/** One position of a patrol's track as the phone recorded it. */
export interface TrackPoint {
  lat: number;
  lng: number;
  at: Instant;
  /** The phone's estimate of its error, metres; null when it gave none. */
  accuracy: number | null;
}

/** Why a point does not count towards the distance. */
export type TrackPointRejection = 'inaccurate' | 'too_fast' | 'jitter';

export interface TrackFilterOptions {
  /** Points less accurate than this are dropped (a phone indoors or just woken reports hundreds of metres). */
  maxAccuracyMeters: number;
  /** A point reached faster than this from the last kept one is an outlier, not a move (m/s). */
  maxSpeedMetersPerSecond: number;
  /** Moves shorter than this from the last kept point are GPS jitter of someone standing still. */
  minStepMeters: number;
}

/**
 * Defaults for a grid worker on foot, bicycle or e-bike, now and then in a car: 50 m accuracy, 120 km/h,
 * 10 m steps (a phone at rest wanders a few metres either way).
 */
export const DEFAULT_TRACK_FILTER: TrackFilterOptions = {
  maxAccuracyMeters: 50,
  maxSpeedMetersPerSecond: 120 / 3.6,
  minStepMeters: 10,
};
