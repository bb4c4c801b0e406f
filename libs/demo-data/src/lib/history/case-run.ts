import {
  decide,
  toInstant,
  type Actor,
  type CaseCategory,
  type CaseCommand,
  type CaseEventDraft,
  type CaseState,
  type DecisionContext,
  type RefusalCode,
  type WorkCalendar,
} from '@grid/domain';
import type { ClockKind } from '@grid/contracts';
import { uniform, type Random } from './history-random';
import type { WorkClock } from './work-clock';

/** When a person acts: in working hours, in the daytime any day (the command centre), or at any hour (emergencies). */
export type Duty = 'office' | 'day' | 'any';

export interface RefusedStep {
  action: CaseCommand['action'];
  code: RefusalCode;
  message: string;
  at: string;
}

const SECOND = 1_000;
const HOUR = 3_600_000;
/** The command centre's day: 07:30–22:00 local time. */
const DAY_START_MINUTES = 7.5 * 60;
const DAY_END_MINUTES = 22 * 60;

export interface CaseRunSetup {
  category: CaseCategory;
  context: DecisionContext;
  calendar: WorkCalendar;
  /** The calendar's working time, cached (shared by all cases). */
  workClock: WorkClock;
  nowMs: number;
  random: Random;
}

/**
 * One case's timeline in the making: every step goes through the domain's `decide`, at a time
 * strictly after the last and never after `now`. A refused step is not written: it is recorded, and
 * the case stops where it is.
 */
export class CaseRun {
  state: CaseState | null = null;
  readonly events: CaseEventDraft[] = [];
  readonly refusals: RefusedStep[] = [];
  /** Why the story could not go on although nothing was refused (nobody fit the next step). */
  readonly gaps: string[] = [];
  /** Set when a step would fall after `now` or was refused: the case stays as it is. */
  stopped = false;
  lastMs = 0;

  constructor(private readonly setup: CaseRunSetup) {}

  get current(): CaseState {
    if (this.state === null) throw new Error('the case has not been reported');
    return this.state;
  }

  /** Takes one step at `atMs` (moved just after the last step when it is not later); false when the case stops here. */
  act(command: CaseCommand, actor: Actor, atMs: number, context: Partial<DecisionContext> = {}): boolean {
    if (this.stopped) return false;
    const at = this.after(atMs);
    if (at > this.setup.nowMs) return this.stop();
    const decision = decide(this.state, command, actor, toInstant(at), { ...this.setup.context, ...context });
    if (!decision.ok) {
      this.refusals.push({ action: command.action, code: decision.refusal.code, message: decision.refusal.message, at: toInstant(at) });
      return this.stop();
    }
    this.append(decision.events, decision.next, at);
    return true;
  }

  stop(): false {
    this.stopped = true;
    return false;
  }

  /** Stops because nobody fits the next step (a roster without such a person). */
  gap(reason: string): false {
    this.gaps.push(reason);
    return this.stop();
  }

  /** `hours` of a clock after `fromMs`: working hours, or plain hours. */
  onClock(fromMs: number, hours: number, clock: ClockKind): number {
    const ms = Math.round(Math.max(0, hours) * HOUR);
    return clock === 'calendar' ? fromMs + ms : this.setup.workClock.add(fromMs, ms);
  }

  /** Hours of a clock from one instant to another (0 when the second is not later). */
  clockHours(fromMs: number, untilMs: number, clock: ClockKind): number {
    if (untilMs <= fromMs) return 0;
    return (clock === 'calendar' ? untilMs - fromMs : this.setup.workClock.between(fromMs, untilMs)) / HOUR;
  }

  /**
   * The moment a person acting with `duty` gets `hours` of work done after `fromMs`: working hours in
   * the office, daytime hours for the command centre, plain hours in an emergency; plus a few seconds.
   */
  later(fromMs: number, hours: number, duty: Duty): number {
    const base = Math.max(fromMs, this.lastMs);
    const jitter = Math.floor(uniform(this.setup.random, 5, 240)) * SECOND;
    if (duty === 'office') return this.onClock(base, hours, 'working') + jitter;
    const at = base + Math.max(0, hours) * HOUR + jitter;
    return duty === 'day' ? this.inDaytime(at) : at;
  }

  private inDaytime(ms: number): number {
    const offset = this.setup.calendar.utcOffsetMinutes * 60_000;
    const localMinutes = ((ms + offset) % (24 * HOUR)) / 60_000;
    if (localMinutes >= DAY_START_MINUTES && localMinutes < DAY_END_MINUTES) return ms;
    const midnight = ms - localMinutes * 60_000;
    const nextStart = midnight + (localMinutes >= DAY_END_MINUTES ? 24 * HOUR : 0) + DAY_START_MINUTES * 60_000;
    return nextStart + Math.floor(uniform(this.setup.random, 0, 90)) * 60_000;
  }

  /** Whole seconds, strictly after the last step. */
  private after(ms: number): number {
    const whole = Math.floor(ms / SECOND) * SECOND;
    return this.events.length === 0 ? whole : Math.max(whole, this.lastMs + SECOND);
  }

  private append(events: readonly CaseEventDraft[], next: CaseState, atMs: number): void {
    this.events.push(...events);
    this.state = next;
    this.lastMs = atMs;
  }
}
