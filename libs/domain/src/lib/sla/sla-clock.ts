import type { ClockKind, SlaState } from '@grid/contracts';
import { hoursToMs, MS_PER_HOUR, toInstant, type Instant } from '../shared/instant.util';
import type { HourClock } from './hour-clock';
import type { Interval } from './interval.util';

/** One SLA clock: how much of its time is used, when it is due, and its colour. */
export interface SlaClock {
  kind: ClockKind;
  startedAt: Instant;
  /** running: counting now; paused: the step is on but the case is suspended; stopped: the step is over. */
  phase: 'running' | 'paused' | 'stopped';
  stoppedAt: Instant | null;
  limitHours: number;
  usedHours: number;
  usedFraction: number;
  state: SlaState;
  /** When the time runs out (or ran out); null while paused, as it depends on when the case resumes. */
  dueAt: Instant | null;
  /** When the clock turns (or turned) yellow; null while paused before it. */
  warnAt: Instant | null;
}

export interface ClockSpec {
  kind: ClockKind;
  clock: HourClock;
  /** The time the clock ran, without suspensions, sorted; the last open while it runs. */
  active: readonly Interval[];
  paused: boolean;
  limitHours: number;
  warningFraction: number;
  nowMs: number;
}

export function slaStateOf(usedFraction: number, warningFraction: number): SlaState {
  if (usedFraction < warningFraction) return 'on_time';
  return usedFraction <= 1 ? 'warning' : 'overdue';
}

/** The instant at which `targetMs` of clock time is used up; null if it depends on a resumption to come. */
function reachedAt(spec: ClockSpec, targetMs: number): number | null {
  let remaining = targetMs;
  for (const { from, to } of spec.active) {
    if (to === null) return spec.clock.add(from, remaining);
    const length = spec.clock.between(from, to);
    if (length >= remaining) return spec.clock.add(from, remaining);
    remaining -= length;
  }
  const last = spec.active.at(-1);
  return spec.paused || last?.to == null ? null : spec.clock.add(last.to, remaining);
}

/** The clock over its active intervals, as of `nowMs`. */
export function clockOf(spec: ClockSpec): SlaClock | null {
  const first = spec.active[0];
  if (!first) return null;
  const last = spec.active[spec.active.length - 1];
  const usedMs = spec.active.reduce((sum, { from, to }) => sum + Math.max(0, spec.clock.between(from, Math.min(to ?? spec.nowMs, spec.nowMs))), 0);
  const limitMs = hoursToMs(spec.limitHours);
  const usedFraction = limitMs === 0 ? (usedMs > 0 ? Number.POSITIVE_INFINITY : 0) : usedMs / limitMs;
  const due = reachedAt(spec, limitMs);
  const warn = reachedAt(spec, limitMs * spec.warningFraction);
  const phase = last.to === null ? 'running' : spec.paused ? 'paused' : 'stopped';
  return {
    kind: spec.kind,
    startedAt: toInstant(first.from),
    phase,
    stoppedAt: phase === 'stopped' && last.to !== null ? toInstant(last.to) : null,
    limitHours: spec.limitHours,
    usedHours: usedMs / MS_PER_HOUR,
    usedFraction,
    state: slaStateOf(usedFraction, spec.warningFraction),
    dueAt: due === null ? null : toInstant(due),
    warnAt: warn === null ? null : toInstant(warn),
  };
}
