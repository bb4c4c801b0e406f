import { BoundedMemory } from '../shared/bounded-memory';
import { MS_PER_MINUTE, toMs, type Instant } from '../shared/instant.util';
import { CHINA_2026 } from './china-2026.schedule';
import { CHINA_2027_PROVISIONAL } from './china-2027.schedule';
import { isoWeekdayOf, localDateOfMs, localMidnightMs, minutesOf, SHANGHAI_UTC_OFFSET_MINUTES } from './local-time.util';
import type { LocalDate, WorkCalendar, WorkingWindow, YearSchedule } from './work-calendar.types';

export const DEFAULT_WORKING_WINDOWS: readonly WorkingWindow[] = [
  { start: '08:30', end: '12:00' },
  { start: '14:00', end: '17:30' },
];

export interface WorkCalendarOptions {
  years: readonly YearSchedule[];
  weekdays?: readonly number[];
  windows?: readonly WorkingWindow[];
  utcOffsetMinutes?: number;
}

/** A checked calendar: Monday to Friday, 08:30–12:00 and 14:00–17:30, UTC+8 unless told otherwise. */
export function createWorkCalendar(options: WorkCalendarOptions): WorkCalendar {
  const calendar: WorkCalendar = {
    utcOffsetMinutes: options.utcOffsetMinutes ?? SHANGHAI_UTC_OFFSET_MINUTES,
    weekdays: options.weekdays ?? [1, 2, 3, 4, 5],
    windows: options.windows ?? DEFAULT_WORKING_WINDOWS,
    years: options.years,
  };
  const problems = calendarProblems(calendar);
  if (problems.length > 0) throw new RangeError(`invalid work calendar: ${problems.join('; ')}`);
  return calendar;
}

/** What is wrong with a calendar (empty when it can be used): a clock on it must always find working time. */
export function calendarProblems(calendar: WorkCalendar): string[] {
  const problems: string[] = [];
  if (calendar.weekdays.length === 0 || calendar.weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    problems.push('weekdays must be ISO weekdays 1–7, at least one');
  }
  if (calendar.windows.length === 0) problems.push('at least one working window is needed');
  let previousEnd = -1;
  for (const w of calendar.windows) {
    const [start, end] = [minutesOf(w.start), minutesOf(w.end)];
    if (start >= end || start < previousEnd || end > 24 * 60) problems.push(`window ${w.start}–${w.end} is empty, out of order or overlapping`);
    previousEnd = end;
  }
  if (!Number.isInteger(calendar.utcOffsetMinutes) || Math.abs(calendar.utcOffsetMinutes) > 14 * 60) problems.push('utcOffsetMinutes out of range');
  return problems;
}

/** China, Asia/Shanghai, the official 2026 schedule and a provisional 2027. */
export const CHINA_WORK_CALENDAR: WorkCalendar = createWorkCalendar({ years: [CHINA_2026, CHINA_2027_PROVISIONAL] });

function scheduleOf(calendar: WorkCalendar, date: LocalDate): YearSchedule | undefined {
  const year = Number(date.slice(0, 4));
  return calendar.years.find((y) => y.year === year);
}

export function isWorkday(calendar: WorkCalendar, date: LocalDate): boolean {
  const schedule = scheduleOf(calendar, date);
  if (schedule?.makeUpWorkdays[date] !== undefined) return true;
  if (schedule?.holidays[date] !== undefined) return false;
  return calendar.weekdays.includes(isoWeekdayOf(date));
}

/** True when the date's year has no schedule or only a provisional one: due times there may move. */
export function isProvisionalDate(calendar: WorkCalendar, date: LocalDate): boolean {
  return scheduleOf(calendar, date)?.provisional ?? true;
}

export function isProvisional(calendar: WorkCalendar, instant: Instant): boolean {
  return isProvisionalDate(calendar, localDateOfMs(toMs(instant), calendar.utcOffsetMinutes));
}

/**
 * The working intervals of a date in epoch ms, [start, end) each; none on a day off. Every clock of every
 * case walks these day by day, so each calendar remembers the days it was asked about (a calendar is
 * immutable: an edited calendar is a new object with its own memory).
 */
export function workingIntervalsOf(calendar: WorkCalendar, date: LocalDate): readonly (readonly [number, number])[] {
  let days = intervalsByCalendar.get(calendar);
  if (!days) intervalsByCalendar.set(calendar, (days = new BoundedMemory()));
  const known = days.get(date);
  if (known) return known;
  const midnight = localMidnightMs(date, calendar.utcOffsetMinutes);
  return days.remember(date, isWorkday(calendar, date) ? calendar.windows.map((w) => [midnight + minutesOf(w.start) * MS_PER_MINUTE, midnight + minutesOf(w.end) * MS_PER_MINUTE] as const) : []);
}

const intervalsByCalendar = new WeakMap<WorkCalendar, BoundedMemory<LocalDate, readonly (readonly [number, number])[]>>();

/** How far a year's schedule can be trusted: published, a provisional fallback, or none (weekdays only). */
export function scheduleStateOf(calendar: WorkCalendar, year: number): 'official' | 'provisional' | 'missing' {
  const schedule = calendar.years.find((y) => y.year === year);
  if (!schedule) return 'missing';
  return schedule.provisional ? 'provisional' : 'official';
}

/** A new calendar with one year's schedule put in (replacing that year's); checked like any calendar. */
export function withYearSchedule(calendar: WorkCalendar, schedule: YearSchedule): WorkCalendar {
  const years = [...calendar.years.filter((y) => y.year !== schedule.year), schedule].sort((a, b) => a.year - b.year);
  return createWorkCalendar({ ...calendar, years });
}

/** A new calendar with other workdays or working hours, the schedules kept. */
export function withWorkingHours(calendar: WorkCalendar, hours: Pick<WorkCalendar, 'weekdays' | 'windows'>): WorkCalendar {
  return createWorkCalendar({ ...calendar, weekdays: [...new Set(hours.weekdays)].sort(), windows: hours.windows });
}
