import { hoursToMs, MS_PER_HOUR, toInstant, toMs, type Instant } from '../shared/instant.util';

/** The instant `hours` calendar hours (the clock never stops) after `start`. */
export function addCalendarHours(start: Instant, hours: number): Instant {
  if (!(hours >= 0)) throw new RangeError(`hours to add must be ≥ 0, got ${hours}`);
  return toInstant(toMs(start) + hoursToMs(hours));
}

/** Calendar hours from `a` to `b`; negative when b is before a. */
export function calendarHoursBetween(a: Instant, b: Instant): number {
  return (toMs(b) - toMs(a)) / MS_PER_HOUR;
}
