import { chooseAssignee, type AssigneeChoice } from './choose-assignee';
import { hasRotaAt, patternOccurrences, ROTA_HORIZON_MS } from './on-duty';
import type { DispatchStep, DutyChoice, Leave, PlaceRota, Shift, WeeklyPattern } from './rota.types';

/** A person who may be chosen, as the index needs them: where they serve and in what role. */
export interface DutyHolder {
  userId: string;
  role: 'grid_worker' | 'grid_leader';
  /** The area of their post (a grid worker's grid; a grid leader's grid or village). */
  areaId: string;
}

export interface RotaSnapshot {
  shifts: readonly Shift[];
  patterns: readonly WeeklyPattern[];
  leaves: readonly Leave[];
  /** In a stable order (by username): the order breaks ties. */
  holders: readonly DutyHolder[];
  /** Open cases per assignee. */
  openCases: ReadonlyMap<string, number>;
}

/** Where and when a person is on duty. */
export interface Duty {
  areaId: string;
  startMs: number | null;
  endMs: number | null;
}

const EMPTY_ROTA: PlaceRota = { shifts: [], patterns: [] };

/**
 * The rota of every grid in memory, so that a report learns its assignee without asking the database
 * (ADR 0006: a report reads nothing before its write). Built from a snapshot; the loads move as cases are
 * dispatched (`assigned`) and settle at the next snapshot.
 */
export class RotaIndex {
  private readonly rotas = new Map<string, { shifts: Shift[]; patterns: WeeklyPattern[] }>();
  /** Departments' rotas, by department id: their staff on duty take the department's cases (ADR 0010 addendum). */
  private readonly departmentRotas = new Map<string, { shifts: Shift[]; patterns: WeeklyPattern[] }>();
  private readonly leavesByUser = new Map<string, Leave[]>();
  private readonly workersByArea = new Map<string, string[]>();
  private readonly leadersByArea = new Map<string, string[]>();
  private readonly loads: Map<string, number>;
  /** The places each person has shifts or patterns in (a person may serve more than one grid). */
  private readonly areasByUser = new Map<string, Set<string>>();

  constructor(snapshot: RotaSnapshot, private readonly chain?: readonly DispatchStep[]) {
    for (const s of snapshot.shifts) if (s.areaId) this.rotaOf(s.areaId, s.userId).shifts.push(s);
    for (const p of snapshot.patterns) if (p.areaId) this.rotaOf(p.areaId, p.userId).patterns.push(p);
    for (const s of snapshot.shifts) if (s.departmentId) departmentRota(this.departmentRotas, s.departmentId).shifts.push(s);
    for (const p of snapshot.patterns) if (p.departmentId) departmentRota(this.departmentRotas, p.departmentId).patterns.push(p);
    for (const l of snapshot.leaves) push(this.leavesByUser, l.userId, l);
    for (const h of snapshot.holders) push(h.role === 'grid_worker' ? this.workersByArea : this.leadersByArea, h.areaId, h.userId);
    this.loads = new Map(snapshot.openCases);
  }

  private rotaOf(areaId: string, userId: string): { shifts: Shift[]; patterns: WeeklyPattern[] } {
    let areas = this.areasByUser.get(userId);
    if (!areas) this.areasByUser.set(userId, (areas = new Set()));
    areas.add(areaId);
    let rota = this.rotas.get(areaId);
    if (!rota) this.rotas.set(areaId, (rota = { shifts: [], patterns: [] }));
    return rota;
  }

  /** The assignee of a new case in the grid at the end of `areaPath` ([district, zone, village, grid]). */
  pick(areaPath: readonly string[], atMs: number): AssigneeChoice {
    const gridId = areaPath[areaPath.length - 1];
    const workers = this.workersByArea.get(gridId) ?? [];
    const leaders: string[] = [];
    for (let i = areaPath.length - 1; i >= 0; i--) leaders.push(...(this.leadersByArea.get(areaPath[i]) ?? []));
    const leaves: Leave[] = [];
    for (const id of [...workers, ...leaders]) leaves.push(...(this.leavesByUser.get(id) ?? []));
    const rota = this.rotas.get(gridId) ?? EMPTY_ROTA;
    for (const s of rota.shifts) if (s.startMs <= atMs && atMs < s.endMs) leaves.push(...(this.leavesByUser.get(s.userId) ?? []));
    for (const p of rota.patterns) leaves.push(...(this.leavesByUser.get(p.userId) ?? []));
    return chooseAssignee({ atMs, rota, leaves, workers, leaders, openCases: (id) => this.loads.get(id) ?? 0, ...(this.chain ? { chain: this.chain } : {}) });
  }

  /**
   * The staff member on duty in each department keeping a rota, by department id: the one on duty (several: the
   * least loaded), else the substitute of one on leave. A department keeping no rota, or with nobody on duty and no
   * substitute, is absent: its cases go to the department as a whole, as before. Grid leaders play no part.
   */
  departmentOnDuty(atMs: number, only?: readonly string[]): Record<string, DutyChoice> {
    const chosen: Record<string, DutyChoice> = {};
    for (const departmentId of only ?? this.departmentRotas.keys()) {
      const choice = this.pickDepartment(departmentId, atMs);
      if (choice.userId && choice.rule) chosen[departmentId] = { userId: choice.userId, rule: choice.rule };
    }
    return chosen;
  }

  /** The staff member a department's case would go to at the instant (see `departmentOnDuty`), with who is on duty. */
  pickDepartment(departmentId: string, atMs: number): AssigneeChoice {
    const rota = this.departmentRotas.get(departmentId) ?? EMPTY_ROTA;
    // Without a rota nobody stands for the department: workers: [] keeps chooseAssignee from putting anyone on duty.
    const people = new Set([...rota.shifts, ...rota.patterns].map((e) => e.userId));
    const leaves = [...people].flatMap((id) => this.leavesByUser.get(id) ?? []);
    return chooseAssignee({ atMs, rota, leaves, workers: [], leaders: [], openCases: (id) => this.loads.get(id) ?? 0, ...(this.chain ? { chain: this.chain } : {}) });
  }

  /**
   * The grid a person is on duty in at the instant, or will be within `earlyMs` (a check-in a little before the
   * shift): a shift or pattern of theirs, or, for a worker of a grid keeping no rota, their own grid all day.
   * `startMs`/`endMs` are null for the latter.
   */
  dutyOf(userId: string, atMs: number, earlyMs = 0): Duty | null {
    for (const areaId of this.areasByUser.get(userId) ?? []) {
      const rota = this.rotas.get(areaId) as PlaceRota;
      for (const s of rota.shifts) if (s.userId === userId && s.startMs - earlyMs <= atMs && atMs < s.endMs) return { areaId, startMs: s.startMs, endMs: s.endMs };
      for (const p of rota.patterns) {
        if (p.userId !== userId) continue;
        const span = patternOccurrences(p, atMs, atMs + earlyMs + 1).find(([start, end]) => start - earlyMs <= atMs && atMs < end);
        if (span) return { areaId, startMs: span[0], endMs: span[1] };
      }
    }
    for (const [areaId, workers] of this.workersByArea) {
      if (workers.includes(userId) && !hasRotaAt(this.rotas.get(areaId) ?? EMPTY_ROTA, atMs)) return { areaId, startMs: null, endMs: null };
    }
    return null;
  }

  /** A case was given to the person: their load grows until the next snapshot says otherwise. */
  assigned(userId: string): void {
    this.loads.set(userId, (this.loads.get(userId) ?? 0) + 1);
  }
}

/** One-off shifts that can still matter to a choice made from `nowMs` on (the rest stay in the database). */
export function shiftsWorthKeeping(shifts: readonly Shift[], nowMs: number): Shift[] {
  return shifts.filter((s) => s.endMs > nowMs - ROTA_HORIZON_MS);
}

function departmentRota(rotas: Map<string, { shifts: Shift[]; patterns: WeeklyPattern[] }>, departmentId: string): { shifts: Shift[]; patterns: WeeklyPattern[] } {
  let rota = rotas.get(departmentId);
  if (!rota) rotas.set(departmentId, (rota = { shifts: [], patterns: [] }));
  return rota;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
