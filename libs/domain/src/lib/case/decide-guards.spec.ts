import type { RefusalCode } from '../shared/refusal.types';
import { A, caseIn, contextFor, DEPT, reportCommand, run, T0, TO_STATUS } from '../../testing/case.fixtures';
import type { Actor } from './actor.types';
import type { CaseCommand } from './case-command.types';
import type { CaseState } from './case-state.types';
import { decide } from './decide';

const NOW = '2026-11-23T03:00:00.000Z';
const refusalOf = (state: CaseState | null, command: CaseCommand, by: Actor, context = contextFor()) => {
  const decision = decide(state, command, by, NOW, context);
  return decision.ok ? 'ok' : decision.refusal.code;
};

describe('decide: role refusals', () => {
  it.each<[string, CaseState['status'], CaseCommand, Actor]>([
    ['an assessor may not report', 'reported', reportCommand(), A.assessor],
    ['a village cadre may not self-handle', 'reported', { ...reportCommand(), action: 'self_handle', note: 'x', photoIds: ['p'] }, A.villageCadre],
    ['a grid worker may not register', 'reported', { action: 'register' }, A.worker],
    ['a zone leader may not reject', 'reported', { action: 'reject', note: 'no' }, A.zoneLeader],
    ['a grid worker may not dispatch', 'registered', { action: 'dispatch', unit: { level: 'grid', areaId: 'g1' } }, A.worker],
    ['an assessor may not accept', 'dispatched', { action: 'accept' }, A.assessor],
    ['a village cadre may not whistle', 'dispatched', { action: 'whistle', whistleKind: 'routine', departments: [] }, A.villageCadre],
    ['a grid worker may not report in', 'dispatched', { action: 'report_in' }, A.worker],
    ['a grid worker may not approve an extension', 'dispatched', { action: 'approve_extension' }, A.worker2],
    ['a grid worker may not close', 'verified', { action: 'close' }, A.worker],
    ['a zone leader may not merge', 'registered', { action: 'merge', mainCaseId: 'm' }, A.zoneLeader],
    ['an assessor may not verify', 'handled', { action: 'verify' }, A.assessor],
    ['a grid worker who did not report may not cancel', 'reported', { action: 'cancel', note: 'x' }, A.worker],
  ])('%s', (_name, status, command, by) => {
    const state = command.action === 'report' || command.action === 'self_handle' ? null : caseIn(status).state;
    expect(refusalOf(state, command, by)).toBe('wrong_role');
  });
});

describe('decide: scope refusals', () => {
  it.each<[string, CaseState['status'], CaseCommand, Actor]>([
    ["a zone leader outside the case's zone may not register", 'reported', { action: 'register' }, A.otherZoneLeader],
    ['a village cadre of another village may not dispatch', 'registered', { action: 'dispatch', unit: { level: 'grid', areaId: 'g1' } }, A.otherVillageCadre],
    ['a grid leader of another grid may not dispatch', 'registered', { action: 'dispatch', unit: { level: 'grid', areaId: 'g1' } }, A.otherGridLeader],
    ['a worker of another grid may not accept', 'dispatched', { action: 'accept' }, A.otherGridWorker],
    ['a department not on the case may not report in', 'dispatched', { action: 'report_in' }, A.otherDeptStaff],
    ['a zone leader of another zone may not whistle', 'dispatched', { action: 'whistle', whistleKind: 'routine', departments: [] }, A.otherZoneLeader],
    ['a grid worker may not self-handle outside their grid', 'reported', { ...reportCommand({ areaPath: ['d1', 'z1', 'v1', 'g2'] }), action: 'self_handle', note: 'x', photoIds: ['p'] }, A.worker],
  ])('%s', (_name, status, command, by) => {
    const state = command.action === 'self_handle' ? null : caseIn(status).state;
    expect(refusalOf(state, command, by)).toBe('outside_scope');
  });

  it('lets a grid worker act outside their grid on a case assigned to them', () => {
    const { state } = run([
      [reportCommand({ areaPath: ['d1', 'z1', 'v1', 'g2'] }), A.otherGridWorker, contextFor(undefined, { onDutyWorkerId: A.worker.id })],
    ]);
    expect(state.assigneeId).toBe(A.worker.id);
    expect(refusalOf(state, { action: 'accept' }, A.worker)).toBe('ok');
    expect(refusalOf(state, { action: 'accept' }, A.worker2)).toBe('outside_scope');
  });

  it.each([A.operator, A.admin])('lets $role act everywhere', (by) => {
    expect(refusalOf(caseIn('reported').state, { action: 'register' }, by)).toBe('ok');
  });
});

describe('decide: relation refusals (in scope, right role, wrong person)', () => {
  it.each<[string, CaseState['status'], CaseCommand, Actor, RefusalCode]>([
    ['another worker of the grid may not start the assignee’s case', 'accepted', { action: 'start' }, A.worker2, 'not_assignee'],
    ['another worker may not complete it', 'in_progress', { action: 'complete', note: 'x' }, A.worker2, 'not_assignee'],
    ['the handler may not verify their own work', 'handled', { action: 'verify' }, A.worker, 'same_actor'],
    ['a village cadre does not verify on site', 'handled', { action: 'verify' }, A.villageCadre, 'not_assignee'],
    ['only the reporter rates', 'closed', { action: 'rate', score: 5 }, A.worker, 'not_assignee'],
    ['a reporter withdraws only before registration', 'dispatched', { action: 'cancel', note: 'x' }, A.worker2, 'wrong_status'],
    ['a department head dispatches only within their department', 'registered', { action: 'dispatch', unit: { level: 'department', departmentId: DEPT.zhzf } }, A.deptHead, 'outside_scope'],
    ['a village cadre may not dispatch to a department', 'registered', { action: 'dispatch', unit: { level: 'department', departmentId: DEPT.zhzf } }, A.villageCadre, 'invalid_target'],
    ['a grid leader may not dispatch up to the village', 'registered', { action: 'dispatch', unit: { level: 'village', areaId: 'v1' } }, A.gridLeader, 'invalid_target'],
    ['nobody dispatches to an area the case is not in', 'registered', { action: 'dispatch', unit: { level: 'grid', areaId: 'g2' } }, A.operator, 'invalid_target'],
    ['the acknowledgement is the assignee’s', 'dispatched', { action: 'acknowledge' }, A.gridLeader, 'not_assignee'],
  ])('%s', (_name, status, command, by, code) => {
    expect(refusalOf(caseIn(status).state, command, by)).toBe(code);
  });
});

describe('decide: missing and invalid fields', () => {
  it.each<[string, CaseState['status'] | null, CaseCommand, Actor, RefusalCode, string]>([
    ['report without a location', null, { ...reportCommand(), location: undefined as never }, A.worker, 'missing_field', 'location'],
    ['report at an impossible position', null, reportCommand({ location: { lat: 91, lng: 0 } }), A.worker, 'invalid_field', 'location'],
    ['report not resolved to a grid', null, { ...reportCommand(), areaPath: ['d1', 'z1'] as never }, A.worker, 'missing_field', 'areaPath'],
    ['report with an unknown source', null, reportCommand({ source: 'fax' as never }), A.worker, 'invalid_field', 'source'],
    ['self-handle without a result', null, { ...reportCommand(), action: 'self_handle', photoIds: ['p'] }, A.worker, 'missing_field', 'note'],
    ['self-handle without a photo', null, { ...reportCommand(), action: 'self_handle', note: 'swept' }, A.worker, 'missing_field', 'photoIds'],
    ['reject without a reason', 'reported', { action: 'reject', note: '   ' }, A.operator, 'missing_field', 'note'],
    ['dispatch without a unit', 'registered', { action: 'dispatch' } as CaseCommand, A.operator, 'missing_field', 'unit'],
    ['return without a reason', 'dispatched', { action: 'return' }, A.worker, 'missing_field', 'note'],
    ['progress with neither note nor photo', 'in_progress', { action: 'progress' }, A.worker, 'missing_field', 'note'],
    ['escalate without a reason', 'accepted', { action: 'escalate' }, A.worker, 'missing_field', 'note'],
    ['whistle without departments', 'accepted', { action: 'whistle', whistleKind: 'routine', departments: [] }, A.zoneLeader, 'missing_field', 'departments'],
    ['whistle of an unknown kind', 'accepted', { action: 'whistle', whistleKind: 'loud' as never, departments: [] }, A.zoneLeader, 'invalid_field', 'whistleKind'],
    [
      'whistle with no lead',
      'accepted',
      { action: 'whistle', whistleKind: 'routine', departments: [{ departmentId: DEPT.zhzf, lead: false, reportInHours: 0.5, handleHours: 8 }] },
      A.zoneLeader,
      'invalid_field',
      'departments',
    ],
    [
      'whistle with a zero report-in limit',
      'accepted',
      { action: 'whistle', whistleKind: 'routine', departments: [{ departmentId: DEPT.zhzf, lead: true, reportInHours: 0, handleHours: 8 }] },
      A.zoneLeader,
      'invalid_field',
      'departments.0.reportInHours',
    ],
    ['extension without hours', 'accepted', { action: 'request_extension', note: 'x' } as CaseCommand, A.worker, 'missing_field', 'hours'],
    ['extension longer than the original limit (40 h)', 'accepted', { action: 'request_extension', hours: 41, note: 'x' }, A.worker, 'invalid_field', 'hours'],
    ['extension without a reason', 'accepted', { action: 'request_extension', hours: 8 }, A.worker, 'missing_field', 'note'],
    ['suspension without a reason', 'accepted', { action: 'request_suspension' }, A.worker, 'missing_field', 'note'],
    ['complete without a result', 'in_progress', { action: 'complete', photoIds: ['p'] }, A.worker, 'missing_field', 'note'],
    ['rework without a reason', 'handled', { action: 'rework' }, A.worker2, 'missing_field', 'note'],
    ['rate without a score', 'closed', { action: 'rate' } as CaseCommand, A.worker2, 'missing_field', 'score'],
    ['rate 6', 'closed', { action: 'rate', score: 6 }, A.worker2, 'invalid_field', 'score'],
    ['rate 3.5', 'closed', { action: 'rate', score: 3.5 }, A.worker2, 'invalid_field', 'score'],
    ['cancel without a reason', 'registered', { action: 'cancel' }, A.operator, 'missing_field', 'note'],
    ['merge without a main case', 'registered', { action: 'merge' } as CaseCommand, A.operator, 'missing_field', 'mainCaseId'],
  ])('%s', (_name, status, command, by, code, field) => {
    const state = status === null ? null : caseIn(status).state;
    expect(decide(state, command, by, NOW, contextFor())).toEqual({ ok: false, refusal: { code, field, message: expect.any(String) } });
  });

  it('refuses to merge into an ended case', () => {
    const context = contextFor(undefined, { mainCase: { status: 'closed' } });
    expect(refusalOf(caseIn('registered').state, { action: 'merge', mainCaseId: 'm' }, A.operator, context)).toBe('invalid_target');
  });
});

describe('decide: a suspended case', () => {
  const suspended = run(
    [
      [{ action: 'request_suspension', note: 'needs a budget line' }, A.worker],
      [{ action: 'approve_suspension' }, A.gridLeader],
    ],
    run(TO_STATUS.in_progress),
  ).state;

  it.each<[CaseCommand, Actor, RefusalCode | 'ok']>([
    [{ action: 'complete', note: 'x' }, A.worker, 'suspended'],
    [{ action: 'escalate', note: 'x' }, A.worker, 'suspended'],
    [{ action: 'request_extension', hours: 4, note: 'x' }, A.worker, 'suspended'],
    [{ action: 'whistle', whistleKind: 'routine', departments: [{ departmentId: DEPT.zhzf, lead: true, reportInHours: 1, handleHours: 8 }] }, A.zoneLeader, 'suspended'],
    [{ action: 'progress', note: 'asked the finance office' }, A.worker, 'ok'],
    [{ action: 'resume' }, A.worker, 'ok'],
    [{ action: 'resume' }, A.villageCadre, 'ok'],
    [{ action: 'resume' }, A.worker2, 'not_assignee'],
    [{ action: 'cancel', note: 'moot' }, A.operator, 'ok'],
  ])('%j by %s → %s', (command, by, expected) => {
    expect(refusalOf(suspended, command, by)).toBe(expected);
  });

  it('refuses to resume a case that is not suspended', () => {
    expect(refusalOf(caseIn('in_progress').state, { action: 'resume' }, A.worker)).toBe('not_suspended');
  });
});

describe('decide: refusal carries the first failing guard (status before role before scope)', () => {
  it.each<[string, CaseState['status'], CaseCommand, Actor, RefusalCode]>([
    ['wrong status and wrong role', 'closed', { action: 'register' }, A.worker, 'wrong_status'],
    ['wrong role and outside scope', 'reported', { action: 'register' }, A.otherGridWorker, 'wrong_role'],
    ['outside scope and not assignee', 'accepted', { action: 'start' }, A.otherGridWorker, 'outside_scope'],
  ])('%s → %s', (_name, status, command, by, code) => {
    expect(refusalOf(caseIn(status).state, command, by)).toBe(code);
  });
});

describe('decide: a return to the channel (退单) approved by the zone leader', () => {
  it.each<[string, Actor, boolean, RefusalCode | 'ok']>([
    ["the case's zone leader, a return asked for", A.zoneLeader, true, 'ok'],
    ["the case's zone leader, no return asked for", A.zoneLeader, false, 'wrong_role'],
    ['another zone leader, a return asked for', A.otherZoneLeader, true, 'outside_scope'],
    ['a village cadre, a return asked for', A.villageCadre, true, 'wrong_role'],
  ])('%s → %s', (_name, by, channelReturnRequested, expected) => {
    expect(refusalOf(caseIn('accepted').state, { action: 'cancel', note: '非本辖区' }, by, { ...contextFor(), channelReturnRequested })).toBe(expected);
  });
});

it('a refusal never writes: decide is pure and leaves the case as it was', () => {
  const { state } = caseIn('accepted');
  const before = JSON.stringify(state);
  decide(state, { action: 'complete', note: 'x' }, A.worker, T0, contextFor());
  decide(state, { action: 'start' }, A.worker, T0, contextFor());
  expect(JSON.stringify(state)).toBe(before);
});
