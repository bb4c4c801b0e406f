import type { CaseStatus, SlaClockName, SlaState } from '@grid/contracts';
import { SLA_STATES } from '@grid/contracts';
import { clockKindOf, timeLimitOf, type CaseCategory } from '../case/case-category.types';
import type { CaseEventDraft } from '../case/case-event.types';
import { IN_HAND_STATUSES } from '../case/case-transitions';
import { project } from '../case/project';
import type { WorkCalendar } from '../calendar/work-calendar.types';
import { isProvisional } from '../calendar/work-calendar';
import { toInstant, toMs, type Instant } from '../shared/instant.util';
import { hourClockOf } from './hour-clock';
import { subtractIntervals, type Interval } from './interval.util';
import { isSuspendedNow, lastIndexOf, timeIn, timelineOf, type CaseTimeline } from './case-timeline';
import { clockOf, type ClockSpec, type SlaClock } from './sla-clock';
import { DEFAULT_SLA_RULES, type SlaRules } from './sla-rules';

export interface DepartmentSla {
  departmentId: string;
  /** 报到: from the whistle to the department's report-in. */
  reportIn: SlaClock | null;
  /** From the whistle to the department's completion. */
  handle: SlaClock | null;
}

/** A case's SLA as of `asOf`: a clock per step, one for the whole case, and the summoned departments'. */
export interface CaseSla {
  asOf: Instant;
  clocks: Record<SlaClockName, SlaClock | null>;
  departments: DepartmentSla[];
  /** The worst state of any clock of the case (departments' clocks are theirs, not the case's). */
  state: SlaState;
  /** The highest used fraction of any clock of the case. */
  usedFraction: number;
  /** The whole case's due time (null before it exists or while suspended). */
  dueAt: Instant | null;
  /** When the case first turned yellow and red, if it did: the times the sweeper's events record. */
  warningAt: Instant | null;
  overdueAt: Instant | null;
  /** A working-hours due time (or now) falls in a year whose holiday schedule is provisional. */
  provisional: boolean;
}

type SlaCategory = Pick<CaseCategory, 'clock' | 'timeLimits'>;
const OPEN: readonly CaseStatus[] = ['reported', 'registered', 'dispatched', 'accepted', 'in_progress', 'handled', 'verified'];

/** Where each clock of a case starts and the statuses in which it runs. */
const STEPS: Record<SlaClockName, { startsAt: (t: CaseTimeline) => number; runsIn: readonly CaseStatus[] }> = {
  register: { startsAt: () => 0, runsIn: ['reported'] },
  dispatch: { startsAt: (t) => lastIndexOf(t, ['registered', 'returned', 'escalated']), runsIn: ['registered'] },
  accept: { startsAt: (t) => lastIndexOf(t, ['dispatched']), runsIn: ['dispatched'] },
  handle: { startsAt: (t) => t.events.findIndex((e) => e.kind === 'registered'), runsIn: IN_HAND_STATUSES },
  verify: { startsAt: (t) => lastIndexOf(t, ['completed', 'self_handled']), runsIn: ['handled'] },
  case: { startsAt: () => 0, runsIn: OPEN },
};

const worst = (states: SlaState[]): SlaState => SLA_STATES[Math.max(0, ...states.map((s) => SLA_STATES.indexOf(s)))];
const earliest = (instants: (Instant | null)[]): Instant | null =>
  instants.filter((i): i is Instant => i !== null).sort()[0] ?? null;

/**
 * The SLA of a case computed from its event log and the calendar only, so that a corrected calendar or
 * category recomputes history. Suspensions stop every clock; approved extensions lengthen the handling
 * and whole-case limits. Emergencies and calendar-hour categories count every hour.
 */
export function slaOf(events: readonly CaseEventDraft[], category: SlaCategory, calendar: WorkCalendar, now: Instant, rules: SlaRules = DEFAULT_SLA_RULES): CaseSla {
  const state = project(events);
  if (state === null) throw new RangeError('a case has at least its reported event');
  const timeline = timelineOf(events);
  const kind = clockKindOf(category, state.priority);
  const paused = isSuspendedNow(timeline);
  const nowMs = toMs(now);
  const spec = (active: Interval[], limitHours: number, stillOn: boolean): ClockSpec => ({
    kind,
    clock: hourClockOf(kind, calendar),
    active: subtractIntervals(active, timeline.suspensions),
    paused: paused && stillOn,
    limitHours,
    warningFraction: rules.warningFraction,
    nowMs,
  });

  const steps = rules.steps[state.priority];
  const handleHours = timeLimitOf(category, state.priority).handleHours + state.extensions.reduce((a, b) => a + b, 0);
  const limits: Record<SlaClockName, number> = {
    register: steps.register,
    dispatch: steps.dispatch,
    accept: timeLimitOf(category, state.priority).acceptHours,
    handle: handleHours,
    verify: steps.verify,
    case: steps.register + handleHours + steps.verify,
  };
  const clockNamed = (name: SlaClockName) => {
    const { startsAt, runsIn } = STEPS[name];
    return clockOf(spec(timeIn(timeline, startsAt(timeline), runsIn), limits[name], runsIn.includes(state.status)));
  };
  const clocks = Object.fromEntries(Object.keys(STEPS).map((name) => [name, clockNamed(name as SlaClockName)])) as Record<SlaClockName, SlaClock | null>;

  const departments = state.coHandlers.map((c): DepartmentSla => {
    const summoned = toMs(c.summonedAt);
    const until = (doneAt: Instant | null) => (doneAt === null ? timeline.endedAt : toMs(doneAt));
    const span = (doneAt: Instant | null, hours: number) => clockOf(spec([{ from: summoned, to: until(doneAt) }], hours, until(doneAt) === null));
    return { departmentId: c.departmentId, reportIn: span(c.reportedInAt, c.reportInHours), handle: span(c.completedAt, c.handleHours) };
  });

  const all = Object.values(clocks).filter((c): c is SlaClock => c !== null);
  const dueTimes = all.map((c) => c.dueAt).filter((d): d is Instant => d !== null);
  return {
    asOf: toInstant(nowMs),
    clocks,
    departments,
    state: worst(all.map((c) => c.state)),
    usedFraction: Math.max(0, ...all.map((c) => c.usedFraction)),
    dueAt: clocks.case?.dueAt ?? null,
    warningAt: earliest(all.filter((c) => c.state !== 'on_time').map((c) => c.warnAt)),
    overdueAt: earliest(all.filter((c) => c.state === 'overdue').map((c) => c.dueAt)),
    provisional: kind === 'working' && [now, ...dueTimes].some((i) => isProvisional(calendar, i)),
  };
}
