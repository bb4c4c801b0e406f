import { BoundedMemory } from '../shared/bounded-memory';
import { MS_PER_MINUTE, toMs, type Instant } from '../shared/instant.util';
import type { LocalDate } from './work-calendar.types';

export const SHANGHAI_UTC_OFFSET_MINUTES = 480;
/** The district's time zone: deadlines, working hours and local dates are all in it. */
export const SHANGHAI_TIME_ZONE = 'Asia/Shanghai';
const MS_PER_DAY = 86_400_000;

/** The local date of an epoch-ms instant at a fixed UTC offset. */
export function localDateOfMs(ms: number, utcOffsetMinutes: number): LocalDate {
  const day = Math.floor((ms + utcOffsetMinutes * MS_PER_MINUTE) / MS_PER_DAY);
  return datesByDay.get(day) ?? datesByDay.remember(day, new Date(day * MS_PER_DAY).toISOString().slice(0, 10));
}

/** Clocks ask for the date of many instants of the same few days: each day's name is worked out once. */
const datesByDay = new BoundedMemory<number, LocalDate>();

/** The local date of an instant, by default in Asia/Shanghai (UTC+8). */
export function localDateOf(instant: Instant, utcOffsetMinutes = SHANGHAI_UTC_OFFSET_MINUTES): LocalDate {
  return localDateOfMs(toMs(instant), utcOffsetMinutes);
}

/** Epoch ms of local midnight starting a date. */
export function localMidnightMs(date: LocalDate, utcOffsetMinutes: number): number {
  return Date.parse(`${date}T00:00:00.000Z`) - utcOffsetMinutes * MS_PER_MINUTE;
}

/** The next local date. */
export function nextDate(date: LocalDate): LocalDate {
  return nextDates.get(date) ?? nextDates.remember(date, new Date(Date.parse(`${date}T00:00:00.000Z`) + MS_PER_DAY).toISOString().slice(0, 10));
}

/** Clocks walk day by day through the calendar: each day's successor is worked out once. */
const nextDates = new BoundedMemory<LocalDate, LocalDate>();

/** ISO weekday of a date: 1 Monday … 7 Sunday. */
export function isoWeekdayOf(date: LocalDate): number {
  return new Date(`${date}T00:00:00.000Z`).getUTCDay() || 7;
}

/** Minutes after midnight of `HH:MM`. */
export function minutesOf(time: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`not a time of day HH:MM: ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}
