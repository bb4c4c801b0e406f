import { hoursToMs, MS_PER_HOUR, toInstant, toMs, type Instant } from '../shared/instant.util';
import { localDateOfMs, nextDate } from './local-time.util';
import type { WorkCalendar } from './work-calendar.types';
import { workingIntervalsOf } from './work-calendar';

/** Far enough for any SLA; a calendar that finds no working time within it is broken. */
const MAX_DAYS = 3_660;

/** Epoch ms after `durationMs` of working time from `startMs`. Lands on a window's end rather than the next start. */
export function addWorkingMs(startMs: number, durationMs: number, calendar: WorkCalendar): number {
  if (!(durationMs >= 0)) throw new RangeError(`working time to add must be ≥ 0, got ${durationMs}`);
  if (durationMs === 0) return startMs;
  let remaining = durationMs;
  let date = localDateOfMs(startMs, calendar.utcOffsetMinutes);
  for (let day = 0; day < MAX_DAYS; day += 1, date = nextDate(date)) {
    for (const [start, end] of workingIntervalsOf(calendar, date)) {
      const from = Math.max(start, startMs);
      if (end <= from) continue;
      if (end - from >= remaining) return from + remaining;
      remaining -= end - from;
    }
  }
  throw new RangeError('the work calendar has no working time ahead');
}

/** Working ms in [aMs, bMs); negative when b is before a. */
export function workingMsBetween(aMs: number, bMs: number, calendar: WorkCalendar): number {
  if (bMs < aMs) return -workingMsBetween(bMs, aMs, calendar);
  let total = 0;
  const last = localDateOfMs(bMs, calendar.utcOffsetMinutes);
  for (let date = localDateOfMs(aMs, calendar.utcOffsetMinutes); date <= last; date = nextDate(date)) {
    for (const [start, end] of workingIntervalsOf(calendar, date)) total += Math.max(0, Math.min(end, bMs) - Math.max(start, aMs));
  }
  return total;
}

/** The instant `hours` working hours after `start` (e.g. a due time). */
export function addWorkingHours(start: Instant, hours: number, calendar: WorkCalendar): Instant {
  return toInstant(addWorkingMs(toMs(start), hoursToMs(hours), calendar));
}

/** Working hours from `a` to `b`. */
export function workingHoursBetween(a: Instant, b: Instant, calendar: WorkCalendar): number {
  return workingMsBetween(toMs(a), toMs(b), calendar) / MS_PER_HOUR;
}
