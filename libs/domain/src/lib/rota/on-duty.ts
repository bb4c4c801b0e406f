import { isoWeekdayOf, localDateOfMs, localMidnightMs, minutesOf, SHANGHAI_UTC_OFFSET_MINUTES } from '../calendar/local-time.util';
import type { LocalDate } from '../calendar/work-calendar.types';
import { MS_PER_MINUTE } from '../shared/instant.util';
import type { Leave, PlaceRota, WeeklyPattern } from './rota.types';

const MS_PER_DAY = 86_400_000;

/** A pattern's occurrence starting on a local date, as [startMs, endMs), or null when it does not happen that day. */
export function occurrenceOn(pattern: Pick<WeeklyPattern, 'weekdays' | 'startTime' | 'endTime' | 'from' | 'to' | 'skipDates'>, date: LocalDate, utcOffsetMinutes = SHANGHAI_UTC_OFFSET_MINUTES): [number, number] | null {
  if (date < pattern.from || (pattern.to !== null && date > pattern.to)) return null;
  if (!pattern.weekdays.includes(isoWeekdayOf(date)) || pattern.skipDates.includes(date)) return null;
  const midnight = localMidnightMs(date, utcOffsetMinutes);
  const start = minutesOf(pattern.startTime);
  const end = minutesOf(pattern.endTime);
  // An end at or before the start crosses midnight: a night shift ends the next morning.
  const endMinutes = end > start ? end : end + 24 * 60;
  return [midnight + start * MS_PER_MINUTE, midnight + endMinutes * MS_PER_MINUTE];
}

/** Whether a pattern has someone on duty at the instant: the occurrence of that day, or last night's. */
export function patternCovers(pattern: WeeklyPattern, atMs: number, utcOffsetMinutes = SHANGHAI_UTC_OFFSET_MINUTES): boolean {
  for (const date of [localDateOfMs(atMs, utcOffsetMinutes), localDateOfMs(atMs - MS_PER_DAY, utcOffsetMinutes)]) {
    const span = occurrenceOn(pattern, date, utcOffsetMinutes);
    if (span && span[0] <= atMs && atMs < span[1]) return true;
  }
  return false;
}

/** Everyone the rota puts on duty at the instant (leave not yet considered), in the rota's order, each once. */
export function onDutyAt(rota: PlaceRota, atMs: number, utcOffsetMinutes = SHANGHAI_UTC_OFFSET_MINUTES): string[] {
  const ids = new Set<string>();
  for (const s of rota.shifts) if (s.startMs <= atMs && atMs < s.endMs) ids.add(s.userId);
  for (const p of rota.patterns) if (!ids.has(p.userId) && patternCovers(p, atMs, utcOffsetMinutes)) ids.add(p.userId);
  return [...ids];
}

/** How far around an instant a one-off shift makes the place "on a rota" (see `hasRotaAt`). */
export const ROTA_HORIZON_MS = 7 * MS_PER_DAY;

/**
 * Whether the place keeps a rota around the instant: a weekly pattern valid that day, or a one-off shift
 * within a week of it. A place without one keeps today's rule: its workers are on duty around the clock.
 */
export function hasRotaAt(rota: PlaceRota, atMs: number, utcOffsetMinutes = SHANGHAI_UTC_OFFSET_MINUTES): boolean {
  const date = localDateOfMs(atMs, utcOffsetMinutes);
  if (rota.patterns.some((p) => p.from <= date && (p.to === null || date <= p.to))) return true;
  return rota.shifts.some((s) => s.endMs > atMs - ROTA_HORIZON_MS && s.startMs < atMs + ROTA_HORIZON_MS);
}

/** The leave a person is on at the instant, if any. */
export function leaveAt(leaves: readonly Leave[], userId: string, atMs: number): Leave | null {
  for (const l of leaves) if (l.userId === userId && l.startMs <= atMs && atMs < l.endMs) return l;
  return null;
}

/** A pattern's occurrences overlapping [fromMs, toMs), as [startMs, endMs) spans in time order (a calendar's week). */
export function patternOccurrences(pattern: WeeklyPattern, fromMs: number, toMs: number, utcOffsetMinutes = SHANGHAI_UTC_OFFSET_MINUTES): [number, number][] {
  const spans: [number, number][] = [];
  // From the day before: last night's shift may reach into the range.
  for (let day = fromMs - MS_PER_DAY; day < toMs; day += MS_PER_DAY) {
    const span = occurrenceOn(pattern, localDateOfMs(day, utcOffsetMinutes), utcOffsetMinutes);
    if (span && span[1] > fromMs && span[0] < toMs && !spans.some((s) => s[0] === span[0])) spans.push(span);
  }
  return spans;
}
