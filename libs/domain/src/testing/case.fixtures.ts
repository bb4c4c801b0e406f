import type { TimeLimit } from '@grid/contracts';
import type { Actor } from '../lib/case/actor.types';
import type { CaseCategory } from '../lib/case/case-category.types';
import type { CaseCommand, CaseCommandOf } from '../lib/case/case-command.types';
import type { CaseEventDraft } from '../lib/case/case-event.types';
import type { CaseState } from '../lib/case/case-state.types';
import type { DecisionContext } from '../lib/case/decision.types';
import { decide } from '../lib/case/decide';
import type { AreaPath } from '../lib/case/handling-unit.types';

/** A small territory: district d1 › zone z1 › village v1 › grids g1, g2; and z2 › v2 › g3 elsewhere. */
export const PATH: AreaPath = ['d1', 'z1', 'v1', 'g1'];
export const OTHER_ZONE_PATH: AreaPath = ['d1', 'z2', 'v2', 'g3'];
export const DEPT = { zhzf: 'dep-zhzf', scjg: 'dep-scjg', zj: 'dep-zj' } as const;

const actor = (id: string, role: Actor['role'], areaPath: readonly string[], departmentId: string | null = null): Actor => ({
  id,
  role,
  areaId: areaPath.at(-1) ?? null,
  areaPath,
  departmentId,
});

export const A = {
  worker: actor('u-gw', 'grid_worker', PATH),
  /** Another worker of g1: the reporter in most scenarios. */
  worker2: actor('u-gw2', 'grid_worker', PATH),
  gridLeader: actor('u-gl', 'grid_leader', PATH),
  otherGridWorker: actor('u-gw-g2', 'grid_worker', ['d1', 'z1', 'v1', 'g2']),
  otherGridLeader: actor('u-gl-g2', 'grid_leader', ['d1', 'z1', 'v1', 'g2']),
  villageCadre: actor('u-vc', 'village_cadre', ['d1', 'z1', 'v1']),
  otherVillageCadre: actor('u-vc2', 'village_cadre', ['d1', 'z2', 'v2']),
  zoneLeader: actor('u-zl', 'zone_leader', ['d1', 'z1']),
  otherZoneLeader: actor('u-zl2', 'zone_leader', ['d1', 'z2']),
  deptStaff: actor('u-ds', 'dept_staff', [], DEPT.zhzf),
  deptHead: actor('u-dh', 'dept_head', [], DEPT.zhzf),
  otherDeptStaff: actor('u-ds2', 'dept_staff', [], DEPT.scjg),
  zjStaff: actor('u-zj', 'dept_staff', [], DEPT.zj),
  zjHead: actor('u-zjh', 'dept_head', [], DEPT.zj),
  operator: actor('u-op', 'operator', ['d1']),
  admin: actor('u-admin', 'admin', []),
  assessor: actor('u-as', 'assessor', ['d1']),
  resident: actor('resident:token', 'resident', []),
} as const;

const hours = (acceptHours: number, handleHours: number): TimeLimit => ({ acceptHours, handleHours });

/** A territory-first category handled by the grid (its owner, 综合执法, may be summoned). */
export const CITY: CaseCategory = {
  code: 'city.litter',
  handlingLevel: 'grid',
  departmentCode: 'zhzf',
  clock: 'working',
  timeLimits: { normal: hours(2, 40), urgent: hours(1, 8), emergency: hours(0.5, 4) },
  requiresVerification: true,
};
/** A facility (部件) owned by 住建: owner first, the grid worker verifies. */
export const FACILITY: CaseCategory = { ...CITY, code: 'city.facility', handlingLevel: 'department', departmentCode: 'zj' };
/** A minor matter that needs no verification. */
export const MINOR: CaseCategory = { ...CITY, code: 'service.minor', departmentCode: null, requiresVerification: false };

export const contextFor = (category: CaseCategory = CITY, extra: Partial<DecisionContext> = {}): DecisionContext => ({
  category,
  onDutyWorkerId: A.worker.id,
  departmentIdByCode: { zhzf: DEPT.zhzf, scjg: DEPT.scjg, zj: DEPT.zj },
  ...extra,
});

/** Monday 23 November 2026, 09:00 in Shanghai; `at(n)` is n minutes later. */
export const T0 = '2026-11-23T01:00:00.000Z';
export const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

export const reportCommand = (extra: Partial<CaseCommandOf<'report'>> = {}): CaseCommandOf<'report'> => ({
  action: 'report',
  source: 'grid_report',
  location: { lat: 32.7, lng: 108.9 },
  areaPath: PATH,
  description: 'rubbish heap by the school gate',
  ...extra,
});

export type Step = readonly [command: CaseCommand, by: Actor, context?: DecisionContext];

export interface Scenario {
  state: CaseState;
  events: CaseEventDraft[];
}

/** Runs timed steps through `decide`; throws on the first refusal. */
export function runAt(steps: readonly (readonly [at: string, ...step: Step])[], from: Scenario | null = null): Scenario {
  let state = from?.state ?? null;
  const events = [...(from?.events ?? [])];
  for (const [when, command, by, context] of steps) {
    const decision = decide(state, command, by, when, context ?? contextFor());
    if (!decision.ok) throw new Error(`${command.action} by ${by.id} refused: ${decision.refusal.code} ${decision.refusal.message}`);
    events.push(...decision.events);
    state = decision.next;
  }
  if (state === null) throw new Error('no steps');
  return { state, events };
}

/** Runs steps one minute apart, from T0 or a minute after the scenario's last event. */
export function run(steps: readonly Step[], from: Scenario | null = null): Scenario {
  const first = from ? (Date.parse(from.state.lastEventAt) - Date.parse(T0)) / 60_000 + 1 : 0;
  return runAt(
    steps.map((step, i) => [at(first + i), ...step] as const),
    from,
  );
}

const note = (text: string) => ({ note: text });

/** The steps that bring a fresh case reported by worker2 in g1 to each status. */
export const TO_STATUS = {
  reported: [[reportCommand(), A.worker2, contextFor({ ...CITY, autoRegister: false })]],
  registered: [[reportCommand(), A.worker2, contextFor({ ...CITY, autoDispatch: false })]],
  dispatched: [[reportCommand(), A.worker2]],
  accepted: [[reportCommand(), A.worker2], [{ action: 'accept' }, A.worker]],
  in_progress: [
    [reportCommand(), A.worker2],
    [{ action: 'accept' }, A.worker],
    [{ action: 'start' }, A.worker],
  ],
  handled: [
    [reportCommand(), A.worker2],
    [{ action: 'accept' }, A.worker],
    [{ action: 'start' }, A.worker],
    [{ action: 'complete', ...note('cleared'), photoIds: ['p1'] }, A.worker],
  ],
  verified: [
    [reportCommand(), A.worker2],
    [{ action: 'accept' }, A.worker],
    [{ action: 'start' }, A.worker],
    [{ action: 'complete', ...note('cleared') }, A.worker],
    [{ action: 'verify' }, A.worker2],
  ],
  closed: [
    [reportCommand(), A.worker2],
    [{ action: 'accept' }, A.worker],
    [{ action: 'start' }, A.worker],
    [{ action: 'complete', ...note('cleared') }, A.worker],
    [{ action: 'verify' }, A.worker2],
    [{ action: 'close' }, A.operator],
  ],
  rejected: [[reportCommand(), A.worker2, contextFor({ ...CITY, autoRegister: false })], [{ action: 'reject', ...note('not our matter') }, A.operator]],
  cancelled: [[reportCommand(), A.worker2, contextFor({ ...CITY, autoRegister: false })], [{ action: 'cancel', ...note('reported twice') }, A.operator]],
} as const satisfies Record<CaseState['status'], readonly Step[]>;

export const caseIn = (status: CaseState['status']): Scenario => run(TO_STATUS[status]);
