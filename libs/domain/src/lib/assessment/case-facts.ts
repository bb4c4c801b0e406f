import type { AppealKind, CaseSource, CaseStatus, Priority } from '@grid/contracts';
import type { CaseCategory } from '../case/case-category.types';
import type { CaseEventDraft } from '../case/case-event.types';
import { applyEvent } from '../case/apply-event';
import type { CaseState } from '../case/case-state.types';
import { TERMINAL_STATUSES } from '../case/case-transitions';
import type { WorkCalendar } from '../calendar/work-calendar.types';
import { MS_PER_HOUR, toMs, type Instant } from '../shared/instant.util';
import type { SlaClock } from '../sla/sla-clock';
import { slaOf, type CaseSla } from '../sla/sla-of';
import { DEFAULT_SLA_RULES, type SlaRules } from '../sla/sla-rules';

/** Channels through which residents bring a matter: reported there, the grid's worker missed it (漏报). */
export const RESIDENT_SOURCES: readonly CaseSource[] = ['resident', 'hotline', 'front_desk', 'open311'];

/** A report a person made themselves in the field (not a resident's call they took): it counts for them. */
export const isFieldReport = (fact: Pick<AssessmentCaseFacts, 'reporterId' | 'source'>, personId: string): boolean =>
  fact.reporterId === personId && !RESIDENT_SOURCES.includes(fact.source);

/** A summoned department's part of a case (吹哨报到). */
export interface DepartmentFacts {
  departmentId: string;
  reportedIn: boolean;
  /** When its report-in clock ran (or will run) out; null when it reported in on time. */
  reportInLateAt: Instant | null;
  rating: number | null;
}

/**
 * What the assessment needs of one case, computed from its events alone (`caseFacts`). The "late at"
 * instants say when a clock ran out, or will run out if nothing happens: whether a case counts as overdue
 * is then decided at query time (`asOf`) without rereading the timeline.
 */
export interface AssessmentCaseFacts {
  caseId: string;
  categoryCode: string;
  /** The category's points (权责清单) at projection time. */
  categoryPoints: number;
  priority: Priority;
  source: CaseSource;
  status: CaseStatus;
  /** [district, zone, village, grid]. */
  areaPath: readonly string[];
  reporterId: string | null;
  /** Who completed the handling last, else who has it now. */
  handlerId: string | null;
  /** The grid's worker on duty when it was reported (the route's assignee or verifier). */
  gridWorkerId: string | null;
  /** Departments the case was dispatched to or summoned (the cases "their department is on"). */
  departmentIds: string[];
  reportedAt: Instant;
  selfHandled: boolean;
  registered: boolean;
  dispatched: boolean;
  accepted: boolean;
  /** Completed at least once (or self-handled). */
  handled: boolean;
  closed: boolean;
  /** Not merged into another case, and registered or self-handled (a valid report earns points). */
  validReport: boolean;
  acceptLateAt: Instant | null;
  handleLateAt: Instant | null;
  /** The whole case's clock; null for rejected and cancelled cases. */
  caseLateAt: Instant | null;
  /** When any clock of the case ran (or will run) out: the case is overdue from then on. */
  overdueAt: Instant | null;
  /**
   * Who held the case when it first went overdue (`overdueAt`; a clock still running: who holds it now): the
   * person and the department the overdue is charged to (`holderOf`); null when the command held it (waiting
   * for registration or a re-dispatch).
   */
  overdueHolderId: string | null;
  overdueDepartmentId: string | null;
  /** Who held the case when its handling clock ran (or will run) out (`handleLateAt`): its lateness is theirs. */
  handleLateHolderId: string | null;
  handleLateDepartmentId: string | null;
  /** Since when the case is suspended (挂账), while it is open and suspended now; null otherwise. */
  suspendedSince: Instant | null;
  acceptedAt: Instant | null;
  handledAt: Instant | null;
  closedAt: Instant | null;
  reworked: boolean;
  reworkedAt: Instant | null;
  responseHours: number | null;
  handlingHours: number | null;
  rating: number | null;
  missedReport: boolean;
  whistled: boolean;
  departments: DepartmentFacts[];
  /** Attributions waived by upheld appeals. */
  waived: AppealKind[];
}

/** When a clock ran out or, still running, will run out; null when it stopped within its limit or waits (paused). */
function lateAt(clock: SlaClock | null): Instant | null {
  if (!clock) return null;
  if (clock.state === 'overdue') return clock.dueAt ?? clock.startedAt;
  return clock.phase === 'running' ? clock.dueAt : null;
}

/** Who holds a case in a state: a step's lateness is charged to them (ADR 0021). */
export interface CaseHolder {
  personId: string | null;
  departmentId: string | null;
}

const NOBODY: CaseHolder = { personId: null, departmentId: null };
const IN_HAND: readonly CaseStatus[] = ['dispatched', 'accepted', 'in_progress'];

/**
 * The holder of a case in a state: a dispatched case its unit (a department, when dispatched to one) and its
 * person; a handled case awaiting verification its verifier; a case waiting for registration or (re-)dispatch
 * the command, which is nobody's post (the area's figures carry it, as they carry every case of theirs).
 */
export function holderOf(state: Pick<CaseState, 'status' | 'assigneeId' | 'verifierId' | 'unit'>): CaseHolder {
  if (state.status === 'handled') return { personId: state.verifierId, departmentId: null };
  if (!IN_HAND.includes(state.status)) return NOBODY;
  return { personId: state.assigneeId, departmentId: state.unit?.level === 'department' ? state.unit.departmentId : null };
}

/** The holder at an instant, from the holders after each event (the last one for an instant after them, or none). */
function holderAt(holders: readonly { at: number; holder: CaseHolder }[], instant: Instant | null): CaseHolder {
  const ms = instant === null ? Number.POSITIVE_INFINITY : toMs(instant);
  let found = NOBODY;
  for (const h of holders) {
    if (h.at > ms) break;
    found = h.holder;
  }
  return found;
}

const hoursBetween = (from: Instant | null, to: Instant | null) => (from && to ? (toMs(to) - toMs(from)) / MS_PER_HOUR : null);
const firstAt = (events: readonly CaseEventDraft[], kinds: readonly CaseEventDraft['kind'][]) => events.find((e) => kinds.includes(e.kind))?.at ?? null;
const earliest = (instants: (Instant | null)[]) => instants.filter((i): i is Instant => i !== null).sort()[0] ?? null;

/**
 * The assessment facts of a case from its events, its category and the calendar, as of `now`. An upheld
 * appeal waives an attribution: `overdue` clears every late clock, `rework` the rework, `missed_report`
 * the missed report. `sla`: the case's SLA as of `now` under `rules`, when the caller has computed it already
 * (a new report has, for its row).
 */
export function caseFacts(
  caseId: string,
  events: readonly CaseEventDraft[],
  category: Pick<CaseCategory, 'clock' | 'timeLimits'> & { points: number },
  calendar: WorkCalendar,
  now: Instant,
  waived: readonly AppealKind[] = [],
  rules: SlaRules = DEFAULT_SLA_RULES,
  sla: CaseSla = slaOf(events, category, calendar, now, rules),
): AssessmentCaseFacts {
  if (events.length === 0) throw new RangeError('a case has at least its reported event');
  // The fold of the timeline, noting who held the case after each event.
  const holders: { at: number; holder: CaseHolder }[] = [];
  let folded: CaseState | null = null;
  for (const e of events) {
    folded = applyEvent(folded, e);
    holders.push({ at: toMs(e.at), holder: holderOf(folded) });
  }
  const state = folded as CaseState;
  const reported = events[0];
  const route = reported.kind === 'reported' ? reported.data.route : null;
  const terminal = TERMINAL_STATUSES.includes(state.status);
  const ended = terminal && state.status !== 'closed';
  const noOverdue = waived.includes('overdue');
  const late = (clock: SlaClock | null) => (noOverdue ? null : lateAt(clock));

  const handledAt = firstAt(events, ['completed', 'self_handled']);
  const registeredAt = firstAt(events, ['registered']);
  const acceptedAt = firstAt(events, ['accepted']);
  const reworkedAt = waived.includes('rework') ? null : firstAt(events, ['rework']);
  const merged = events.some((e) => e.kind === 'merged');
  const gridWorkerId = route ? (route.assigneeId ?? route.verifierId) : null;
  const departmentIds = new Set<string>();
  for (const e of events) {
    if (e.kind === 'dispatched' && e.data.unit.level === 'department') departmentIds.add(e.data.unit.departmentId);
    if (e.kind === 'whistled') for (const d of e.data.departments) departmentIds.add(d.departmentId);
  }
  const deptSla = new Map(sla.departments.map((d) => [d.departmentId, d]));
  const caseLateAt = ended ? null : late(sla.clocks.case);
  const running = Object.values(sla.clocks).map((c) => (c && c.phase === 'running' ? late(c) : null));
  const overdueAt = ended || noOverdue ? null : earliest([sla.overdueAt, ...running]);
  const handleLateAt = ended ? null : late(sla.clocks.handle);
  const overdueHolder = holderAt(holders, overdueAt);
  const handleLateHolder = holderAt(holders, handleLateAt);
  const suspendedAt = state.suspended && !terminal ? [...events].reverse().find((e) => e.kind === 'suspended')?.at ?? null : null;

  return {
    caseId,
    categoryCode: state.categoryCode,
    categoryPoints: category.points,
    priority: state.priority,
    source: state.source,
    status: state.status,
    areaPath: [...state.areaPath],
    reporterId: state.reporterId,
    handlerId: state.handledBy ?? state.assigneeId,
    gridWorkerId,
    departmentIds: [...departmentIds],
    reportedAt: state.reportedAt,
    selfHandled: state.flags.selfHandled,
    registered: registeredAt !== null,
    dispatched: events.some((e) => e.kind === 'dispatched'),
    accepted: acceptedAt !== null,
    handled: handledAt !== null,
    closed: state.status === 'closed',
    validReport: !merged && state.status !== 'rejected' && (registeredAt !== null || state.flags.selfHandled),
    acceptLateAt: ended ? null : late(sla.clocks.accept),
    handleLateAt,
    caseLateAt,
    overdueAt,
    overdueHolderId: overdueHolder.personId,
    overdueDepartmentId: overdueHolder.departmentId,
    handleLateHolderId: handleLateHolder.personId,
    handleLateDepartmentId: handleLateHolder.departmentId,
    suspendedSince: suspendedAt,
    acceptedAt,
    handledAt,
    closedAt: state.closedAt,
    reworked: reworkedAt !== null,
    reworkedAt,
    responseHours: hoursBetween(state.reportedAt, acceptedAt),
    handlingHours: state.flags.selfHandled ? null : hoursBetween(registeredAt, handledAt),
    rating: state.rating,
    missedReport: RESIDENT_SOURCES.includes(state.source) && !merged && gridWorkerId !== null && !waived.includes('missed_report'),
    whistled: state.coHandlers.length > 0,
    departments: state.coHandlers.map((c) => ({
      departmentId: c.departmentId,
      reportedIn: c.reportedInAt !== null,
      reportInLateAt: ended ? null : late(deptSla.get(c.departmentId)?.reportIn ?? null),
      rating: c.rating,
    })),
    waived: [...waived],
  };
}
