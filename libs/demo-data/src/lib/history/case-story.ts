import type { ClockKind, Priority, WhistleKind } from '@grid/contracts';
import {
  areaUnit,
  clockKindOf,
  TERMINAL_STATUSES,
  timeLimitOf,
  toMs,
  unitAbove,
  type Actor,
  type AreaPath,
  type CaseEventDraft,
  type CaseState,
  type HandlingUnit,
} from '@grid/domain';
import { CaseRun, type Duty } from './case-run';
import type { CaseSpec } from './case-specs';
import { chance, fromTable, logNormal, streamOf, uniform, type Random } from './history-random';
import type { Roster } from './history-roster';
import { parentOf, progressNote, REASONS, resultOf, say } from './history-texts';
import type { HistoryInput } from './simulate-history';
import type { WorkClock } from './work-clock';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A member of the public acting through the case's tracking token (verifies, rates). */
const RESIDENT: Actor = { id: 'resident', role: 'resident', areaId: null, areaPath: [], departmentId: null };
const RESIDENT_CHANNELS = ['hotline', 'front_desk', 'resident'];

/** Departments a zone summons besides the owner, by the category's parent code. */
const CO_HANDLERS: Readonly<Record<string, readonly string[]>> = {
  emergency: ['yjgl', 'pcs', 'zj'],
  dispute: ['mz', 'pcs', 'zrzy'],
  petition: ['mz', 'pcs'],
  construction: ['zhzf', 'zj', 'zrzy'],
  ecology: ['sthj', 'zhzf'],
  safety: ['yjgl', 'zj'],
  livelihood: ['mz', 'zj'],
  city: ['zhzf', 'zj'],
  street: ['zhzf', 'scjg'],
  order: ['pcs'],
  special: ['pcs', 'mz'],
};

/** What will happen to the case, drawn once when it is reported. */
interface Plan {
  /** The share of the handling limit the work takes, before the handler's own pace. */
  effort: number;
  reworks: number;
  returns: number;
  returnWhen: 'dispatched' | 'accepted';
  escalations: number;
  /** Summon departments once the case sits at a zone or the district (or is an emergency). */
  whistle: boolean;
  extension: boolean;
  suspension: 'none' | 'resumed' | 'kept';
  cancel: boolean;
}

/** The median share of the handling limit the work takes: street matters are quick, the rest take longer. */
const EFFORT: Readonly<Record<string, number>> = { street: 0.15, city: 0.2 };

function planOf(random: Random, categoryCode: string, priority: Priority): Plan {
  const parent = parentOf(categoryCode);
  // An emergency is neither put on hold nor extended: it is dealt with.
  const routine = priority !== 'emergency' && parent !== 'emergency';
  return {
    effort: logNormal(random, EFFORT[parent] ?? 0.3, 0.7),
    reworks: chance(random, 0.085) ? (chance(random, 0.12) ? 2 : 1) : 0,
    // Own reports are never returned, so this is about 5% of all cases.
    returns: chance(random, 0.09) ? 1 : 0,
    returnWhen: chance(random, 0.6) ? 'dispatched' : 'accepted',
    escalations: chance(random, 0.06) ? (chance(random, 0.35) ? 2 : 1) : 0,
    whistle: chance(random, parent === 'emergency' ? 0.85 : 0.6),
    extension: routine && chance(random, 0.035),
    suspension: routine && chance(random, 0.022) ? (chance(random, 0.6) ? 'resumed' : 'kept') : 'none',
    cancel: chance(random, 0.015),
  };
}

/** What every case's story shares: the input, who is who, the calendar's working time. */
export interface HistoryWorld {
  input: HistoryInput;
  roster: Roster;
  workClock: WorkClock;
  nowMs: number;
}

/** The case a duplicate repeats: its reference and its timeline (to know whether it is still open). */
export interface MainCase {
  ref: string;
  events: readonly CaseEventDraft[];
}

/**
 * One case's story from its report to where it stands at `now`: at each status, the plausible next
 * step by the plausible person (the assignee, a member of the unit, its nearest leader, the reporter),
 * after a delay that depends on the priority, the person's pace and their working hours. Returns,
 * escalations, whistles, extensions, suspensions, reworks, cancellations and merges follow the plan.
 */
export class CaseStory {
  private readonly run: CaseRun;
  private readonly random: Random;
  private readonly plan: Plan;
  private readonly clock: ClockKind;
  private readonly path: AreaPath;
  private readonly urgency: number;
  private readonly limit: number;
  private cameFrom: HandlingUnit | null = null;
  private ackDecidedFor: string | null = null;
  private verifierNamed = false;
  private whistled = false;
  private whistler: Actor | null = null;
  private suspensionTried = false;
  private reworkPending = false;
  private hands = 0;
  /** The work took longer than the handling limit (so the resident is less pleased). */
  private late = false;

  constructor(
    private readonly spec: CaseSpec,
    private readonly world: HistoryWorld,
    private readonly main: MainCase | null,
  ) {
    const { input } = world;
    this.random = streamOf(input.seed, `case:${spec.key}`);
    const { category, priority } = spec;
    this.clock = clockKindOf(category, priority);
    this.path = spec.grid.areaPath;
    this.urgency = priority === 'emergency' ? 0.15 : priority === 'urgent' ? 0.5 : 1;
    this.limit = timeLimitOf(category, priority).handleHours;
    this.plan = planOf(this.random, category.code, priority);
    this.run = new CaseRun({
      category,
      context: { category, onDutyWorkerId: spec.grid.workerId, departmentIdByCode: input.departmentIdByCode },
      calendar: input.calendar,
      workClock: world.workClock,
      nowMs: world.nowMs,
      random: this.random,
    });
  }

  play(): CaseRun {
    const { run } = this;
    if (!this.report()) return run;
    if (this.main !== null) this.merge(this.main);
    for (let guard = 0; guard < 80 && !run.stopped; guard++) {
      const state = run.current;
      if (state.status === 'closed') {
        this.rate(state);
        break;
      }
      if (TERMINAL_STATUSES.includes(state.status)) break;
      const before = run.events.length;
      this.next(state);
      if (!run.stopped && run.events.length === before) run.gap(`nothing to do at ${state.status}`);
    }
    return run;
  }

  private next(state: CaseState): void {
    switch (state.status) {
      case 'reported':
        return this.registerOrReject();
      case 'registered':
        return this.dispatch(state);
      case 'dispatched':
        return this.whileDispatched(state);
      case 'accepted':
        return this.whileAccepted(state);
      case 'in_progress':
        return this.work(state);
      case 'handled':
        return this.verifyOrClose(state);
      case 'verified':
        return this.close(state);
      default:
        this.run.gap(`no step from ${state.status}`);
    }
  }

  private report(): boolean {
    const { spec } = this;
    return this.run.act(
      {
        action: 'report',
        source: spec.source,
        priority: spec.priority,
        description: spec.description,
        location: spec.location,
        address: spec.address,
        areaPath: spec.grid.areaPath,
        duplicateCandidateIds: this.main ? [this.main.ref] : [],
      },
      spec.reporter,
      spec.reportedMs,
    );
  }

  /** The command centre merges a second report of the same matter into the first while that one is open. */
  private merge(main: MainCase): void {
    const operator = this.world.roster.operator;
    if (operator === null) return;
    const at = this.run.later(this.run.lastMs, uniform(this.random, 0.1, 0.8), this.dutyOf(operator));
    const status = statusAt(main.events, at);
    if (status === null || TERMINAL_STATUSES.includes(status)) return;
    this.run.act({ action: 'merge', mainCaseId: main.ref, note: say(this.random, REASONS.merge) }, operator, at, { mainCase: { status } });
  }

  /** Only for a category that is not registered automatically: the command centre registers it, or rejects it. */
  private registerOrReject(): void {
    const operator = this.world.roster.operator;
    if (operator === null) return void this.run.gap('no operator to register');
    const at = this.run.later(this.run.lastMs, logNormal(this.random, 0.4, 0.8), this.dutyOf(operator));
    if (chance(this.random, 0.05)) this.run.act({ action: 'reject', note: say(this.random, REASONS.reject) }, operator, at);
    else this.run.act({ action: 'register' }, operator, at);
  }

  /** The leader of the unit where the case is registered dispatches it (again). */
  private dispatch(state: CaseState): void {
    const unit = state.unit;
    const leader = unit === null ? undefined : this.world.roster.leadersOf(this.path, unit)[0];
    if (unit === null || leader === undefined) return void this.run.gap('nobody leads the unit to dispatch');
    const { target, assignee } = this.targetFor(state, unit);
    // What comes back up (a return, an escalation) needs a look and a call before it goes out again;
    // now and then it waits for the next coordination meeting.
    const meeting = this.spec.priority !== 'emergency' && chance(this.random, 0.15);
    const hours = meeting ? uniform(this.random, 4, 14) : logNormal(this.random, 0.7, 0.8) * this.paceOf(leader) * this.urgency;
    const at = this.run.later(this.run.lastMs, hours, this.dutyOf(leader));
    this.run.act({ action: 'dispatch', unit: target, assigneeId: assignee?.id ?? null, note: say(this.random, REASONS.redispatch) }, leader, at);
  }

  /**
   * Where a registered case goes: a grid or a village handles what lands there itself; a zone keeps it
   * or gives it to its owner department; the district sends a returned component to the territory
   * (先属地), and what the territory returns or escalates to the owner department or the zone.
   */
  private targetFor(state: CaseState, unit: HandlingUnit): { target: HandlingUnit; assignee: Actor | null } {
    const owner = state.route.ownerDepartmentId;
    const ownerUnit: HandlingUnit | null = owner !== null && this.world.roster.staffOf(owner) ? { level: 'department', departmentId: owner } : null;
    const to = (target: HandlingUnit) => ({ target, assignee: this.assigneeIn(target) });
    if (unit.level === 'zone') return to(ownerUnit && this.cameFrom?.level !== 'department' && chance(this.random, 0.4) ? ownerUnit : unit);
    if (unit.level !== 'district') return to(unit);
    const from = this.cameFrom?.level;
    if (from === undefined || from === 'department') return to(areaUnit(this.path, 'village'));
    if (from === 'zone') return to(ownerUnit && chance(this.random, 0.5) ? ownerUnit : unit);
    return to(ownerUnit ?? areaUnit(this.path, 'zone'));
  }

  /** Whom a dispatch to a unit names: the grid's on-duty worker, the village cadre, the zone leader; a department as a whole. */
  private assigneeIn(unit: HandlingUnit): Actor | null {
    if (unit.level === 'department') return null;
    if (unit.level === 'grid') return this.world.roster.actor(this.spec.grid.workerId) ?? this.world.roster.membersOf(unit)[0] ?? null;
    return this.world.roster.membersOf(unit)[0] ?? null;
  }

  private whileDispatched(state: CaseState): void {
    const handler = this.handlerOf(state);
    if (this.needsNamedVerifier(state, handler)) return this.nameVerifier(state);
    if (this.plan.cancel) return this.cancel();
    if (state.assigneeId !== null && !state.delivered && this.ackDecidedFor !== state.dispatchedAt) {
      this.ackDecidedFor = state.dispatchedAt;
      // The phone's receipt of the push, seconds later (now and then the phone is off).
      if (handler !== null && chance(this.random, 0.96)) {
        this.run.act({ action: 'acknowledge' }, handler, this.run.lastMs + uniform(this.random, 3, 120) * 1000);
        return;
      }
    }
    if (this.plan.returns > 0 && this.plan.returnWhen === 'dispatched') return this.returnIt(state, handler);
    this.accept(state, handler);
  }

  private whileAccepted(state: CaseState): void {
    const handler = this.handlerOf(state);
    if (handler === null) return void this.run.gap('no assignee to start');
    if (this.plan.returns > 0) return this.returnIt(state, handler);
    // Most set out at once; some plan the visit for later in the day or the next one.
    const later = this.spec.priority === 'normal' && chance(this.random, 0.25);
    const hours = later ? uniform(this.random, 2, 8) : logNormal(this.random, 0.2, 0.8) * this.paceOf(handler) * this.urgency;
    this.run.act({ action: 'start' }, handler, this.run.later(this.run.lastMs, hours, this.dutyOf(handler)));
  }

  /** The assignee, or the first member of the unit when the case went to the unit as a whole. */
  private handlerOf(state: CaseState): Actor | null {
    if (state.assigneeId !== null) return this.world.roster.actor(state.assigneeId);
    return state.unit === null ? null : (this.world.roster.membersOf(state.unit)[0] ?? null);
  }

  /**
   * A worker's own report handled by that worker needs someone else to verify it; where the grid has
   * nobody else, the village names the grid leader (网格长) or itself as verifier before the work starts.
   */
  private needsNamedVerifier(state: CaseState, handler: Actor | null): boolean {
    if (this.verifierNamed || !this.spec.category.requiresVerification || state.unit?.level !== 'grid') return false;
    if (handler === null || handler.id !== state.reporterId || state.verifierId !== null) return false;
    return this.world.roster.membersOf(state.unit).every((m) => m.id === handler.id);
  }

  private nameVerifier(state: CaseState): void {
    this.verifierNamed = true;
    const unit = state.unit as HandlingUnit;
    const leader = this.world.roster.leadersOf(this.path, unit).find((l) => l.id !== state.assigneeId);
    if (leader === undefined) return;
    const verifier = this.world.roster.gridLeadersOn(this.path).find((l) => l.id !== state.assigneeId) ?? leader;
    const at = this.run.later(this.run.lastMs, logNormal(this.random, 0.3, 0.8) * this.paceOf(leader), this.dutyOf(leader));
    this.run.act({ action: 'dispatch', unit, assigneeId: state.assigneeId, verifierId: verifier.id, note: say(this.random, REASONS.namedVerifier) }, leader, at);
  }

  private cancel(): void {
    this.plan.cancel = false;
    const operator = this.world.roster.operator;
    if (operator === null) return;
    const at = this.run.later(this.run.lastMs, logNormal(this.random, 1, 0.8), this.dutyOf(operator));
    this.run.act({ action: 'cancel', note: say(this.random, REASONS.cancel) }, operator, at);
  }

  private returnIt(state: CaseState, handler: Actor | null): void {
    if (handler === null) return void this.run.gap('nobody to return the case');
    this.plan.returns--;
    // Nobody returns their own report as "not ours": they take it on.
    if (handler.id === state.reporterId) return this.plan.returnWhen === 'dispatched' ? this.accept(state, handler) : this.whileAccepted(state);
    this.cameFrom = state.unit;
    const at = this.run.later(this.run.lastMs, logNormal(this.random, 0.5, 0.8) * this.paceOf(handler), this.dutyOf(handler));
    this.run.act({ action: 'return', note: say(this.random, REASONS.return) }, handler, at);
  }

  private accept(state: CaseState, handler: Actor | null): void {
    if (handler === null) return void this.run.gap('nobody to accept');
    this.hands++;
    // A worker accepts their own report on the spot; others when they get to it.
    const own = handler.id === state.reporterId && !this.verifierNamed;
    const at = own
      ? this.run.lastMs + uniform(this.random, 1, 8) * MINUTE
      : this.run.later(this.run.lastMs, logNormal(this.random, 0.22, 0.9) * this.paceOf(handler) * this.urgency, this.dutyOf(handler));
    this.run.act({ action: 'accept' }, handler, at);
  }

  /** One hand's work, from start to completion (or escalation, or a pause), in straight order. */
  private work(state: CaseState): void {
    const handler = this.handlerOf(state);
    if (handler === null) return void this.run.gap('no assignee to work');
    const pace = this.paceOf(handler);
    if (this.reworkPending) return this.redo(handler, pace);
    const firstRegistered = toMs(state.registeredAt ?? state.reportedAt);
    this.late = this.plan.effort * pace > 1;
    let target = this.onClock(firstRegistered, this.limit * this.plan.effort * pace);
    if (this.hands > 1) target = Math.max(target, this.onClock(this.run.lastMs, this.limit * uniform(this.random, 0.1, 0.35) * pace));
    if (this.plan.escalations > 0 && state.unit !== null && unitAbove(this.path, state.unit) !== null) return this.escalate(state, handler, target);
    if (!this.whistled && this.plan.whistle && this.whistleFits(state) && !this.whistle(state)) return;
    if (this.plan.suspension !== 'none' && !this.suspensionTried) {
      target = this.suspend(handler, target);
      if (this.run.stopped) return;
    }
    if (this.plan.extension && this.run.current.extensions.length === 0) {
      target = this.extend(handler, target, firstRegistered);
      if (this.run.stopped) return;
    }
    this.progressNotes(handler, target);
    if (!this.departmentsFinish() || this.run.stopped) return;
    const at = Math.max(target, this.run.later(this.run.lastMs, 0.1 * this.urgency, this.dutyOf(handler)));
    this.run.act({ action: 'complete', note: resultOf(this.random, this.spec.category.code) }, handler, at);
  }

  /** After a rework: a note and the result again, in a fraction of the original time. */
  private redo(handler: Actor, pace: number): void {
    this.reworkPending = false;
    const duty = this.dutyOf(handler);
    if (!this.run.act({ action: 'progress', note: progressNote(this.random, this.spec.category.code) }, handler, this.run.later(this.run.lastMs, logNormal(this.random, 0.5, 0.6) * pace * this.urgency, duty))) return;
    const at = this.onClock(this.run.lastMs, this.limit * uniform(this.random, 0.05, 0.2) * pace);
    this.run.act({ action: 'complete', note: resultOf(this.random, this.spec.category.code) }, handler, at);
  }

  private escalate(state: CaseState, handler: Actor, target: number): void {
    this.plan.escalations--;
    this.cameFrom = state.unit;
    if (chance(this.random, 0.6)) this.run.act({ action: 'progress', note: progressNote(this.random, this.spec.category.code) }, handler, this.between(this.run.lastMs, target, 0.2));
    this.run.act({ action: 'escalate', note: say(this.random, REASONS.escalate) }, handler, this.between(this.run.lastMs, target, 0.3));
  }

  private whistleFits(state: CaseState): boolean {
    const level = state.unit?.level;
    return level === 'zone' || level === 'district' || this.spec.category.code.startsWith('emergency.');
  }

  /** The zone leader (the command centre for the district) summons departments; they report in. */
  private whistle(state: CaseState): boolean {
    this.whistled = true;
    const whistler = state.unit?.level === 'district' ? this.world.roster.operator : (this.world.roster.areaLeaderAt(this.path, 'zone') ?? this.world.roster.operator);
    const departments = this.departmentsToSummon(state);
    if (whistler === null || departments.length === 0) return true;
    const kind: WhistleKind = this.spec.priority === 'emergency' ? 'emergency' : state.flags.escalationCount > 0 ? 'tough' : 'routine';
    const reportInHours = { emergency: 0.5, tough: 1, routine: 2 }[kind];
    const handleHours = Math.max(1, Math.round(this.limit * 0.6));
    const at = this.run.later(this.run.lastMs, logNormal(this.random, 0.3, 0.7) * this.urgency, this.dutyOf(whistler));
    const summoned = departments.map((departmentId, i) => ({ departmentId, lead: i === 0, reportInHours, handleHours }));
    if (!this.run.act({ action: 'whistle', whistleKind: kind, departments: summoned, note: say(this.random, REASONS.whistle) }, whistler, at)) return false;
    this.whistler = whistler;
    const whistledAt = this.run.lastMs;
    const arrivals = departments
      .map((id) => ({ id, staff: this.world.roster.staffOf(id) as Actor }))
      .map((d) => ({ ...d, at: this.run.later(whistledAt, reportInHours * uniform(this.random, 0.15, 0.95) * this.paceOf(d.staff), this.dutyOf(d.staff)) }))
      .sort((a, b) => a.at - b.at);
    return arrivals.every((d) => this.run.act({ action: 'report_in', note: say(this.random, REASONS.reportIn) }, d.staff, d.at));
  }

  /** The owner department leads, with one or two related departments; only departments with staff. */
  private departmentsToSummon(state: CaseState): string[] {
    const related = (CO_HANDLERS[this.spec.category.code.split('.')[0]] ?? []).map((code) => this.world.input.departmentIdByCode[code]);
    const handling = state.unit?.level === 'department' ? state.unit.departmentId : null;
    const candidates = [state.route.ownerDepartmentId, ...related].filter(
      (id, i, all): id is string => !!id && all.indexOf(id) === i && id !== handling && this.world.roster.staffOf(id) !== null,
    );
    return candidates.slice(0, this.spec.priority === 'emergency' ? 3 : chance(this.random, 0.5) ? 1 : 2);
  }

  /** Each summoned department completes its part (after reporting in); the summoning unit rates it. */
  private departmentsFinish(): boolean {
    for (const c of this.run.current.coHandlers.filter((x) => x.status !== 'completed')) {
      const staff = this.world.roster.staffOf(c.departmentId);
      if (staff === null) return this.run.gap('a summoned department has no staff');
      const duty = this.dutyOf(staff);
      if (c.status === 'summoned' && !this.run.act({ action: 'report_in', note: say(this.random, REASONS.reportIn) }, staff, this.run.later(this.run.lastMs, 0.2, duty))) return false;
      const at = this.run.later(this.run.lastMs, c.handleHours * uniform(this.random, 0.15, 0.7) * this.paceOf(staff), duty);
      if (!this.run.act({ action: 'dept_complete', note: say(this.random, REASONS.deptComplete) }, staff, at)) return false;
    }
    const rater = this.whistler;
    if (rater === null) return true;
    for (const c of this.run.current.coHandlers.filter((x) => x.rating === null)) {
      const score = fromTable(this.random, [[5, 50], [4, 35], [3, 12], [2, 3]] as const);
      const at = this.run.later(this.run.lastMs, logNormal(this.random, 0.4, 0.7), this.dutyOf(rater));
      if (!this.run.act({ action: 'rate_department', departmentId: c.departmentId, score }, rater, at)) return false;
    }
    return true;
  }

  /** 挂账: asked for, approved by a leader; resumed days later, or still on hold at `now`. Returns the shifted target. */
  private suspend(handler: Actor, target: number): number {
    this.suspensionTried = true;
    const leader = this.leaderBesides(handler);
    if (leader === null) return target;
    if (!this.run.act({ action: 'request_suspension', note: say(this.random, REASONS.suspension) }, handler, this.between(this.run.lastMs, target, 0.35))) return target;
    const decideAt = this.run.later(this.run.lastMs, logNormal(this.random, 1, 0.8) * this.paceOf(leader), this.dutyOf(leader));
    if (!this.run.act({ action: 'approve_suspension', note: say(this.random, REASONS.approve) }, leader, decideAt)) return target;
    const pausedAt = this.run.lastMs;
    const left = this.clockHours(pausedAt, Math.max(target, pausedAt));
    if (this.plan.suspension === 'kept') {
      this.run.act({ action: 'progress', note: progressNote(this.random, this.spec.category.code) }, handler, this.run.later(pausedAt + uniform(this.random, 3, 15) * DAY, 0.5, this.dutyOf(handler)));
      this.run.stop();
      return target;
    }
    const resumeAt = this.run.later(pausedAt + uniform(this.random, 2, 20) * DAY, 0.5, this.dutyOf(handler));
    if (!this.run.act({ action: 'resume', note: say(this.random, REASONS.resume) }, handler, resumeAt)) return target;
    return this.onClock(this.run.lastMs, left);
  }

  /** 延期: asked for midway, approved by a leader; the work then takes most of the extended limit. */
  private extend(handler: Actor, target: number, firstRegistered: number): number {
    const leader = this.leaderBesides(handler);
    if (leader === null) return target;
    const hours = Math.min(this.limit, Math.max(0.5, Math.round(this.limit * uniform(this.random, 0.3, 0.8))));
    if (!this.run.act({ action: 'request_extension', hours, note: say(this.random, REASONS.extension) }, handler, this.between(this.run.lastMs, target, 0.5))) return target;
    const decideAt = this.run.later(this.run.lastMs, logNormal(this.random, 0.8, 0.8) * this.paceOf(leader), this.dutyOf(leader));
    if (!this.run.act({ action: 'approve_extension', note: say(this.random, REASONS.approve) }, leader, decideAt)) return target;
    return Math.max(this.run.lastMs, this.onClock(firstRegistered, (this.limit + hours) * uniform(this.random, 0.75, 0.97)));
  }

  /** Progress notes on the way: more for longer work. */
  private progressNotes(handler: Actor, target: number): void {
    const hours = this.clockHours(this.run.lastMs, target);
    const count = hours > 16 ? 2 : hours > 4 ? 1 : chance(this.random, 0.3) ? 1 : 0;
    for (let k = 1; k <= count && !this.run.stopped; k++) {
      this.run.act({ action: 'progress', note: progressNote(this.random, this.spec.category.code) }, handler, this.between(this.run.lastMs, target, k / (count + 1)));
    }
  }

  private verifyOrClose(state: CaseState): void {
    if (!this.spec.category.requiresVerification) return this.close(state);
    const verifier = this.verifierFor(state);
    if (verifier === null) return void this.run.gap('nobody may verify');
    const median = this.spec.priority === 'emergency' ? 0.3 : this.spec.priority === 'urgent' ? 0.8 : 1.5;
    const at = this.run.later(this.run.lastMs, logNormal(this.random, median, 0.7) * this.paceOf(verifier), this.dutyOf(verifier));
    if (this.plan.reworks > 0) {
      this.plan.reworks--;
      this.reworkPending = true;
      this.run.act({ action: 'rework', note: say(this.random, REASONS.rework) }, verifier, at);
      return;
    }
    const how = verifier.role === 'resident' ? REASONS.verifyByResident : verifier.role === 'operator' || verifier.role === 'admin' ? REASONS.verifyByPhone : REASONS.verifyOnSite;
    this.run.act({ action: 'verify', note: say(this.random, how) }, verifier, at);
  }

  /**
   * Who checks the result, never the handler: for a resident's call, the command centre calls back
   * (the operator took the call) or the grid's worker goes to see; otherwise the verifier named at
   * dispatch, the reporter, a worker of the grid; the resident through the tracking link last.
   */
  private verifierFor(state: CaseState): Actor | null {
    const fit = (a: Actor | null): a is Actor => a !== null && a.id !== state.handledBy;
    const named = this.world.roster.actor(state.verifierId);
    const reporter = this.world.roster.actor(state.reporterId);
    const inGrid = this.world.roster.membersOf(areaUnit(this.path, 'grid')).find(fit) ?? null;
    const byResident = RESIDENT_CHANNELS.includes(state.source);
    const order = byResident ? (chance(this.random, 0.6) ? [reporter, inGrid, named] : [inGrid, reporter, named]) : [named, reporter, inGrid];
    return order.find(fit) ?? (byResident && !this.spec.category.sensitive ? RESIDENT : null);
  }

  /** 结案: the command centre about half the time, else the nearest leader of the handling unit. */
  private close(state: CaseState): void {
    const operator = this.world.roster.operator;
    const leader = state.unit === null ? null : (this.world.roster.leadersOf(this.path, state.unit).find((l) => l.id !== state.handledBy) ?? null);
    const closer = chance(this.random, 0.55) ? (operator ?? leader) : (leader ?? operator);
    if (closer === null) return void this.run.gap('nobody to close');
    const at = this.run.later(this.run.lastMs, logNormal(this.random, 0.7, 0.8) * this.paceOf(closer) * this.urgency, this.dutyOf(closer));
    this.run.act({ action: 'close', note: say(this.random, REASONS.close) }, closer, at);
  }

  /** Residents rate most closed calls; a reporting worker rates others' work now and then. Worse after a rework or a delay. */
  private rate(state: CaseState): void {
    const reporter = this.world.roster.actor(state.reporterId);
    // A resident rates through the public tracking link, which a sensitive matter does not get.
    const byResident = RESIDENT_CHANNELS.includes(state.source) && !this.spec.category.sensitive;
    const rater = byResident ? (chance(this.random, 0.7) ? RESIDENT : null) : reporter && reporter.id !== state.handledBy && chance(this.random, 0.35) ? reporter : null;
    if (rater === null) return;
    const troubled = state.flags.reworkCount > 0 || state.flags.escalationCount > 0 || this.late;
    const table = troubled ? ([[5, 20], [4, 35], [3, 27], [2, 11], [1, 7]] as const) : ([[5, 62], [4, 28], [3, 7], [2, 2], [1, 1]] as const);
    const at = this.run.later(this.run.lastMs, uniform(this.random, 0.3, 30), 'day');
    this.run.act({ action: 'rate', score: fromTable(this.random, table) }, rater, at);
  }

  private leaderBesides(actor: Actor): Actor | null {
    const unit = this.run.current.unit;
    return unit === null ? null : (this.world.roster.leadersOf(this.path, unit).find((l) => l.id !== actor.id) ?? null);
  }

  private dutyOf(actor: Actor): Duty {
    if (this.clock === 'calendar') return 'any';
    return actor.role === 'operator' || actor.role === 'admin' || actor.role === 'resident' ? 'day' : 'office';
  }

  private paceOf(actor: Actor): number {
    return this.world.roster.paceOf(actor.role === 'resident' ? null : actor.id);
  }

  /** `hours` of the case's clock after `fromMs` (working hours, or plain hours for calendar categories and emergencies). */
  private onClock(fromMs: number, hours: number): number {
    return this.run.onClock(fromMs, hours, this.clock);
  }

  private clockHours(fromMs: number, toMs: number): number {
    return this.run.clockHours(fromMs, toMs, this.clock);
  }

  /** The point `fraction` of the way (on the case's clock) from one instant to another. */
  private between(fromMs: number, toMs: number, fraction: number): number {
    return this.onClock(fromMs, this.clockHours(fromMs, toMs) * fraction);
  }
}

/** The status a case had at an instant (null before it existed). */
function statusAt(events: readonly CaseEventDraft[], ms: number): CaseState['status'] | null {
  let status: CaseState['status'] | null = null;
  for (const e of events) {
    if (toMs(e.at) > ms) break;
    status = e.toStatus;
  }
  return status;
}
