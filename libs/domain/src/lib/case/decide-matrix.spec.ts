import { CASE_ACTIONS, CASE_STATUSES, type CaseAction, type CaseStatus } from '@grid/contracts';
import { A, caseIn, contextFor, DEPT, reportCommand, T0 } from '../../testing/case.fixtures';
import { applyEvent } from './apply-event';
import type { Actor } from './actor.types';
import type { CaseCommand } from './case-command.types';
import type { CaseEventDraft } from './case-event.types';
import type { CaseState } from './case-state.types';
import { decide } from './decide';

/**
 * The expected outcome of every (status, action) pair, written out by hand: `Y` allowed, `.` refused
 * with wrong_status. Columns follow CASE_STATUSES:
 *   reported registered dispatched accepted in_progress handled verified closed rejected cancelled
 */
const MATRIX: Record<CaseAction, string> = {
  report:             '. . . . . . . . . .',
  self_handle:        '. . . . . . . . . .',
  register:           'Y . . . . . . . . .',
  reject:             'Y . . . . . . . . .',
  dispatch:           '. Y Y . . . . . . .',
  acknowledge:        '. . Y Y Y . . . . .',
  accept:             '. . Y . . . . . . .',
  return:             '. . Y Y . . . . . .',
  start:              '. . . Y . . . . . .',
  progress:           '. . . . Y . . . . .',
  escalate:           '. Y Y Y Y . . . . .',
  whistle:            '. Y Y Y Y . . . . .',
  report_in:          '. Y Y Y Y . . . . .',
  dept_complete:      '. Y Y Y Y . . . . .',
  rate_department:    '. Y Y Y Y Y Y Y . .',
  request_extension:  '. . Y Y Y . . . . .',
  approve_extension:  '. . Y Y Y . . . . .',
  deny_extension:     '. . Y Y Y . . . . .',
  request_suspension: '. . Y Y Y . . . . .',
  approve_suspension: '. . Y Y Y . . . . .',
  deny_suspension:    '. . Y Y Y . . . . .',
  resume:             '. . Y Y Y . . . . .',
  complete:           '. . . . Y . . . . .',
  verify:             '. . . . . Y . . . .',
  rework:             '. . . . . Y . . . .',
  // handled → closed only for categories without verification (tested separately); CITY needs it.
  close:              '. . . . . . Y . . .',
  rate:               '. . . . . . . Y . .',
  cancel:             'Y Y Y Y Y . . . . .',
  merge:              'Y Y Y Y Y . . . . .',
  request_info:       '. Y Y Y Y . . . . .',
  reopen:             '. . . . . . . Y . .',
};

/** Where each allowed action leaves the case (`same`: the status does not change). */
const NEXT_STATUS: Record<CaseAction, CaseStatus | 'same'> = {
  report: 'dispatched',
  self_handle: 'handled',
  register: 'registered',
  reject: 'rejected',
  dispatch: 'dispatched',
  acknowledge: 'same',
  accept: 'accepted',
  return: 'registered',
  start: 'in_progress',
  progress: 'in_progress',
  escalate: 'registered',
  whistle: 'same',
  report_in: 'same',
  dept_complete: 'same',
  rate_department: 'same',
  request_extension: 'same',
  approve_extension: 'same',
  deny_extension: 'same',
  request_suspension: 'same',
  approve_suspension: 'same',
  deny_suspension: 'same',
  resume: 'same',
  complete: 'handled',
  verify: 'verified',
  rework: 'in_progress',
  close: 'closed',
  rate: 'closed',
  cancel: 'cancelled',
  merge: 'cancelled',
  request_info: 'same',
  reopen: 'dispatched',
};

/** An event slipped into the case without its guards, to set up what an action needs (a pending request…). */
const inject = (state: CaseState, kind: CaseEventDraft['kind'], data: object, actorId: string): CaseState =>
  applyEvent(state, { kind, fromStatus: state.status, toStatus: state.status, actorId, at: T0, note: 'setup', data } as CaseEventDraft);

const whistled = (s: CaseState) =>
  inject(s, 'whistled', { whistleKind: 'routine', summonedBy: { level: 'zone', areaId: 'z1' }, departments: [{ departmentId: DEPT.zhzf, lead: true, reportInHours: 0.5, handleHours: 8 }] }, A.zoneLeader.id);
const reportedIn = (s: CaseState) => inject(whistled(s), 'dept_reported_in', { departmentId: DEPT.zhzf }, A.deptStaff.id);

/** For each action: a command, the actor who may give it, and what the case needs first. */
const GOOD: Record<CaseAction, { command: CaseCommand; by: Actor; setup?: (s: CaseState) => CaseState }> = {
  report: { command: reportCommand(), by: A.worker2 },
  self_handle: { command: { ...reportCommand(), action: 'self_handle', note: 'done', photoIds: ['p'] }, by: A.worker },
  register: { command: { action: 'register' }, by: A.operator },
  reject: { command: { action: 'reject', note: 'not ours' }, by: A.operator },
  dispatch: { command: { action: 'dispatch', unit: { level: 'grid', areaId: 'g1' }, assigneeId: A.worker.id }, by: A.villageCadre },
  acknowledge: { command: { action: 'acknowledge' }, by: A.worker, setup: (s) => ({ ...s, assigneeId: s.assigneeId ?? A.worker.id }) },
  accept: { command: { action: 'accept' }, by: A.worker },
  return: { command: { action: 'return', note: 'wrong grid' }, by: A.worker },
  start: { command: { action: 'start' }, by: A.worker },
  progress: { command: { action: 'progress', note: 'half done' }, by: A.worker },
  escalate: { command: { action: 'escalate', note: 'too big for the grid' }, by: A.worker },
  whistle: {
    command: { action: 'whistle', whistleKind: 'routine', departments: [{ departmentId: DEPT.zhzf, lead: true, reportInHours: 0.5, handleHours: 8 }] },
    by: A.zoneLeader,
  },
  report_in: { command: { action: 'report_in' }, by: A.deptStaff, setup: whistled },
  dept_complete: { command: { action: 'dept_complete', note: 'fined the shop' }, by: A.deptStaff, setup: reportedIn },
  rate_department: {
    command: { action: 'rate_department', departmentId: DEPT.zhzf, score: 4 },
    by: A.zoneLeader,
    setup: (s) => inject(reportedIn(s), 'dept_completed', { departmentId: DEPT.zhzf, photoIds: [] }, A.deptStaff.id),
  },
  request_extension: { command: { action: 'request_extension', hours: 8, note: 'waiting for a part' }, by: A.worker },
  approve_extension: { command: { action: 'approve_extension' }, by: A.gridLeader, setup: (s) => inject(s, 'extension_requested', { hours: 8 }, A.worker.id) },
  deny_extension: { command: { action: 'deny_extension', note: 'no' }, by: A.gridLeader, setup: (s) => inject(s, 'extension_requested', { hours: 8 }, A.worker.id) },
  request_suspension: { command: { action: 'request_suspension', note: 'needs funds' }, by: A.worker },
  approve_suspension: { command: { action: 'approve_suspension' }, by: A.gridLeader, setup: (s) => inject(s, 'suspension_requested', {}, A.worker.id) },
  deny_suspension: { command: { action: 'deny_suspension', note: 'no' }, by: A.gridLeader, setup: (s) => inject(s, 'suspension_requested', {}, A.worker.id) },
  resume: { command: { action: 'resume' }, by: A.worker, setup: (s) => inject(s, 'suspended', {}, A.gridLeader.id) },
  complete: { command: { action: 'complete', note: 'cleared' }, by: A.worker },
  verify: { command: { action: 'verify' }, by: A.worker2 },
  rework: { command: { action: 'rework', note: 'still dirty' }, by: A.worker2 },
  close: { command: { action: 'close' }, by: A.operator },
  rate: { command: { action: 'rate', score: 5 }, by: A.worker2 },
  cancel: { command: { action: 'cancel', note: 'withdrawn' }, by: A.operator },
  merge: { command: { action: 'merge', mainCaseId: 'case-main' }, by: A.operator },
  request_info: { command: { action: 'request_info', note: 'which house number?' }, by: A.worker },
  reopen: { command: { action: 'reopen', note: 'the heap is back' }, by: A.resident },
};

const pairs = CASE_ACTIONS.flatMap((action) => {
  const cells = MATRIX[action].split(' ');
  return CASE_STATUSES.map((status, i) => [status, action, cells[i] === 'Y'] as const);
});

describe('decide: every (status, action) pair', () => {
  it('has a row of one cell per status for every action', () => {
    for (const action of CASE_ACTIONS) expect(MATRIX[action].split(' ')).toHaveLength(CASE_STATUSES.length);
  });

  it.each(pairs)('%s + %s → allowed: %s', (status, action, allowed) => {
    const { command, by, setup } = GOOD[action];
    const base = caseIn(status).state;
    const state = setup ? setup(base) : base;
    const decision = decide(state, command, by, '2026-11-23T02:00:00.000Z', contextFor());
    if (!allowed) {
      expect(decision).toMatchObject({ ok: false, refusal: { code: 'wrong_status' } });
      return;
    }
    expect(decision).toMatchObject({ ok: true });
    if (!decision.ok) return;
    const expected = NEXT_STATUS[action];
    expect(decision.next.status).toBe(expected === 'same' ? status : expected);
    expect(decision.events.length).toBeGreaterThan(0);
    expect(decision.events[0].fromStatus).toBe(status);
  });

  it.each([
    ['report', 'dispatched', 3],
    ['self_handle', 'handled', 2],
  ] as const)('%s creates a case (no case before it) → %s in %i events', (action, status, count) => {
    const decision = decide(null, GOOD[action].command, GOOD[action].by, T0, contextFor());
    expect(decision).toMatchObject({ ok: true, next: { status } });
    expect(decision.ok && decision.events).toHaveLength(count);
  });

  it.each(CASE_ACTIONS.filter((a) => a !== 'report' && a !== 'self_handle'))('%s on no case → wrong_status', (action) => {
    expect(decide(null, GOOD[action].command, GOOD[action].by, T0, contextFor())).toMatchObject({ ok: false, refusal: { code: 'wrong_status' } });
  });
});
