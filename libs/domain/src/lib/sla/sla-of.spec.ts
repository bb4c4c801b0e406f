import { A, CITY, contextFor, DEPT, reportCommand, runAt, type Scenario } from '../../testing/case.fixtures';
import { CHINA_WORK_CALENDAR, createWorkCalendar } from '../calendar/work-calendar';
import type { CaseCategory } from '../case/case-category.types';
import { slaOf } from './sla-of';

/** Shanghai local time → instant. */
const sh = (local: string) => new Date(`${local}:00+08:00`).toISOString();
const sla = (s: Scenario, now: string, category: CaseCategory = CITY, calendar = CHINA_WORK_CALENDAR) => slaOf(s.events, category, calendar, sh(now));

// CITY, normal priority: accept 2 h, handle 40 h (working hours); register 2 h, dispatch 2 h, verify 8 h by default.
const reportedMonday10 = runAt([[sh('2026-11-23T10:00'), reportCommand(), A.worker2]]);

describe('slaOf: a case dispatched at once on Monday 23 November 2026, 10:00', () => {
  it('at 11:00: accept 1 of 2 h used, on time; due times across lunch and weekends', () => {
    const s = sla(reportedMonday10, '2026-11-23T11:00');
    expect(s.clocks.accept).toMatchObject({ phase: 'running', usedHours: 1, usedFraction: 0.5, state: 'on_time', dueAt: sh('2026-11-23T12:00'), warnAt: sh('2026-11-23T11:36') });
    // 5.5 h on Monday, 4 × 7 h Tue–Fri, 6.5 h the next Monday.
    expect(s.clocks.handle).toMatchObject({ usedHours: 1, limitHours: 40, dueAt: sh('2026-11-30T17:00') });
    // 2 + 40 + 8 = 50 h: … 47.5 h by Tuesday 1 December, 2.5 h on Wednesday.
    expect(s.clocks.case).toMatchObject({ limitHours: 50, dueAt: sh('2026-12-02T11:00') });
    expect(s).toMatchObject({ state: 'on_time', dueAt: sh('2026-12-02T11:00'), warningAt: null, overdueAt: null, provisional: false });
  });

  it('shows the instant steps as stopped at once, and the later ones as not started', () => {
    const s = sla(reportedMonday10, '2026-11-23T11:00');
    expect(s.clocks.register).toMatchObject({ phase: 'stopped', usedHours: 0, stoppedAt: sh('2026-11-23T10:00'), state: 'on_time' });
    expect(s.clocks.dispatch).toMatchObject({ phase: 'stopped', usedHours: 0 });
    expect(s.clocks.verify).toBeNull();
  });

  it.each([
    ['11:35', 'on_time', null, null],
    ['11:40', 'warning', '11:36', null],
    // Lunch does not count: at 14:30 the accept clock has used 2.5 h of 2.
    ['14:30', 'overdue', '11:36', '12:00'],
  ])('at %s it is %s', (time, state, warningAt, overdueAt) => {
    const s = sla(reportedMonday10, `2026-11-23T${time}`);
    expect(s.state).toBe(state);
    expect(s.warningAt).toBe(warningAt && sh(`2026-11-23T${warningAt}`));
    expect(s.overdueAt).toBe(overdueAt && sh(`2026-11-23T${overdueAt}`));
  });

  it('keeps a late acceptance on record: the accept clock stops overdue', () => {
    const late = runAt([[sh('2026-11-23T14:30'), { action: 'accept' }, A.worker]], reportedMonday10);
    const s = sla(late, '2026-11-23T15:00');
    expect(s.clocks.accept).toMatchObject({ phase: 'stopped', usedHours: 2.5, state: 'overdue', dueAt: sh('2026-11-23T12:00') });
    expect(s.clocks.handle).toMatchObject({ phase: 'running', usedHours: 3 });
    expect(s.state).toBe('overdue');
  });
});

describe('slaOf: weekends and holidays', () => {
  it('counts Friday evening and Monday morning only', () => {
    const friday = runAt([[sh('2026-11-27T17:00'), reportCommand(), A.worker2]]);
    expect(sla(friday, '2026-11-30T09:30').clocks.accept).toMatchObject({ usedHours: 1.5, state: 'on_time', dueAt: sh('2026-11-30T10:00') });
    expect(sla(friday, '2026-11-30T09:50').clocks.accept?.state).toBe('warning');
  });

  it('runs through the Spring Festival make-up Saturdays and stops for the holiday', () => {
    const s = runAt([[sh('2026-02-13T16:00'), reportCommand(), A.worker2]]);
    // 1.5 h Fri 13, 7 h Sat 14 (make-up), nothing Feb 15–23, 28 h Tue 24–Fri 27, 3.5 h Sat 28 (make-up).
    expect(sla(s, '2026-02-20T12:00').clocks.handle).toMatchObject({ usedHours: 8.5, dueAt: sh('2026-02-28T12:00') });
  });

  it('runs an urgent case over National Day: 2.5 h on Sep 30, then Oct 8', () => {
    const s = runAt([[sh('2026-09-30T15:00'), reportCommand({ priority: 'urgent' }), A.worker2]]);
    expect(sla(s, '2026-10-05T12:00').clocks.handle).toMatchObject({ limitHours: 8, usedHours: 2.5, dueAt: sh('2026-10-08T16:00') });
  });

  it('runs an emergency on calendar hours, nights and weekends included', () => {
    const s = runAt([[sh('2026-11-28T22:00'), reportCommand({ priority: 'emergency' }), A.worker2]]);
    const result = sla(s, '2026-11-28T23:00');
    expect(result.clocks.accept).toMatchObject({ kind: 'calendar', state: 'overdue', dueAt: sh('2026-11-28T22:30') });
    expect(result.clocks.handle).toMatchObject({ kind: 'calendar', dueAt: sh('2026-11-29T02:00') });
    expect(result.provisional).toBe(false);
  });

  it('flags due times in provisional 2027', () => {
    const s = runAt([[sh('2026-12-30T10:00'), reportCommand(), A.worker2]]);
    expect(sla(s, '2026-12-30T11:00').provisional).toBe(true);
  });

  it('recomputes history under a corrected calendar', () => {
    const nineToFive = createWorkCalendar({ years: [], windows: [{ start: '09:00', end: '17:00' }] });
    expect(sla(reportedMonday10, '2026-11-23T11:00', CITY, nineToFive).clocks.accept?.dueAt).toBe(sh('2026-11-23T12:00'));
    expect(sla(reportedMonday10, '2026-11-23T13:00', CITY, nineToFive).clocks.accept?.usedHours).toBe(3);
    expect(sla(reportedMonday10, '2026-11-23T13:00').clocks.accept?.usedHours).toBe(2);
  });
});

describe('slaOf: suspension stops the clocks, extension moves the due time', () => {
  const started = runAt(
    [
      [sh('2026-11-23T09:00'), reportCommand(), A.worker2],
      [sh('2026-11-23T09:10'), { action: 'accept' }, A.worker],
      [sh('2026-11-23T09:20'), { action: 'start' }, A.worker],
    ],
  );
  const suspended = runAt(
    [
      [sh('2026-11-23T09:30'), { action: 'request_suspension', note: 'needs a budget line' }, A.worker],
      [sh('2026-11-23T10:00'), { action: 'approve_suspension' }, A.villageCadre],
    ],
    started,
  );

  it('pauses every clock while suspended: no due time, used time frozen', () => {
    const s = sla(suspended, '2026-11-25T10:00');
    expect(s.clocks.handle).toMatchObject({ phase: 'paused', usedHours: 1, dueAt: null });
    expect(s.clocks.case).toMatchObject({ phase: 'paused', usedHours: 1, dueAt: null });
    expect(s.dueAt).toBeNull();
  });

  it('resumes a week later with only the hour before the suspension used', () => {
    const resumed = runAt([[sh('2026-11-30T10:00'), { action: 'resume' }, A.worker]], suspended);
    // 39 h left from Mon 30 10:00: 5.5 h Mon, 28 h Tue–Fri, 5.5 h on Mon 7 December.
    expect(sla(resumed, '2026-11-30T11:00').clocks.handle).toMatchObject({ phase: 'running', usedHours: 2, dueAt: sh('2026-12-07T16:00') });
  });

  it('adds approved extensions to the handling and whole-case limits', () => {
    const extended = runAt(
      [
        [sh('2026-11-23T10:00'), { action: 'request_extension', hours: 8, note: 'waiting for a part' }, A.worker],
        [sh('2026-11-23T10:30'), { action: 'approve_extension' }, A.gridLeader],
      ],
      started,
    );
    const s = sla(extended, '2026-11-23T11:00');
    // 40 h: Mon 30 Nov 16:00; 8 h more: 1.5 h Mon, 6.5 h Tue 1 December.
    expect(s.clocks.handle).toMatchObject({ limitHours: 48, dueAt: sh('2026-12-01T17:00') });
    expect(s.clocks.case?.limitHours).toBe(58);
    expect(sla(runAt([[sh('2026-11-23T10:00'), { action: 'request_extension', hours: 8, note: 'x' }, A.worker]], started), '2026-11-23T11:00').clocks.handle?.limitHours).toBe(40);
  });
});

describe('slaOf: verification and departments', () => {
  it('restarts the verify clock after a rework and pauses handling while waiting for verification', () => {
    const s = runAt(
      [
        [sh('2026-11-23T09:00'), reportCommand(), A.worker2],
        [sh('2026-11-23T09:00'), { action: 'accept' }, A.worker],
        [sh('2026-11-23T09:00'), { action: 'start' }, A.worker],
        [sh('2026-11-23T10:00'), { action: 'complete', note: 'done' }, A.worker],
        [sh('2026-11-23T11:00'), { action: 'rework', note: 'not done' }, A.worker2],
        [sh('2026-11-23T14:00'), { action: 'complete', note: 'done now' }, A.worker],
      ],
    );
    const result = sla(s, '2026-11-23T15:00');
    expect(result.clocks.verify).toMatchObject({ startedAt: sh('2026-11-23T14:00'), usedHours: 1, dueAt: sh('2026-11-24T15:00') });
    // Verify: 3.5 h on Monday afternoon, 4.5 h on Tuesday. Handle: 09:00–10:00 and 11:00–12:00 in hand, 10:00–11:00 waiting for verification.
    expect(result.clocks.handle).toMatchObject({ phase: 'stopped', usedHours: 2 });
  });

  it('gives each summoned department its own report-in and handling clocks', () => {
    const whistled = runAt(
      [
        [sh('2026-11-23T09:00'), reportCommand(), A.worker2],
        [
          sh('2026-11-23T10:00'),
          { action: 'whistle', whistleKind: 'routine', departments: [{ departmentId: DEPT.zhzf, lead: true, reportInHours: 0.5, handleHours: 8 }] },
          A.zoneLeader,
        ],
        [sh('2026-11-23T10:20'), { action: 'report_in' }, A.deptStaff],
      ],
    );
    const [dept] = sla(whistled, '2026-11-23T11:00').departments;
    expect(dept.reportIn).toMatchObject({ phase: 'stopped', state: 'on_time', dueAt: sh('2026-11-23T10:30') });
    expect(dept.reportIn?.usedHours).toBeCloseTo(1 / 3, 9);
    // 2 h Mon morning, 3.5 h afternoon, 2.5 h Tuesday.
    expect(dept.handle).toMatchObject({ phase: 'running', usedHours: 1, dueAt: sh('2026-11-24T11:00') });
  });

  it('stops every clock when the case closes', () => {
    const closed = runAt(
      [
        [sh('2026-11-23T09:00'), reportCommand(), A.worker2, contextFor({ ...CITY, autoRegister: false })],
        [sh('2026-11-23T09:30'), { action: 'reject', note: 'private land' }, A.operator],
      ],
    );
    const s = sla(closed, '2026-12-23T09:00');
    expect(s.clocks.register).toMatchObject({ phase: 'stopped', usedHours: 0.5 });
    expect(s.clocks.case).toMatchObject({ phase: 'stopped', usedHours: 0.5, state: 'on_time' });
    expect(s.clocks.handle).toBeNull();
  });
});
