import { distanceMeters, type LatLng } from '@grid/geo';

const DAY_MS = 86_400_000;

export interface RecurrenceRules {
  /** Reports within this distance of each other are the same place. */
  radiusMeters: number;
  /** A report is a recurrence when a case of its category at its place was closed within these days before it. */
  windowDays: number;
}

export const DEFAULT_RECURRENCE_RULES: RecurrenceRules = { radiusMeters: 100, windowDays: 60 };

/** Another case of the same category near the report (as the index query found it: maybe a little too far). */
export interface NearbyCase {
  id: string;
  code: string;
  location: LatLng;
  reportedAt: string;
  closedAt: string | null;
}

export interface Recurrence {
  /** Reports of the category at the place in the window, this one included. */
  timesReported: number;
  windowDays: number;
  radiusMeters: number;
  /** The latest case closed here before the report: the closure that did not last. */
  lastClosed: { id: string; code: string; closedAt: string; daysBefore: number };
  /** The earlier reports in the window, newest first. */
  earlier: { id: string; code: string; reportedAt: string; closedAt: string | null }[];
}

/**
 * Whether a report repeats a place and category whose case was closed not long before: the cases of its category
 * within the radius, reported in the window before it (counted), and the latest one closed in the window before
 * it (the recurrence). Null when nothing was closed there in the window: a second report of an open matter is a
 * duplicate, not a recurrence.
 */
export function recurrenceOf(
  report: { id: string; location: LatLng; reportedAt: string },
  nearby: readonly NearbyCase[],
  rules: RecurrenceRules = DEFAULT_RECURRENCE_RULES,
): Recurrence | null {
  const at = Date.parse(report.reportedAt);
  const since = at - rules.windowDays * DAY_MS;
  const here = nearby.filter((c) => c.id !== report.id && distanceMeters(c.location, report.location) <= rules.radiusMeters);
  const closedBefore = here
    .filter((c) => c.closedAt !== null && Date.parse(c.closedAt) >= since && Date.parse(c.closedAt) <= at)
    .sort((a, b) => Date.parse(b.closedAt as string) - Date.parse(a.closedAt as string) || a.id.localeCompare(b.id));
  const last = closedBefore[0];
  if (!last) return null;
  const earlier = here
    .filter((c) => Date.parse(c.reportedAt) >= since && Date.parse(c.reportedAt) < at)
    .sort((a, b) => Date.parse(b.reportedAt) - Date.parse(a.reportedAt) || a.id.localeCompare(b.id))
    .map((c) => ({ id: c.id, code: c.code, reportedAt: c.reportedAt, closedAt: c.closedAt }));
  const closedAt = last.closedAt as string;
  return {
    // The closed case may have been reported before the window: it still counts as a report of the place.
    timesReported: 1 + earlier.length + (earlier.some((c) => c.id === last.id) ? 0 : 1),
    windowDays: rules.windowDays,
    radiusMeters: rules.radiusMeters,
    lastClosed: { id: last.id, code: last.code, closedAt, daysBefore: Math.floor((at - Date.parse(closedAt)) / DAY_MS) },
    earlier,
  };
}
