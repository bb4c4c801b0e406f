import type { AssessmentFigures, AssessmentRow } from '@grid/contracts';
import { A, CITY, reportCommand, runAt, type Scenario } from '../../testing/case.fixtures';
import { CHINA_WORK_CALENDAR } from '../calendar/work-calendar';
import { countsOf, durationBucket, figuresOf, judge, percentile } from './assessment-counts';
import { DEFAULT_ASSESSMENT_CONFIG } from './assessment-config';
import { rankRows, rowOf } from './assessment-rows';
import { caseFacts } from './case-facts';
import { compositeOf, gradeOf, starsOf } from './composite';
import { coefficientOf, ledgerOf, pointsByRule, sumPoints } from './points';
import { patrolFiguresOf } from './patrol-summary';
import { isFinished } from './rollup-months';

/** Shanghai local time on Monday 23 November 2026 (a workday) → instant. */
const mon = (time: string) => new Date(`2026-11-23T${time}:00+08:00`).toISOString();
const CATEGORY = { ...CITY, points: 1 };
const facts = (id: string, s: Scenario, now: string, waived: Parameters<typeof caseFacts>[5] = []) => caseFacts(id, s.events, CATEGORY, CHINA_WORK_CALENDAR, now, waived);

// CITY, normal priority: accept 2 working hours, handle 40; the accept clock of a 10:00 report runs out at 12:00.
/** Reported by worker2 at 10:00, accepted at once by the grid's worker, handled, verified, closed, rated 5. */
const onTime = runAt([
  [mon('10:00'), reportCommand(), A.worker2],
  [mon('10:30'), { action: 'accept' }, A.worker],
  [mon('10:31'), { action: 'start' }, A.worker],
  [mon('11:00'), { action: 'complete', note: 'cleared' }, A.worker],
  [mon('11:30'), { action: 'verify' }, A.worker2],
  [mon('11:45'), { action: 'close' }, A.operator],
  [mon('11:50'), { action: 'rate', score: 5 }, A.worker2],
]);
/** Reported by worker2 at 10:00, accepted late at 14:30 (lunch does not count: 2.5 h of 2 used). */
const lateAccept = runAt([
  [mon('10:00'), reportCommand(), A.worker2],
  [mon('14:30'), { action: 'accept' }, A.worker],
]);
/** A resident's hotline call taken by the operator at 10:00 in the worker's grid: a missed report, never accepted. */
const hotline = runAt([[mon('10:00'), reportCommand({ source: 'hotline' }), A.operator]]);
/** Handled, sent back for rework, handled again, verified and closed. */
const reworked = runAt([
  [mon('09:00'), reportCommand(), A.worker2],
  [mon('09:10'), { action: 'accept' }, A.worker],
  [mon('09:11'), { action: 'start' }, A.worker],
  [mon('09:30'), { action: 'complete', note: 'done' }, A.worker],
  [mon('09:40'), { action: 'rework', note: 'still there' }, A.worker2],
  [mon('10:30'), { action: 'complete', note: 'done now' }, A.worker],
  [mon('10:40'), { action: 'verify' }, A.worker2],
  [mon('10:50'), { action: 'close' }, A.operator],
  [mon('10:55'), { action: 'rate', score: 2 }, A.worker2],
]);

const NOW = mon('15:00');
const all = () => [facts('a', onTime, NOW), facts('b', lateAccept, NOW), facts('c', hotline, NOW)];

describe('caseFacts', () => {
  it('records an on-time case: response 0.5 h, handling 1 h, closed', () => {
    expect(facts('a', onTime, NOW)).toMatchObject({
      registered: true, dispatched: true, accepted: true, handled: true, closed: true, validReport: true,
      acceptLateAt: null, handleLateAt: null, caseLateAt: null, overdueAt: null,
      responseHours: 0.5, handlingHours: 1, rating: 5, missedReport: false, reporterId: A.worker2.id, handlerId: A.worker.id, gridWorkerId: A.worker.id,
    });
  });

  it('keeps when a late acceptance ran out, and when the open case will run out', () => {
    expect(facts('b', lateAccept, NOW)).toMatchObject({
      accepted: true, handled: false, closed: false, acceptLateAt: mon('12:00'), overdueAt: mon('12:00'),
      // 40 working hours from 10:00 Monday: 5.5 h that day, 4 × 7 h, 6.5 h the next Monday.
      handleLateAt: '2026-11-30T09:00:00.000Z', responseHours: 4.5,
    });
  });

  it('counts a resident’s report the worker had not made as their missed report', () => {
    expect(facts('c', hotline, NOW)).toMatchObject({ missedReport: true, gridWorkerId: A.worker.id, reporterId: A.operator.id, acceptLateAt: mon('12:00') });
  });

  it('drops waived attributions: an upheld appeal against the overdue or the missed report', () => {
    expect(facts('b', lateAccept, NOW, ['overdue'])).toMatchObject({ acceptLateAt: null, overdueAt: null, handleLateAt: null, caseLateAt: null });
    expect(facts('c', hotline, NOW, ['missed_report']).missedReport).toBe(false);
    expect(facts('d', reworked, NOW, ['rework']).reworked).toBe(false);
  });

  it('judges a finished case the same at any moment after it finished (what lets the rollups judge it once)', () => {
    // Accepted late, handled late, closed on Tuesday: every clock ran out before the close, and stopped there.
    const lateButClosed = runAt([
      [mon('10:00'), reportCommand(), A.worker2],
      [mon('14:30'), { action: 'accept' }, A.worker],
      [mon('14:31'), { action: 'start' }, A.worker],
      ['2026-12-02T03:00:00.000Z', { action: 'complete', note: 'cleared at last' }, A.worker],
      ['2026-12-02T03:30:00.000Z', { action: 'verify' }, A.worker2],
      ['2026-12-02T04:00:00.000Z', { action: 'close' }, A.operator],
    ]);
    const cancelledOpen = runAt([
      [mon('10:00'), reportCommand(), A.worker2],
      [mon('16:00'), { action: 'cancel', note: 'duplicate' }, A.operator],
    ]);
    for (const [scenario, finishedAt] of [[lateButClosed, '2026-12-02T04:00:00.000Z'], [onTime, mon('11:45')], [reworked, mon('10:50')], [cancelledOpen, mon('16:00')]] as const) {
      const fact = facts('x', scenario, '2026-12-10T00:00:00.000Z');
      expect(isFinished(fact)).toBe(true);
      expect(judge(fact, finishedAt)).toEqual(judge(fact, '2099-01-01T00:00:00.000Z'));
    }
    expect(judge(facts('x', lateButClosed, '2026-12-10T00:00:00.000Z'), '2099-01-01T00:00:00.000Z')).toMatchObject({ acceptedOnTime: false, handledOnTime: false, closedOnTime: false, overdue: true });
  });

  it('times handling from registration to the first completion and keeps the rework', () => {
    expect(facts('d', reworked, NOW)).toMatchObject({ handlingHours: 0.5, reworked: true, reworkedAt: mon('09:40'), handled: true, closed: true, rating: 2 });
  });
});

describe('figures of a grid (hand-computed)', () => {
  const [grid] = countsOf(all(), 'grid', NOW).values();
  const f = figuresOf(grid);

  it('uses honest denominators', () => {
    expect(f).toMatchObject<Partial<AssessmentFigures>>({
      reported: 3, registered: 3, registrationRate: 1,
      // Accepted on time: a; due for acceptance by 15:00: a, b (accepted late) and c (never accepted, due 12:00).
      acceptedOnTime: 1, shouldAccept: 3, onTimeAcceptanceRate: 1 / 3,
      // b and c are in hand with their handling time not run out: not yet due.
      handled: 1, handledOnTime: 1, shouldHandle: 1, onTimeRate: 1,
      closed: 1, closedOnTime: 1, shouldClose: 1, closureRate: 1, onTimeClosureRate: 1,
      overdue: 2, missedReports: 1, rated: 1, satisfaction: 5, reworked: 0, reworkRate: 0,
      avgResponseHours: 2.5, p90ResponseHours: 6, avgHandlingHours: 1, p90HandlingHours: 2,
      whistled: 0, whistleRate: 0, summoned: 0, reportInOnTimeRate: null, departmentRating: null,
    });
  });

  it('counts open cases as due once their whole-case time runs out (Wednesday 2 December, 12:00)', () => {
    const later = '2026-12-02T04:00:00.000Z';
    const g = figuresOf([...countsOf([facts('a', onTime, later), facts('b', lateAccept, later), facts('c', hotline, later)], 'grid', later).values()][0]);
    // 2 + 40 + 8 = 50 working hours from Monday 10:00 end on Wednesday 2 December at 11:00.
    expect(g).toMatchObject({ shouldHandle: 3, onTimeRate: 1 / 3, shouldClose: 3, closureRate: 1 / 3, overdue: 2 });
  });

  it('assigns a case to its zone, village and grid alike', () => {
    for (const level of ['zone', 'village'] as const) expect(figuresOf([...countsOf(all(), level, NOW).values()][0])).toEqual(f);
    expect([...countsOf(all(), 'zone', NOW).keys()]).toEqual(['z1']);
  });
});

describe('figures and points of persons', () => {
  const units = countsOf([...all(), facts('d', reworked, NOW)], 'worker', NOW);

  it('splits a case between its reporter, its handler and the grid’s worker', () => {
    const worker = units.get(A.worker.id);
    const reporter = units.get(A.worker2.id);
    expect(reporter && figuresOf(reporter)).toMatchObject({ reported: 3, registered: 3, handled: 0, overdue: 0, missedReports: 0 });
    expect(worker && figuresOf(worker)).toMatchObject({ reported: 0, handled: 2, handledOnTime: 2, reworked: 1, reworkRate: 0.5, overdue: 2, missedReports: 1, satisfaction: 3.5 });
  });

  it('adds the points by rule: +2 × 2 on time, −3 × 2 overdue, −2 rework, −2 missed, +1 good, −1 poor rating', () => {
    const worker = units.get(A.worker.id);
    if (!worker) throw new Error('no worker');
    const byRule = pointsByRule(worker, DEFAULT_ASSESSMENT_CONFIG.points);
    expect(byRule).toEqual({ valid_report: 0, self_handled: 0, handled_on_time: 4, overdue: -6, rework: -2, missed_report: -2, good_rating: 1, poor_rating: -1 });
    expect(sumPoints(byRule)).toBe(-6);
  });

  it('explains every point in the ledger, by case, with what may be appealed', () => {
    const withCodes = [...all(), facts('d', reworked, NOW)].map((f) => ({ ...f, caseCode: f.caseId.toUpperCase() }));
    const ledger = ledgerOf(A.worker.id, withCodes, DEFAULT_ASSESSMENT_CONFIG.points, NOW);
    expect(ledger.map((e) => [e.caseCode, e.rule, e.points, e.appealable])).toEqual([
      ['D', 'handled_on_time', 2, null],
      ['D', 'rework', -2, 'rework'],
      ['C', 'missed_report', -2, 'missed_report'],
      ['D', 'poor_rating', -1, null],
      ['A', 'handled_on_time', 2, null],
      ['A', 'good_rating', 1, null],
      ['B', 'overdue', -3, 'overdue'],
      ['C', 'overdue', -3, 'overdue'],
    ]);
    expect(ledger.reduce((sum, e) => sum + e.points, 0)).toBe(-6);
    // The reporter earns the category's point for each valid report.
    expect(ledgerOf(A.worker2.id, withCodes, DEFAULT_ASSESSMENT_CONFIG.points, NOW).map((e) => e.rule)).toEqual(['valid_report', 'valid_report', 'valid_report']);
  });

  it.each([
    [{ id: 'u1', role: 'grid_worker', areaId: 'g1' }, 1],
    [{ id: 'u1', role: 'grid_leader', areaId: 'g1' }, 1.1],
    [{ id: 'u1', role: 'grid_worker', areaId: 'hard' }, 1.3],
    [{ id: 'own', role: 'grid_worker', areaId: 'hard' }, 0.9],
  ])('coefficient of %o is %d', (person, expected) => {
    expect(coefficientOf(person, { byRole: { grid_leader: 1.1 }, byArea: { hard: 1.3 }, byUser: { own: 0.9 } })).toBe(expected);
  });
});

describe('composite indicators, grades, ranking', () => {
  const base = figuresOf([...countsOf(all(), 'grid', NOW).values()][0]);

  it('weights banded rates: a perfect grid scores 100 (A, five stars)', () => {
    const composite = compositeOf(DEFAULT_ASSESSMENT_CONFIG.indicators.area, base);
    expect(composite).toBe(100);
    expect(gradeOf(composite, DEFAULT_ASSESSMENT_CONFIG.grades)).toBe('A');
    expect(starsOf('A')).toBe(5);
  });

  it('spreads a missing indicator’s weight: (10 + 0.3·50 + 0.25·50 + 0.2·75) / 0.85 = 61.8 (C)', () => {
    const f = { ...base, registrationRate: 1, onTimeRate: 0.5, closureRate: 0.5, reworkRate: 0.25, satisfaction: null };
    expect(compositeOf(DEFAULT_ASSESSMENT_CONFIG.indicators.area, f)).toBe(61.8);
    expect(gradeOf(61.8, DEFAULT_ASSESSMENT_CONFIG.grades)).toBe('C');
  });

  it.each([
    [90, 'A'], [89.9, 'B'], [75, 'B'], [60, 'C'], [59.9, 'D'], [40, 'D'], [39.9, 'E'],
  ] as const)('grades %d as %s', (composite, grade) => expect(gradeOf(composite, DEFAULT_ASSESSMENT_CONFIG.grades)).toBe(grade));

  it('applies bands in order: a department with 6 handled cases gets the 80 band', () => {
    const f = { ...base, handled: 6, closureRate: 1, onTimeRate: 1, reworkRate: 0 };
    // 0.1 × 80 + 0.3 × 100 + 0.3 × 100 + 0.3 × 100 = 98.
    expect(compositeOf(DEFAULT_ASSESSMENT_CONFIG.indicators.department, f)).toBe(98);
  });

  it('ranks ties alike and flags the bottom 10 % of the scored rows', () => {
    const row = (code: string, score: number | null) => ({ ...rowOf('grid', { unitId: code, unitName: code, unitCode: code, parentAreaId: null }, base, [...countsOf(all(), 'grid', NOW).values()][0], DEFAULT_ASSESSMENT_CONFIG), score }) as AssessmentRow;
    const ranked = rankRows([row('e', null), row('b', 80), row('a', 90), row('c', 80), row('d', 50)], 0.1);
    expect(ranked.map((r) => [r.unitCode, r.rank, r.bottom])).toEqual([['a', 1, false], ['b', 2, false], ['c', 2, false], ['d', 4, false], ['e', 5, false]]);
    const ten = rankRows(Array.from({ length: 10 }, (_, i) => row(`u${i}`, 100 - i)), 0.1);
    expect(ten.filter((r) => r.bottom).map((r) => r.unitCode)).toEqual(['u9']);
  });
});

describe('percentile and patrols', () => {
  it.each([
    [[], null],
    // 3 h lies in [3, 4): "within 4 h".
    [[3], 4],
    // Nearest rank 9 of 10 is 9 h, in [8, 12).
    [[5, 1, 4, 2, 3, 6, 7, 8, 9, 10], 12],
    // Rank 10 of 11 is 10 h; 0.1 h falls in the first bucket (under 0.25 h).
    [[0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 10, 11], 12],
    [[0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 11], 0.25],
    // Beyond the last bound: 720 h and more.
    [[1000], 720],
  ])('p90 of %j is within %j h (nearest rank, to the histogram bucket)', (values, expected) => expect(percentile(values, 0.9)).toBe(expected));

  it.each([
    [0, 0], [0.2499, 0], [0.25, 1], [1, 3], [47.9, 12], [48, 13], [719.99, 20], [720, 21], [5000, 21],
  ])('puts %d h in bucket %d', (hours, bucket) => expect(durationBucket(hours)).toBe(bucket));

  it('sums patrol days, visits and kilometres up the area tree', () => {
    const day = (workerId: string, grid: string, date: string, distanceM: number, visits: number) => ({ workerId, gridId: grid, areaPath: ['d1', 'z1', 'v1', grid], day: date, distanceM, visits });
    const days = [day('w1', 'g1', '2026-11-23', 3200, 4), day('w1', 'g1', '2026-11-24', 1800, 2), day('w2', 'g2', '2026-11-23', 5000, 5)];
    expect(patrolFiguresOf(days, 'worker').get('w1')).toEqual({ patrolDays: 2, patrolVisits: 6, patrolKm: 5, onDutyDays: 0 });
    expect(patrolFiguresOf(days, 'village').get('v1')).toEqual({ patrolDays: 3, patrolVisits: 11, patrolKm: 10, onDutyDays: 0 });
    expect(patrolFiguresOf(days, 'department').size).toBe(0);
  });

  it('counts on-duty days: distinct worker-days with a check-in, per unit up the tree', () => {
    const duty = (workerId: string, grid: string, day: string) => ({ workerId, areaPath: ['d1', 'z1', 'v1', grid], day });
    // w1 checked in twice on the 23rd (once outside with a reason, then inside): one day.
    const dutyDays = [duty('w1', 'g1', '2026-11-23'), duty('w1', 'g1', '2026-11-23'), duty('w1', 'g1', '2026-11-24'), duty('w2', 'g2', '2026-11-23')];
    expect(patrolFiguresOf([], 'worker', dutyDays).get('w1')).toEqual({ patrolDays: 0, patrolVisits: 0, patrolKm: 0, onDutyDays: 2 });
    expect(patrolFiguresOf([], 'grid', dutyDays).get('g2')?.onDutyDays).toBe(1);
    expect(patrolFiguresOf([], 'village', dutyDays).get('v1')?.onDutyDays).toBe(3);
    expect(patrolFiguresOf([], 'department', dutyDays).size).toBe(0);
  });
});
