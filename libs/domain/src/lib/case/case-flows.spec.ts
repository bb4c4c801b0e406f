import { A, caseIn, CITY, contextFor, DEPT, FACILITY, MINOR, reportCommand, run, TO_STATUS, type Scenario } from '../../testing/case.fixtures';
import type { CaseCommand } from './case-command.types';
import type { Actor } from './actor.types';
import { decide } from './decide';
import { project } from './project';

const kinds = (s: Scenario) => s.events.map((e) => e.kind);
const attempt = (s: Scenario, command: CaseCommand, by: Actor, context = contextFor()) => {
  const decision = decide(s.state, command, by, s.state.lastEventAt, context);
  return decision.ok ? 'ok' : decision.refusal.code;
};

describe('the closed loop', () => {
  const s = run(
    [
      [{ action: 'acknowledge' }, A.worker],
      [{ action: 'accept' }, A.worker],
      [{ action: 'start' }, A.worker],
      [{ action: 'progress', note: 'called the cleaning team', photoIds: ['p1'] }, A.worker],
      [{ action: 'complete', note: 'heap removed', photoIds: ['p2'] }, A.worker],
      [{ action: 'verify', photoIds: ['p3'] }, A.worker2],
      [{ action: 'close' }, A.villageCadre],
      [{ action: 'rate', score: 5 }, A.worker2],
    ],
    run(TO_STATUS.dispatched),
  );

  it('writes one event per step, the intake registered and dispatched by the system', () => {
    expect(kinds(s)).toEqual(['reported', 'registered', 'dispatched', 'delivered', 'accepted', 'started', 'progress', 'completed', 'verified', 'closed', 'rated']);
    expect(s.events.slice(1, 3).map((e) => e.actorId)).toEqual([null, null]);
    expect(s.events[2]).toMatchObject({ data: { unit: { level: 'grid', areaId: 'g1' }, assigneeId: A.worker.id, auto: true } });
  });

  it('chains statuses: every event starts where the previous one ended', () => {
    s.events.forEach((e, i) => expect(e.fromStatus).toBe(i === 0 ? null : s.events[i - 1].toStatus));
  });

  it('is the projection of its events', () => {
    expect(project(s.events)).toEqual(s.state);
    expect(s.state).toMatchObject({ status: 'closed', rating: 5, handledBy: A.worker.id, reporterId: A.worker2.id, delivered: true });
  });

  it('refuses a second rating', () => {
    expect(attempt(s, { action: 'rate', score: 4 }, A.worker2)).toBe('already_done');
  });
});

describe('routing at intake', () => {
  it('gives a facility (部件) to its owner department first, with the grid worker as verifier', () => {
    const s = run([[reportCommand(), A.worker2, contextFor(FACILITY)]]);
    expect(s.state).toMatchObject({ status: 'dispatched', unit: { level: 'department', departmentId: DEPT.zj }, assigneeId: null, verifierId: A.worker.id });
    const done = run(
      [
        [{ action: 'accept' }, A.zjStaff, contextFor(FACILITY)],
        [{ action: 'start' }, A.zjStaff, contextFor(FACILITY)],
        [{ action: 'complete', note: 'cover replaced' }, A.zjStaff, contextFor(FACILITY)],
        [{ action: 'verify' }, A.worker, contextFor(FACILITY)],
        [{ action: 'close' }, A.zjHead, contextFor(FACILITY)],
      ],
      s,
    );
    expect(done.state).toMatchObject({ status: 'closed', assigneeId: A.zjStaff.id });
  });

  it('alerts the zone leader and the command centre of an emergency', () => {
    const s = run([[reportCommand({ priority: 'emergency' }), A.worker2]]);
    expect(s.state.route.alerts).toEqual([{ kind: 'zone_leader', areaId: 'z1' }, { kind: 'command_centre' }]);
  });

  it('records a resident report without a reporter id, and lets the resident rate it', () => {
    const s = run([[reportCommand({ source: 'resident' }), A.resident]]);
    expect(s.state.reporterId).toBeNull();
    expect(s.events[0].actorId).toBeNull();
  });
});

describe('escalation: grid → village → zone → district', () => {
  const up = (by: Actor): [CaseCommand, Actor] => [{ action: 'escalate', note: 'beyond us' }, by];
  const s = run([up(A.worker), up(A.villageCadre), up(A.zoneLeader)], run(TO_STATUS.accepted));

  it('registers the case one level up each time, without an assignee', () => {
    const units = s.events.filter((e) => e.kind === 'escalated').map((e) => e.kind === 'escalated' && e.data.to);
    expect(units).toEqual([
      { level: 'village', areaId: 'v1' },
      { level: 'zone', areaId: 'z1' },
      { level: 'district', areaId: 'd1' },
    ]);
    expect(s.state).toMatchObject({ status: 'registered', assigneeId: null, flags: { escalationCount: 3 } });
  });

  it('stops at the district', () => {
    expect(attempt(s, { action: 'escalate', note: 'x' }, A.operator)).toBe('no_higher_level');
  });

  it('lets the district dispatch to a department, and no longer lets the zone dispatch', () => {
    expect(attempt(s, { action: 'dispatch', unit: { level: 'zone', areaId: 'z1' } }, A.zoneLeader)).toBe('outside_scope');
    expect(attempt(s, { action: 'dispatch', unit: { level: 'department', departmentId: DEPT.zhzf } }, A.operator)).toBe('ok');
  });

  it('lets the village take an escalated case itself', () => {
    const v = run(
      [
        [{ action: 'dispatch', unit: { level: 'village', areaId: 'v1' }, assigneeId: A.villageCadre.id }, A.villageCadre],
        [{ action: 'accept' }, A.villageCadre],
      ],
      run([up(A.worker)], run(TO_STATUS.accepted)),
    );
    expect(v.state).toMatchObject({ status: 'accepted', unit: { level: 'village', areaId: 'v1' }, assigneeId: A.villageCadre.id });
  });
});

describe('return (退回)', () => {
  it('sends an automatically dispatched case back to the command centre', () => {
    const s = run([[{ action: 'return', note: 'this is a road matter' }, A.worker]], run(TO_STATUS.dispatched));
    expect(s.state).toMatchObject({ status: 'registered', unit: { level: 'district', areaId: 'd1' }, assigneeId: null });
  });

  it('sends a case back to the unit of whoever dispatched it', () => {
    const s = run(
      [
        [{ action: 'dispatch', unit: { level: 'grid', areaId: 'g1' }, assigneeId: A.worker.id }, A.villageCadre],
        [{ action: 'return', note: 'not in my grid' }, A.worker],
      ],
      run(TO_STATUS.registered),
    );
    expect(s.state.unit).toEqual({ level: 'village', areaId: 'v1' });
  });
});

describe('whistle (吹哨报到): 事不完人不撤', () => {
  const departments = [
    { departmentId: DEPT.zhzf, lead: true, reportInHours: 0.5, handleHours: 8 },
    { departmentId: DEPT.scjg, lead: false, reportInHours: 1, handleHours: 16 },
  ];
  const summoned = run([[{ action: 'whistle', whistleKind: 'tough', departments }, A.zoneLeader]], run(TO_STATUS.in_progress));

  it('summons departments as co-handlers led by one, summoned by the zone', () => {
    expect(summoned.state.coHandlers.map((c) => [c.departmentId, c.lead, c.status])).toEqual([
      [DEPT.zhzf, true, 'summoned'],
      [DEPT.scjg, false, 'summoned'],
    ]);
    expect(summoned.state.coHandlers[0].summonedBy).toEqual({ level: 'zone', areaId: 'z1' });
  });

  it.each<[string, CaseCommand, Actor, string]>([
    ['the case waits for every department', { action: 'complete', note: 'x' }, A.worker, 'departments_pending'],
    ['a department reports in before completing', { action: 'dept_complete', note: 'x' }, A.deptStaff, 'wrong_status'],
    ['a department is summoned once', { action: 'whistle', whistleKind: 'routine', departments: [{ ...departments[0], lead: false }] }, A.zoneLeader, 'invalid_target'],
    ['there is one lead', { action: 'whistle', whistleKind: 'routine', departments: [{ departmentId: DEPT.zj, lead: true, reportInHours: 1, handleHours: 8 }] }, A.zoneLeader, 'invalid_field'],
    ['a department not yet done is not rated', { action: 'rate_department', departmentId: DEPT.zhzf, score: 5 }, A.zoneLeader, 'wrong_status'],
    ['a department not on the case is not rated', { action: 'rate_department', departmentId: DEPT.zj, score: 5 }, A.zoneLeader, 'invalid_target'],
  ])('%s', (_name, command, by, code) => {
    expect(attempt(summoned, command, by)).toBe(code);
  });

  const done = run(
    [
      [{ action: 'report_in' }, A.deptStaff],
      [{ action: 'report_in' }, A.otherDeptStaff],
      [{ action: 'dept_complete', note: 'licence revoked' }, A.otherDeptStaff],
      [{ action: 'dept_complete', note: 'stall removed' }, A.deptHead],
      [{ action: 'complete', note: 'all parties done' }, A.worker],
      [{ action: 'rate_department', departmentId: DEPT.zhzf, score: 5 }, A.zoneLeader],
    ],
    summoned,
  );

  it('lets the case complete once every department has, and the summoning unit rate them', () => {
    expect(done.state.status).toBe('handled');
    expect(done.state.coHandlers.map((c) => [c.status, c.rating])).toEqual([
      ['completed', 5],
      ['completed', null],
    ]);
    const reportedIn = run([[{ action: 'report_in' }, A.deptStaff]], summoned);
    expect(attempt(reportedIn, { action: 'report_in' }, A.deptStaff)).toBe('already_done');
    expect(attempt(done, { action: 'rate_department', departmentId: DEPT.zhzf, score: 3 }, A.zoneLeader)).toBe('already_done');
    expect(attempt(done, { action: 'rate_department', departmentId: DEPT.scjg, score: 3 }, A.operator)).toBe('not_assignee');
  });

  it('puts the summoned departments in scope', () => {
    expect(attempt(summoned, { action: 'report_in' }, A.otherDeptStaff)).toBe('ok');
    expect(project(done.events)).toEqual(done.state);
  });
});

describe('extension (延期): asked by the assignee, decided by a unit leader, bounded', () => {
  const ask = (hours: number): [CaseCommand, Actor] => [{ action: 'request_extension', hours, note: 'waiting for a part' }, A.worker];
  const twice = run([ask(8), [{ action: 'approve_extension' }, A.gridLeader], ask(40), [{ action: 'approve_extension' }, A.villageCadre]], run(TO_STATUS.in_progress));

  it('adds each approved extension', () => {
    expect(twice.state.extensions).toEqual([8, 40]);
    expect(twice.state.pendingExtension).toBeNull();
  });

  it('allows at most two (configurable)', () => {
    expect(attempt(twice, ask(1)[0], A.worker)).toBe('limit_reached');
    expect(attempt(twice, ask(1)[0], A.worker, contextFor(CITY, { rules: { maxExtensions: 3 } }))).toBe('ok');
  });

  const pending = run([ask(8)], run(TO_STATUS.in_progress));

  it.each<[string, CaseCommand, Actor, string]>([
    ['one request at a time', ask(4)[0], A.worker, 'request_pending'],
    ['a worker of the grid does not decide', { action: 'approve_extension' }, A.worker2, 'wrong_role'],
    ['a leader of another grid does not decide', { action: 'approve_extension' }, A.otherGridLeader, 'outside_scope'],
    ['a denial needs a reason', { action: 'deny_extension' }, A.gridLeader, 'missing_field'],
    ['a denial by the zone', { action: 'deny_extension', note: 'do it now' }, A.zoneLeader, 'ok'],
  ])('%s', (_name, command, by, code) => {
    expect(attempt(pending, command, by)).toBe(code);
  });

  it('is never approved by the one who asked', () => {
    const s = run(
      [
        [{ action: 'dispatch', unit: { level: 'grid', areaId: 'g1' }, assigneeId: A.gridLeader.id }, A.villageCadre],
        [{ action: 'accept' }, A.gridLeader],
        [{ action: 'request_extension', hours: 8, note: 'x' }, A.gridLeader],
      ],
      run(TO_STATUS.registered),
    );
    expect(attempt(s, { action: 'approve_extension' }, A.gridLeader)).toBe('same_actor');
    expect(attempt(s, { action: 'approve_extension' }, A.villageCadre)).toBe('ok');
  });

  it('has nothing to decide without a request', () => {
    expect(attempt(caseIn('in_progress'), { action: 'approve_extension' }, A.gridLeader)).toBe('no_request');
  });
});

describe('suspension (挂账)', () => {
  it('suspends on approval and resumes', () => {
    const s = run(
      [
        [{ action: 'request_suspension', note: 'needs next year’s budget' }, A.worker],
        [{ action: 'approve_suspension' }, A.villageCadre],
        [{ action: 'resume' }, A.worker],
      ],
      run(TO_STATUS.in_progress),
    );
    expect(kinds(s).slice(-3)).toEqual(['suspension_requested', 'suspended', 'resumed']);
    expect(s.state.suspended).toBe(false);
  });
});

describe('self-handle (自行处置)', () => {
  const command: CaseCommand = { ...reportCommand(), action: 'self_handle', note: 'moved the bike', photoIds: ['p1'] };

  it('closes at once when the category needs no verification', () => {
    const s = run([[command, A.worker, contextFor(MINOR)]]);
    expect(kinds(s)).toEqual(['reported', 'self_handled', 'closed']);
    expect(s.state).toMatchObject({ status: 'closed', flags: { selfHandled: true }, handledBy: A.worker.id });
  });

  it('otherwise waits for the grid leader (not the handler) to verify', () => {
    const s = run([[command, A.worker]]);
    expect(s.state).toMatchObject({ status: 'handled', unit: { level: 'grid', areaId: 'g1' } });
    expect(attempt(s, { action: 'verify' }, A.worker)).toBe('same_actor');
    const closed = run([[{ action: 'verify' }, A.gridLeader], [{ action: 'close' }, A.gridLeader]], s);
    expect(closed.state.status).toBe('closed');
  });
});

describe('rework (返工) and closing', () => {
  it('sends the case back to the handler and counts it', () => {
    const s = run(
      [
        [{ action: 'rework', note: 'rubbish still there' }, A.worker2],
        [{ action: 'complete', note: 'now it is gone' }, A.worker],
        [{ action: 'verify' }, A.worker2],
      ],
      run(TO_STATUS.handled),
    );
    expect(kinds(s).slice(-3)).toEqual(['rework', 'completed', 'verified']);
    expect(s.state.flags.reworkCount).toBe(1);
  });

  it('closes a handled case without verification only where the category allows', () => {
    const s = caseIn('handled');
    expect(attempt(s, { action: 'close' }, A.operator)).toBe('wrong_status');
    expect(decide(s.state, { action: 'close' }, A.operator, s.state.lastEventAt, contextFor(MINOR))).toMatchObject({
      ok: true,
      events: [{ kind: 'closed', data: { withoutVerification: true, auto: false } }],
    });
  });

  it('merges a duplicate into its main case', () => {
    const s = run([[{ action: 'merge', mainCaseId: 'case-main' }, A.operator]], run(TO_STATUS.registered));
    expect(s.state).toMatchObject({ status: 'cancelled', mergedInto: 'case-main' });
  });

  it('lets the reporter withdraw a case before registration', () => {
    const s = run([[{ action: 'cancel', note: 'sorted it myself' }, A.worker2]], run(TO_STATUS.reported));
    expect(s.state.status).toBe('cancelled');
  });
});
