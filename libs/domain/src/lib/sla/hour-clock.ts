import type { ClockKind } from '@grid/contracts';
import { addWorkingMs, workingMsBetween } from '../calendar/working-hours';
import type { WorkCalendar } from '../calendar/work-calendar.types';

/** Time arithmetic of one kind of clock, in epoch ms. */
export interface HourClock {
  add(startMs: number, durationMs: number): number;
  between(aMs: number, bMs: number): number;
}

export function hourClockOf(kind: ClockKind, calendar: WorkCalendar): HourClock {
  return kind === 'calendar'
    ? { add: (start, duration) => start + duration, between: (a, b) => b - a }
    : { add: (start, duration) => addWorkingMs(start, duration, calendar), between: (a, b) => workingMsBetween(a, b, calendar) };
}
