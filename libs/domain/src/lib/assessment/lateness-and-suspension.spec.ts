import { A, CITY, reportCommand, runAt, type Scenario } from '../../testing/case.fixtures';
import { CHINA_WORK_CALENDAR } from '../calendar/work-calendar';
import { countsOf, emptyCounts, figuresOf, judge } from './assessment-counts';
import { DEFAULT_ASSESSMENT_CONFIG } from './assessment-config';
import { caseFacts } from './case-facts';
import { ledgerOf } from './points';

/** Shanghai local time → instant. */
const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();
const MON = '2026-11-23';
const CATEGORY = { ...CITY, points: 1 };
const facts = (s: Scenario, now: string) => caseFacts('x', s.events, CATEGORY, CHINA_WORK_CALENDAR, now);
const DISPATCH_TO_WORKER2 = { action: 'dispatch', unit: { level: 'grid', areaId: 'g1' }, assigneeId: A.worker2.id } as const;
const figuresFor = (personId: string, s: Scenario, now: string) => figuresOf(countsOf([facts(s, now)], 'worker', now).get(personId) ?? emptyCounts());

// CITY, normal priority: accept 2 working hours, handle 40 (from the registration at Monday 10:00, the handling
// clock runs out on Monday 30 November at 17:00); re-dispatch 2 working hours from a return.
describe('lateness is charged to whoever held the case when the clock ran out (ADR 0021)', () => {
  /** Worker returns the case at once; the command re-dispatches it a week later, after the handling time ran out. */
  const redispatchDelay = runAt([
    [at(MON, '10:00'), reportCommand(), A.worker2],
    [at(MON, '10:20'), { action: 'accept' }, A.worker],
    [at(MON, '10:30'), { action: 'return', note: 'not a grid matter' }, A.worker],
    [at('2026-12-01', '09:00'), DISPATCH_TO_WORKER2, A.operator],
    [at('2026-12-01', '09:10'), { action: 'accept' }, A.worker2],
    [at('2026-12-01', '09:11'), { action: 'start' }, A.worker2],
    [at('2026-12-01', '10:00'), { action: 'complete', note: 'cleared' }, A.worker2],
  ]);
  /** Worker accepts and keeps the case past its handling time, then returns it; worker2 gets it and handles it at once. */
  const heldTooLong = runAt([
    [at(MON, '10:00'), reportCommand(), A.worker2],
    [at(MON, '10:20'), { action: 'accept' }, A.worker],
    [at('2026-12-01', '09:00'), { action: 'return', note: 'needs a truck' }, A.worker],
    [at('2026-12-01', '09:30'), DISPATCH_TO_WORKER2, A.operator],
    [at('2026-12-01', '09:40'), { action: 'accept' }, A.worker2],
    [at('2026-12-01', '09:41'), { action: 'start' }, A.worker2],
    [at('2026-12-01', '10:00'), { action: 'complete', note: 'cleared' }, A.worker2],
  ]);
  const NOW = at('2026-12-01', '12:00');

  it('charges a re-dispatch delay to the command (nobody’s post), not to the worker who got the case afterwards', () => {
    const f = facts(redispatchDelay, NOW);
    // The re-dispatch clock ran out on Monday at 14:30 (lunch does not count), the handling clock a week later: both while the command held it.
    expect(f).toMatchObject({ handlerId: A.worker2.id, overdueAt: at(MON, '14:30'), overdueHolderId: null, handleLateAt: at('2026-11-30', '17:00'), handleLateHolderId: null });
    expect(figuresFor(A.worker2.id, redispatchDelay, NOW)).toMatchObject({ handled: 1, handledOnTime: 1, shouldHandle: 1, onTimeRate: 1, overdue: 0 });
    expect(countsOf([f], 'worker', NOW).has(A.worker.id)).toBe(false);
    // The grid carries every case of its own: late there.
    expect(figuresOf([...countsOf([f], 'grid', NOW).values()][0])).toMatchObject({ handled: 1, handledOnTime: 0, shouldHandle: 1, overdue: 1 });
    expect(ledgerOf(A.worker2.id, [{ ...f, caseCode: 'X' }], DEFAULT_ASSESSMENT_CONFIG.points, NOW).map((e) => [e.rule, e.points])).toEqual([
      ['valid_report', 1], // worker2 reported it, too
      ['handled_on_time', 2],
    ]);
  });

  it('charges the holder who let the handling time run out, and clears the next one', () => {
    const f = facts(heldTooLong, NOW);
    expect(f).toMatchObject({ handlerId: A.worker2.id, overdueAt: at('2026-11-30', '17:00'), overdueHolderId: A.worker.id, handleLateHolderId: A.worker.id });
    // The late holder: due and not handled on time, overdue; the −3 and the appeal are theirs.
    expect(figuresFor(A.worker.id, heldTooLong, NOW)).toMatchObject({ handled: 0, handledOnTime: 0, shouldHandle: 1, onTimeRate: 0, overdue: 1 });
    expect(figuresFor(A.worker2.id, heldTooLong, NOW)).toMatchObject({ handled: 1, handledOnTime: 1, shouldHandle: 1, overdue: 0 });
    const ledger = (personId: string) => ledgerOf(personId, [{ ...f, caseCode: 'X' }], DEFAULT_ASSESSMENT_CONFIG.points, NOW).map((e) => [e.rule, e.points, e.appealable]);
    expect(ledger(A.worker.id)).toEqual([['overdue', -3, 'overdue']]);
    expect(ledger(A.worker2.id)).toEqual([
      ['valid_report', 1, null],
      ['handled_on_time', 2, null],
    ]);
  });

  it('charges a department only for lateness while the case was dispatched to it', () => {
    const toDepartment = runAt([
      [at(MON, '10:00'), reportCommand(), A.worker2],
      [at(MON, '10:05'), { action: 'return', note: 'a road matter' }, A.worker],
      [at(MON, '10:10'), { action: 'dispatch', unit: { level: 'department', departmentId: A.deptStaff.departmentId ?? '' }, assigneeId: A.deptStaff.id }, A.operator],
    ]);
    const f = facts(toDepartment, at(MON, '15:00'));
    // Accept clock from 10:10: 2 working hours, out at 14:10 while the department held it.
    expect(f).toMatchObject({ overdueAt: at(MON, '14:10'), overdueHolderId: A.deptStaff.id, overdueDepartmentId: A.deptStaff.departmentId });
    const departments = countsOf([f], 'department', at(MON, '15:00'));
    expect(departments.get(A.deptStaff.departmentId ?? '')?.overdue).toBe(1);
  });
});

describe('suspension (挂账) with a maximum in the scheme', () => {
  const suspended = runAt([
    [at(MON, '10:00'), reportCommand(), A.worker2],
    [at(MON, '10:20'), { action: 'accept' }, A.worker],
    [at(MON, '10:21'), { action: 'start' }, A.worker],
    [at(MON, '10:30'), { action: 'request_suspension', note: 'needs next year’s budget' }, A.worker],
    [at(MON, '10:40'), { action: 'approve_suspension' }, A.villageCadre],
  ]);
  const f = facts(suspended, at('2026-12-01', '12:00'));
  const rule = (maxDays: number, overAsOverdue: boolean) => ({ maxDays, overAsOverdue });

  it('keeps since when an open case is suspended; its clocks stand still', () => {
    expect(f).toMatchObject({ suspendedSince: at(MON, '10:40'), overdueAt: null, handleLateAt: null, caseLateAt: null, overdueHolderId: A.worker.id });
  });

  it('counts it suspended until the maximum, then over-suspended: back in the denominators as overdue', () => {
    const within = at('2027-02-20', '12:00');
    const beyond = at('2027-02-21', '12:00');
    // 90 days from Monday 23 November 10:40 end on Sunday 21 February at 10:40.
    expect(judge(f, within)).toMatchObject({ suspended: true, overSuspended: false, overdue: false, shouldHandle: false, shouldClose: false });
    expect(judge(f, beyond)).toMatchObject({ suspended: true, overSuspended: true, overdue: true, shouldHandle: true, shouldClose: true, handledOnTime: false });
    const grid = (asOf: string, suspension = rule(90, true)) => figuresOf([...countsOf([f], 'grid', asOf, suspension).values()][0]);
    expect(grid(within)).toMatchObject({ suspended: 1, overSuspended: 0, overdue: 0, shouldHandle: 0, onTimeRate: null, closureRate: null });
    expect(grid(beyond)).toMatchObject({ suspended: 1, overSuspended: 1, overdue: 1, shouldHandle: 1, onTimeRate: 0, shouldClose: 1, closureRate: 0 });
    // The scheme may keep it out of the denominators and only show it; or allow a shorter suspension.
    expect(grid(beyond, rule(90, false))).toMatchObject({ suspended: 1, overSuspended: 1, overdue: 0, shouldHandle: 0 });
    expect(grid(within, rule(30, true))).toMatchObject({ overSuspended: 1, overdue: 1 });
    // For the person: their case, their suspension and, past the maximum, their overdue.
    expect(figuresOf(countsOf([f], 'worker', beyond).get(A.worker.id) ?? emptyCounts())).toMatchObject({ suspended: 1, overSuspended: 1, overdue: 1 });
  });

  it('is no longer suspended once resumed (and a finished case never is)', () => {
    const resumed = runAt([[at('2026-12-01', '09:00'), { action: 'resume' }, A.worker]], suspended);
    expect(facts(resumed, at('2026-12-01', '12:00')).suspendedSince).toBeNull();
  });
});
