import { findDuplicateCandidates } from './find-duplicate-candidates';

// Near 32.7°N one degree of latitude is ~111.2 km: 0.001° ≈ 111 m.
const base = { lat: 32.7, lng: 108.9 };
const at = (dLat: number) => ({ lat: base.lat + dLat, lng: base.lng });
const report = { categoryCode: 'city.litter', location: base, reportedAt: '2026-11-23T02:00:00.000Z' };
const open = (id: string, dLat: number, reportedAt: string, categoryCode = 'city.litter') => ({ id, categoryCode, location: at(dLat), reportedAt });
const options = { radiusMeters: 200, windowHours: 24 };

describe('findDuplicateCandidates', () => {
  it.each([
    ['same category, 111 m, 1 h apart', open('a', 0.001, '2026-11-23T01:00:00.000Z'), true],
    ['same place, another category', open('b', 0, '2026-11-23T01:00:00.000Z', 'city.graffiti'), false],
    ['same category, 333 m away', open('c', 0.003, '2026-11-23T01:00:00.000Z'), false],
    ['same category and place, 25 h earlier', open('d', 0, '2026-11-22T01:00:00.000Z'), false],
    ['same category and place, 24 h earlier: on the edge', open('e', 0, '2026-11-22T02:00:00.000Z'), true],
    ['reported just after (a report that arrived late)', open('f', 0, '2026-11-23T03:00:00.000Z'), true],
  ])('%s → candidate: %s', (_name, candidate, expected) => {
    expect(findDuplicateCandidates(report, [candidate], options)).toHaveLength(expected ? 1 : 0);
  });

  it('lists the nearest first, then the closest in time, with distance and hours apart', () => {
    const found = findDuplicateCandidates(
      report,
      [open('far', 0.0015, '2026-11-23T01:30:00.000Z'), open('near-old', 0.0005, '2026-11-22T20:00:00.000Z'), open('near-new', 0.0005, '2026-11-23T01:00:00.000Z')],
      options,
    );
    expect(found.map((c) => c.case.id)).toEqual(['near-new', 'near-old', 'far']);
    expect(found[0].distanceMeters).toBeCloseTo(55.6, 0);
    expect(found[0].hoursApart).toBe(1);
  });

  it('keeps only the nearest few: by default five, or as many as asked', () => {
    const many = Array.from({ length: 12 }, (_, i) => open(`c${i}`, 0.0001 * (12 - i), '2026-11-23T01:00:00.000Z'));
    expect(findDuplicateCandidates(report, many, options).map((c) => c.case.id)).toEqual(['c11', 'c10', 'c9', 'c8', 'c7']);
    expect(findDuplicateCandidates(report, many, { ...options, limit: 2 }).map((c) => c.case.id)).toEqual(['c11', 'c10']);
  });
});
