import { patrolMinutes, patrolTotals, summarizePatrolDays, type PatrolRecord } from './patrol-days';

const now = '2026-11-23T10:00:00.000Z';
const patrol = (workerId: string, startedAt: string, endedAt: string | null, distanceMeters: number, kinds: ('household' | 'place')[] = []): PatrolRecord => ({
  workerId,
  startedAt,
  endedAt,
  distanceMeters,
  visits: kinds.map((kind) => ({ kind, at: startedAt })),
});

describe('patrolMinutes', () => {
  it.each([
    ['a finished patrol', patrol('w', '2026-11-23T01:00:00.000Z', '2026-11-23T02:30:00.000Z', 0), 90],
    ['one going on counts up to now', patrol('w', '2026-11-23T09:15:00.000Z', null, 0), 45],
    ['a clock skew never gives a negative', patrol('w', '2026-11-23T11:00:00.000Z', null, 0), 0],
  ])('%s → %s min', (_name, p, minutes) => {
    expect(patrolMinutes(p, now)).toBe(minutes);
  });
});

describe('summarizePatrolDays', () => {
  const patrols = [
    // 2026-11-22 local (UTC+8): two patrols of worker a, 08:30–10:00 and 14:00–15:00.
    patrol('a', '2026-11-22T00:30:00.000Z', '2026-11-22T02:00:00.000Z', 2_400, ['household', 'household', 'place']),
    patrol('a', '2026-11-22T06:00:00.000Z', '2026-11-22T07:00:00.000Z', 1_100, ['household']),
    // 23:30 on the 22nd local, past midnight: still the 22nd's.
    patrol('b', '2026-11-22T15:30:00.000Z', '2026-11-22T16:30:00.000Z', 500, ['place']),
    // 2026-11-23 local: worker a again.
    patrol('a', '2026-11-23T01:00:00.000Z', '2026-11-23T01:30:00.000Z', 800),
  ];

  it('gives one row per worker and local day, with counts, minutes, metres and visits by kind', () => {
    expect(summarizePatrolDays(patrols, now)).toEqual([
      { workerId: 'a', date: '2026-11-22', patrols: 2, minutes: 150, distanceMeters: 3_500, householdVisits: 3, placeVisits: 1 },
      { workerId: 'a', date: '2026-11-23', patrols: 1, minutes: 30, distanceMeters: 800, householdVisits: 0, placeVisits: 0 },
      { workerId: 'b', date: '2026-11-22', patrols: 1, minutes: 60, distanceMeters: 500, householdVisits: 0, placeVisits: 1 },
    ]);
  });

  it('totals per worker: days on patrol, patrols, minutes, distance and visits', () => {
    expect(patrolTotals(summarizePatrolDays(patrols, now))).toEqual([
      { workerId: 'a', daysOnPatrol: 2, patrols: 3, minutes: 180, distanceMeters: 4_300, householdVisits: 3, placeVisits: 1 },
      { workerId: 'b', daysOnPatrol: 1, patrols: 1, minutes: 60, distanceMeters: 500, householdVisits: 0, placeVisits: 1 },
    ]);
  });
});
