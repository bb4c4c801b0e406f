import { localMidnightMs, SHANGHAI_UTC_OFFSET_MINUTES } from '../calendar/local-time.util';

const DAY_MS = 86_400_000;

/** A span of local dates, both inclusive (YYYY-MM-DD). */
export interface LocalPeriod {
  from: string;
  to: string;
}

const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00.000Z`) / DAY_MS;
const dateOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** How many local dates the period holds (a leap year's February has its 29th). */
export const daysOf = (period: LocalPeriod): number => dayNumber(period.to) - dayNumber(period.from) + 1;

/** The instants [from, to) the period covers in the district's time zone. */
export function instantsOf(period: LocalPeriod, utcOffsetMinutes = SHANGHAI_UTC_OFFSET_MINUTES): { fromMs: number; toMs: number } {
  return { fromMs: localMidnightMs(period.from, utcOffsetMinutes), toMs: localMidnightMs(period.to, utcOffsetMinutes) + DAY_MS };
}

/** The period of the same length just before (what "new" is judged against). */
export function periodBefore(period: LocalPeriod): LocalPeriod {
  const days = daysOf(period);
  const from = dayNumber(period.from);
  return { from: dateOfDay(from - days), to: dateOfDay(from - 1) };
}

/** The `days` local dates ending with `to`. */
export function periodEnding(to: string, days: number): LocalPeriod {
  return { from: dateOfDay(dayNumber(to) - days + 1), to };
}
