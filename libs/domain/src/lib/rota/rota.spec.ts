import { chooseAssignee, leastLoaded, type AssigneeInput } from './choose-assignee';
import { hasRotaAt, onDutyAt, occurrenceOn, patternCovers, patternOccurrences } from './on-duty';
import { RotaIndex, shiftsWorthKeeping } from './rota-index';
import type { Leave, Shift, WeeklyPattern } from './rota.types';

/** Epoch ms of a local Asia/Shanghai time `YYYY-MM-DDTHH:MM` (UTC+8). */
const local = (t: string) => Date.parse(`${t}:00+08:00`);

const shift = (userId: string, start: string, end: string, areaId = 'g1'): Shift => ({ id: `${userId}-${start}`, userId, areaId, departmentId: null, startMs: local(start), endMs: local(end) });
const pattern = (userId: string, weekdays: number[], startTime: string, endTime: string, extra: Partial<WeeklyPattern> = {}): WeeklyPattern => ({
  id: `${userId}-p`,
  userId,
  areaId: 'g1',
  departmentId: null,
  weekdays,
  startTime,
  endTime,
  from: '2026-11-01',
  to: null,
  skipDates: [],
  ...extra,
});
const leave = (userId: string, start: string, end: string, substituteId: string | null): Leave => ({ id: `${userId}-leave`, userId, startMs: local(start), endMs: local(end), substituteId });

// 2026-12-07 is a Monday (ISO weekday 1).
const weekdayDay = pattern('day', [1, 2, 3, 4, 5], '08:30', '17:30');
const nightMonFri = pattern('night', [1, 2, 3, 4, 5], '20:00', '08:00');

describe('occurrenceOn / patternCovers (local time, Asia/Shanghai)', () => {
  it('places a day shift on its local date', () => {
    expect(occurrenceOn(weekdayDay, '2026-12-07')).toEqual([Date.parse('2026-12-07T00:30:00Z'), Date.parse('2026-12-07T09:30:00Z')]);
    expect(occurrenceOn(weekdayDay, '2026-12-06')).toBeNull(); // Sunday
  });

  it.each([
    ['Monday 08:29, before the day shift', weekdayDay, '2026-12-07T08:29', false],
    ['Monday 08:30, its start', weekdayDay, '2026-12-07T08:30', true],
    ['Monday 17:30, its end (exclusive)', weekdayDay, '2026-12-07T17:30', false],
    ['Saturday noon', weekdayDay, '2026-12-12T12:00', false],
    ['Monday 23:00, the night shift begun that evening', nightMonFri, '2026-12-07T23:00', true],
    ['Tuesday 07:59, the night shift begun Monday', nightMonFri, '2026-12-08T07:59', true],
    ['Tuesday 08:00, its end', nightMonFri, '2026-12-08T08:00', false],
    ['Saturday 03:00, the night shift begun on Friday', nightMonFri, '2026-12-12T03:00', true],
    ['Sunday 03:00: no shift began on Saturday', nightMonFri, '2026-12-13T03:00', false],
    ['Monday 03:00: no shift began on Sunday', nightMonFri, '2026-12-07T03:00', false],
    ['a skipped Monday (exception)', pattern('day', [1], '08:30', '17:30', { skipDates: ['2026-12-07'] }), '2026-12-07T09:00', false],
    ['the night after a skipped Monday is skipped too', pattern('n', [1], '20:00', '08:00', { skipDates: ['2026-12-07'] }), '2026-12-08T02:00', false],
    ['before the pattern is valid', pattern('day', [1], '08:30', '17:30', { from: '2026-12-08' }), '2026-12-07T09:00', false],
    ['after the pattern ended', pattern('day', [1], '08:30', '17:30', { to: '2026-11-30' }), '2026-12-07T09:00', false],
    ['a whole day 00:00–24:00', pattern('all', [1], '00:00', '24:00'), '2026-12-07T23:59', true],
  ])('%s', (_name, p, at, covered) => {
    expect(patternCovers(p, local(at))).toBe(covered);
  });

  it('puts the midnight of UTC, not of Shanghai, nowhere: 00:30 local Tuesday is Monday 16:30 UTC', () => {
    // A day pattern of Tuesdays 00:00–06:00 local covers Monday 16:30 UTC.
    expect(patternCovers(pattern('early', [2], '00:00', '06:00'), Date.parse('2026-12-07T16:30:00Z'))).toBe(true);
  });
});

describe('patternOccurrences', () => {
  it('lists a week of night shifts, including the one begun the Sunday before', () => {
    const everyNight = pattern('n', [1, 2, 3, 4, 5, 6, 7], '20:00', '08:00');
    const spans = patternOccurrences(everyNight, local('2026-12-07T00:00'), local('2026-12-14T00:00'));
    expect(spans.length).toBe(8);
    expect(spans[0]).toEqual([local('2026-12-06T20:00'), local('2026-12-07T08:00')]);
    expect(spans[7]).toEqual([local('2026-12-13T20:00'), local('2026-12-14T08:00')]);
  });

  it('keeps to the weekdays and leaves out the exceptions', () => {
    const spans = patternOccurrences({ ...weekdayDay, skipDates: ['2026-12-09'] }, local('2026-12-07T00:00'), local('2026-12-14T00:00'));
    expect(spans.map(([start]) => new Date(start + 8 * 3_600_000).toISOString().slice(0, 10))).toEqual(['2026-12-07', '2026-12-08', '2026-12-10', '2026-12-11']);
  });
});

describe('onDutyAt / hasRotaAt', () => {
  const rota = { shifts: [shift('a', '2026-12-07T08:00', '2026-12-07T20:00'), shift('b', '2026-12-07T20:00', '2026-12-08T08:00')], patterns: [weekdayDay] };

  it.each([
    ['Monday 09:00: a one-off shift and a pattern', '2026-12-07T09:00', ['a', 'day']],
    ['Monday 19:59', '2026-12-07T19:59', ['a']],
    ['Monday 20:00: the night shift takes over', '2026-12-07T20:00', ['b']],
    ['Tuesday 02:00, across midnight', '2026-12-08T02:00', ['b']],
    ['Tuesday 08:00', '2026-12-08T08:00', []],
  ])('%s', (_name, at, ids) => {
    expect(onDutyAt(rota, local(at))).toEqual(ids);
  });

  it('lists a person on two overlapping shifts once', () => {
    expect(onDutyAt({ shifts: [shift('a', '2026-12-07T08:00', '2026-12-07T12:00'), shift('a', '2026-12-07T10:00', '2026-12-07T14:00')], patterns: [] }, local('2026-12-07T11:00'))).toEqual(['a']);
  });

  it.each([
    ['nothing at all', { shifts: [], patterns: [] }, false],
    ['a one-off shift six days ahead', { shifts: [shift('a', '2026-12-13T08:00', '2026-12-13T12:00')], patterns: [] }, true],
    ['a one-off shift a month ago', { shifts: [shift('a', '2026-11-01T08:00', '2026-11-01T12:00')], patterns: [] }, false],
    ['a pattern valid today', { shifts: [], patterns: [weekdayDay] }, true],
    ['a pattern that ended', { shifts: [], patterns: [pattern('x', [1], '08:00', '12:00', { to: '2026-11-30' })] }, false],
  ])('keeps a rota: %s', (_name, r, expected) => {
    expect(hasRotaAt(r, local('2026-12-07T09:00'))).toBe(expected);
  });
});

describe('chooseAssignee', () => {
  const loads: Record<string, number> = { a: 3, b: 1, c: 1, sub: 5, lead: 0 };
  const base: Omit<AssigneeInput, 'atMs' | 'rota'> = { leaves: [], workers: ['a', 'b'], leaders: ['lead'], openCases: (id) => loads[id] ?? 0 };
  const day = (...ids: string[]) => ids.map((id) => shift(id, '2026-12-07T08:00', '2026-12-07T20:00'));
  const at = local('2026-12-07T10:00');

  it.each<[string, Partial<AssigneeInput>, string | null, string | null]>([
    ['one worker on duty', { rota: { shifts: day('a'), patterns: [] } }, 'a', 'on_duty'],
    ['several on duty: the one with the fewest open cases', { rota: { shifts: day('a', 'b'), patterns: [] } }, 'b', 'least_loaded'],
    ['a tie goes to the earlier on the rota', { rota: { shifts: day('c', 'b'), patterns: [] } }, 'c', 'least_loaded'],
    ['the one on duty is on leave: their substitute', { rota: { shifts: day('a'), patterns: [] }, leaves: [leave('a', '2026-12-07T00:00', '2026-12-08T00:00', 'sub')] }, 'sub', 'substitute'],
    ['one on duty on leave, another on duty: the other', { rota: { shifts: day('a', 'b'), patterns: [] }, leaves: [leave('b', '2026-12-07T00:00', '2026-12-08T00:00', 'sub')] }, 'a', 'on_duty'],
    ['on leave with no substitute: the grid leader', { rota: { shifts: day('a'), patterns: [] }, leaves: [leave('a', '2026-12-07T00:00', '2026-12-08T00:00', null)] }, 'lead', 'grid_leader'],
    ['a rota with nobody on duty now: the grid leader', { rota: { shifts: [shift('a', '2026-12-07T20:00', '2026-12-08T08:00')], patterns: [] } }, 'lead', 'grid_leader'],
    ['nobody on duty and no leader: nobody (the grid is pushed)', { rota: { shifts: [shift('a', '2026-12-07T20:00', '2026-12-08T08:00')], patterns: [] }, leaders: [] }, null, null],
    ['the leader on leave too: nobody', { rota: { shifts: [shift('a', '2026-12-07T20:00', '2026-12-08T08:00')], patterns: [] }, leaves: [leave('lead', '2026-12-07T00:00', '2026-12-08T00:00', null)] }, null, null],
    ['no rota: the grid’s workers are on duty, the least loaded', { rota: { shifts: [], patterns: [] } }, 'b', 'least_loaded'],
    ['no rota and one worker: that worker', { rota: { shifts: [], patterns: [] }, workers: ['a'] }, 'a', 'on_duty'],
    ['no rota, the one worker on leave: their substitute', { rota: { shifts: [], patterns: [] }, workers: ['a'], leaves: [leave('a', '2026-12-07T00:00', '2026-12-08T00:00', 'sub')] }, 'sub', 'substitute'],
    ['no rota, no worker: the grid leader', { rota: { shifts: [], patterns: [] }, workers: [] }, 'lead', 'grid_leader'],
    ['a leave that ended yesterday changes nothing', { rota: { shifts: day('a'), patterns: [] }, leaves: [leave('a', '2026-12-05T00:00', '2026-12-06T00:00', 'sub')] }, 'a', 'on_duty'],
    ['a substitute on leave is skipped', { rota: { shifts: day('a'), patterns: [] }, leaves: [leave('a', '2026-12-07T00:00', '2026-12-08T00:00', 'sub'), leave('sub', '2026-12-07T00:00', '2026-12-08T00:00', null)] }, 'lead', 'grid_leader'],
    ['chain configured leader first', { rota: { shifts: day('a'), patterns: [] }, chain: ['grid_leader', 'on_duty'] }, 'lead', 'grid_leader'],
    ['chain without the leader: nobody when none is on duty', { rota: { shifts: [shift('a', '2026-12-07T20:00', '2026-12-08T08:00')], patterns: [] }, chain: ['on_duty', 'substitute'] }, null, null],
    ['the night worker at 02:00 local, across midnight', { atMs: local('2026-12-08T02:00'), rota: { shifts: [], patterns: [nightMonFri, weekdayDay] } }, 'night', 'on_duty'],
  ])('%s', (_name, over, userId, rule) => {
    const choice = chooseAssignee({ ...base, atMs: at, rota: { shifts: [], patterns: [] }, ...over });
    expect({ userId: choice.userId, rule: choice.rule }).toEqual({ userId, rule });
  });

  it('says who is on duty and whether the grid keeps a rota', () => {
    const choice = chooseAssignee({ ...base, atMs: at, rota: { shifts: day('a', 'b'), patterns: [] }, leaves: [leave('a', '2026-12-07T00:00', '2026-12-08T00:00', null)] });
    expect(choice).toMatchObject({ onDuty: ['b'], rota: true });
  });

  it('leastLoaded keeps the first of equals', () => {
    expect(leastLoaded(['x', 'y', 'z'], (id) => ({ x: 2, y: 1, z: 1 })[id] ?? 0)).toBe('y');
  });
});

describe('RotaIndex', () => {
  const path = ['d', 'z', 'v', 'g1'];
  const snapshot = {
    shifts: [shift('a', '2026-12-07T08:00', '2026-12-07T20:00'), shift('b', '2026-12-07T08:00', '2026-12-07T20:00'), shift('x', '2026-12-07T08:00', '2026-12-07T20:00', 'g2')],
    patterns: [],
    leaves: [leave('a', '2026-12-07T12:00', '2026-12-07T13:00', 'sub')],
    holders: [
      { userId: 'a', role: 'grid_worker' as const, areaId: 'g1' },
      { userId: 'b', role: 'grid_worker' as const, areaId: 'g1' },
      { userId: 'vl', role: 'grid_leader' as const, areaId: 'v' },
    ],
    openCases: new Map([['a', 1], ['b', 2]]),
  };

  it('picks in the grid at the end of the path, and counts the cases it gives', () => {
    const index = new RotaIndex(snapshot);
    expect(index.pick(path, local('2026-12-07T09:00'))).toMatchObject({ userId: 'a', rule: 'least_loaded' });
    index.assigned('a');
    index.assigned('a');
    expect(index.pick(path, local('2026-12-07T09:00'))).toMatchObject({ userId: 'b', rule: 'least_loaded' });
  });

  it('reads leave, and falls back to the village’s grid leader', () => {
    const index = new RotaIndex(snapshot);
    expect(index.pick(path, local('2026-12-07T12:30'))).toMatchObject({ userId: 'b', rule: 'on_duty' });
    expect(index.pick(path, local('2026-12-07T21:00'))).toMatchObject({ userId: 'vl', rule: 'grid_leader' });
    expect(index.pick(['d', 'z', 'v2', 'g2'], local('2026-12-07T09:00'))).toMatchObject({ userId: 'x', rule: 'on_duty' });
  });

  it.each([
    ['a worker on their shift', 'a', '2026-12-07T09:00', 0, { areaId: 'g1', startMs: local('2026-12-07T08:00'), endMs: local('2026-12-07T20:00') }],
    ['half an hour early, allowed 30 minutes', 'x', '2026-12-07T07:30', 30 * 60_000, { areaId: 'g2', startMs: local('2026-12-07T08:00'), endMs: local('2026-12-07T20:00') }],
    ['an hour early', 'x', '2026-12-07T07:00', 30 * 60_000, null],
    ['after the shift', 'a', '2026-12-07T20:00', 0, null],
  ])('dutyOf: %s', (_name, userId, at, early, duty) => {
    expect(new RotaIndex(snapshot).dutyOf(userId, local(at), early)).toEqual(duty);
  });

  it('dutyOf: a worker of a grid keeping no rota is on duty there all day; a night pattern runs past midnight', () => {
    const index = new RotaIndex({
      ...snapshot,
      shifts: [],
      patterns: [pattern('n', [1], '20:00', '08:00', { areaId: 'g3' })],
      holders: [{ userId: 'w', role: 'grid_worker', areaId: 'g4' }],
    });
    expect(index.dutyOf('w', local('2026-12-07T03:00'))).toEqual({ areaId: 'g4', startMs: null, endMs: null });
    expect(index.dutyOf('n', local('2026-12-08T03:00'))).toEqual({ areaId: 'g3', startMs: local('2026-12-07T20:00'), endMs: local('2026-12-08T08:00') });
    expect(index.dutyOf('n', local('2026-12-08T09:00'))).toBeNull();
  });

  it('follows a configured chain', () => {
    expect(new RotaIndex(snapshot, ['grid_leader']).pick(path, local('2026-12-07T09:00'))).toMatchObject({ userId: 'vl', rule: 'grid_leader' });
  });

  describe('departmentOnDuty', () => {
    const dept = (userId: string, start: string, end: string): Shift => ({ ...shift(userId, start, end), areaId: null, departmentId: 'zhzf' });
    const index = new RotaIndex({
      ...snapshot,
      shifts: [...snapshot.shifts, dept('d1', '2026-12-07T08:00', '2026-12-07T20:00'), dept('d2', '2026-12-07T08:00', '2026-12-07T20:00'), dept('d3', '2026-12-07T20:00', '2026-12-08T08:00')],
      patterns: [{ ...pattern('p1', [1, 2, 3, 4, 5], '08:30', '17:30'), areaId: null, departmentId: 'scjg' }],
      leaves: [...snapshot.leaves, leave('d3', '2026-12-07T20:00', '2026-12-08T08:00', 'sub-d')],
      openCases: new Map([['d1', 3], ['d2', 1]]),
    });

    it.each([
      ['two on duty: the less loaded', '2026-12-07T09:00', { zhzf: { userId: 'd2', rule: 'least_loaded' }, scjg: { userId: 'p1', rule: 'on_duty' } }],
      ['the one on duty on leave: their substitute', '2026-12-07T21:00', { zhzf: { userId: 'sub-d', rule: 'substitute' } }],
      ['a week later, no shift and no pattern that day: the weekend', '2026-12-19T12:00', {}],
    ])('%s', (_name, at, expected) => {
      expect(index.departmentOnDuty(local(at))).toEqual(expected);
    });

    it('answers only the departments asked about, and leaves grids alone', () => {
      expect(index.departmentOnDuty(local('2026-12-07T09:00'), ['scjg', 'none'])).toEqual({ scjg: { userId: 'p1', rule: 'on_duty' } });
      expect(index.pick(path, local('2026-12-07T09:00'))).toMatchObject({ userId: 'a', rule: 'least_loaded' });
    });
  });

  it('keeps the shifts that can still matter', () => {
    expect(shiftsWorthKeeping(snapshot.shifts, local('2026-12-20T00:00')).length).toBe(0);
    expect(shiftsWorthKeeping(snapshot.shifts, local('2026-12-10T00:00')).length).toBe(3);
  });
});
