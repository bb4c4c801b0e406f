import type { LatLng } from '@grid/contracts';
import { distanceMeters } from '@grid/geo';
import { MS_PER_HOUR, toMs, type Instant } from '../shared/instant.util';

/** What duplicate detection needs of a report or an open case. */
export interface DuplicateProbe {
  categoryCode: string;
  location: LatLng;
  reportedAt: Instant;
}

export interface DuplicateOptions {
  radiusMeters: number;
  /** How far apart in time two reports of one matter may be, either way. */
  windowHours: number;
  /** At most this many, the nearest (an operator merges into one; a long list helps nobody). */
  limit?: number;
}

/** How many candidates a report carries by default. */
export const DUPLICATE_CANDIDATE_LIMIT = 5;

export interface DuplicateCandidate<T> {
  case: T;
  distanceMeters: number;
  hoursApart: number;
}

/**
 * Open cases that may be the same matter as a new report: same category, within the radius and the
 * time window; nearest first (then closest in time), at most `limit` of them. The caller passes open cases only, typically
 * pre-filtered by a bounding box in the database.
 */
export function findDuplicateCandidates<T extends DuplicateProbe>(
  report: DuplicateProbe,
  openCases: readonly T[],
  options: DuplicateOptions,
): DuplicateCandidate<T>[] {
  const reportedMs = toMs(report.reportedAt);
  const found: DuplicateCandidate<T>[] = [];
  for (const c of openCases) {
    if (c.categoryCode !== report.categoryCode) continue;
    const metres = distanceMeters(report.location, c.location);
    if (metres > options.radiusMeters) continue; // most cases of a crowded index are: their dates are not even read
    const hoursApart = Math.abs(toMs(c.reportedAt) - reportedMs) / MS_PER_HOUR;
    if (hoursApart <= options.windowHours) found.push({ case: c, distanceMeters: metres, hoursApart });
  }
  return found.sort((a, b) => a.distanceMeters - b.distanceMeters || a.hoursApart - b.hoursApart).slice(0, options.limit ?? DUPLICATE_CANDIDATE_LIMIT);
}
