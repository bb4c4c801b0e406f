import { localDateOf, SHANGHAI_UTC_OFFSET_MINUTES } from '../calendar/local-time.util';
import type { LocalDate } from '../calendar/work-calendar.types';
import { toMs, type Instant } from '../shared/instant.util';

/** What a day summary needs of a patrol. */
export interface PatrolRecord {
  workerId: string;
  startedAt: Instant;
  /** Null while the patrol goes on: it counts up to `now`. */
  endedAt: Instant | null;
  distanceMeters: number;
  visits: readonly { kind: 'household' | 'place'; at: Instant }[];
}

export interface PatrolDay {
  workerId: string;
  /** Local date the patrols started on. */
  date: LocalDate;
  patrols: number;
  minutes: number;
  distanceMeters: number;
  householdVisits: number;
  placeVisits: number;
}

/** A worker's patrol figures over a period (到村入户频次、里程): what the assessment counts. */
export interface PatrolTotals {
  workerId: string;
  daysOnPatrol: number;
  patrols: number;
  minutes: number;
  distanceMeters: number;
  householdVisits: number;
  placeVisits: number;
}

/** How long a patrol has lasted, in minutes (up to `now` while it goes on; never negative). */
export function patrolMinutes(patrol: Pick<PatrolRecord, 'startedAt' | 'endedAt'>, now: Instant): number {
  return Math.max(0, (toMs(patrol.endedAt ?? now) - toMs(patrol.startedAt)) / 60_000);
}

/**
 * One row per worker and local day they patrolled on, in worker then date order. A patrol belongs to the
 * day it started on (a patrol past midnight is still that evening's).
 */
export function summarizePatrolDays(patrols: readonly PatrolRecord[], now: Instant, utcOffsetMinutes = SHANGHAI_UTC_OFFSET_MINUTES): PatrolDay[] {
  const days = new Map<string, PatrolDay>();
  for (const patrol of patrols) {
    const date = localDateOf(patrol.startedAt, utcOffsetMinutes);
    const key = `${patrol.workerId} ${date}`;
    const day = days.get(key) ?? { workerId: patrol.workerId, date, patrols: 0, minutes: 0, distanceMeters: 0, householdVisits: 0, placeVisits: 0 };
    day.patrols++;
    day.minutes += patrolMinutes(patrol, now);
    day.distanceMeters += patrol.distanceMeters;
    day.householdVisits += patrol.visits.filter((v) => v.kind === 'household').length;
    day.placeVisits += patrol.visits.filter((v) => v.kind === 'place').length;
    days.set(key, day);
  }
  return [...days.values()].sort((a, b) => a.workerId.localeCompare(b.workerId) || a.date.localeCompare(b.date));
}

/** Each worker's totals over the given days (typically one period's `summarizePatrolDays`). */
export function patrolTotals(days: readonly PatrolDay[]): PatrolTotals[] {
  const totals = new Map<string, PatrolTotals>();
  for (const day of days) {
    const total = totals.get(day.workerId) ?? { workerId: day.workerId, daysOnPatrol: 0, patrols: 0, minutes: 0, distanceMeters: 0, householdVisits: 0, placeVisits: 0 };
    total.daysOnPatrol++;
    total.patrols += day.patrols;
    total.minutes += day.minutes;
    total.distanceMeters += day.distanceMeters;
    total.householdVisits += day.householdVisits;
    total.placeVisits += day.placeVisits;
    totals.set(day.workerId, total);
  }
  return [...totals.values()];
}
