import { workingIntervalsOf, type WorkCalendar } from '@grid/domain';

const DAY = 86_400_000;
const MAX_DAYS = 3_660;

/**
 * Working-time arithmetic over a calendar, with each day's working intervals computed once: the
 * domain's `addWorkingHours` and `workingHoursBetween` give the same results, but the simulator asks
 * tens of thousands of times. Used for the simulator's own delays only; SLAs are the domain's.
 */
export class WorkClock {
  private readonly days = new Map<number, readonly (readonly [number, number])[]>();
  private readonly offsetMs: number;

  constructor(private readonly calendar: WorkCalendar) {
    this.offsetMs = calendar.utcOffsetMinutes * 60_000;
  }

  /** Epoch ms after `durationMs` of working time from `startMs` (on a window's end rather than the next start). */
  add(startMs: number, durationMs: number): number {
    if (durationMs <= 0) return startMs;
    let remaining = durationMs;
    const first = this.dayOf(startMs);
    for (let day = first; day < first + MAX_DAYS; day++) {
      for (const [start, end] of this.intervalsOf(day)) {
        const from = Math.max(start, startMs);
        if (end <= from) continue;
        if (end - from >= remaining) return from + remaining;
        remaining -= end - from;
      }
    }
    throw new RangeError('the work calendar has no working time ahead');
  }

  /** Working ms in [aMs, bMs) (0 when b is not later). */
  between(aMs: number, bMs: number): number {
    let total = 0;
    for (let day = this.dayOf(aMs); day <= this.dayOf(bMs); day++) {
      for (const [start, end] of this.intervalsOf(day)) total += Math.max(0, Math.min(end, bMs) - Math.max(start, aMs));
    }
    return total;
  }

  private dayOf(ms: number): number {
    return Math.floor((ms + this.offsetMs) / DAY);
  }

  private intervalsOf(day: number): readonly (readonly [number, number])[] {
    let intervals = this.days.get(day);
    if (intervals === undefined) {
      intervals = workingIntervalsOf(this.calendar, new Date(day * DAY).toISOString().slice(0, 10));
      this.days.set(day, intervals);
    }
    return intervals;
  }
}
