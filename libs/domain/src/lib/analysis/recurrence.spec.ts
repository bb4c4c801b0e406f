import { daysOf, instantsOf, periodBefore, periodEnding } from './analysis-period';
import { recurrenceOf, type NearbyCase } from './recurrence';

const HERE = { lat: 32.73, lng: 108.8 };
/** About `metres` north of HERE. */
const north = (metres: number) => ({ lat: HERE.lat + metres / 111_195, lng: HERE.lng });
const report = { id: 'new', location: HERE, reportedAt: '2026-12-07T02:00:00.000Z' };

const nearby = (id: string, metres: number, reportedAt: string, closedAt: string | null): NearbyCase => ({ id, code: id.toUpperCase(), location: north(metres), reportedAt, closedAt });

describe('recurrenceOf', () => {
  it('flags a report at a place whose case of the category was closed 12 days before, counting the reports of 60 days', () => {
    const result = recurrenceOf(report, [
      nearby('a', 20, '2026-10-20T01:00:00.000Z', '2026-10-22T08:00:00.000Z'),
      nearby('b', 60, '2026-11-20T01:00:00.000Z', '2026-11-25T01:00:00.000Z'),
    ]);
    expect(result).toEqual({
      timesReported: 3,
      windowDays: 60,
      radiusMeters: 100,
      lastClosed: { id: 'b', code: 'B', closedAt: '2026-11-25T01:00:00.000Z', daysBefore: 12 },
      earlier: [
        { id: 'b', code: 'B', reportedAt: '2026-11-20T01:00:00.000Z', closedAt: '2026-11-25T01:00:00.000Z' },
        { id: 'a', code: 'A', reportedAt: '2026-10-20T01:00:00.000Z', closedAt: '2026-10-22T08:00:00.000Z' },
      ],
    });
  });

  it('counts the closed case reported before the window as a report of the place', () => {
    const result = recurrenceOf(report, [nearby('old', 10, '2026-09-01T00:00:00.000Z', '2026-11-30T00:00:00.000Z')]);
    expect(result?.timesReported).toBe(2);
    expect(result?.earlier).toEqual([]);
  });

  it.each([
    ['closed 61 days before', [nearby('a', 10, '2026-09-01T00:00:00.000Z', '2026-10-07T01:00:00.000Z')]],
    ['farther than the radius', [nearby('a', 130, '2026-11-20T00:00:00.000Z', '2026-11-25T00:00:00.000Z')]],
    ['still open (a duplicate, not a recurrence)', [nearby('a', 10, '2026-12-01T00:00:00.000Z', null)]],
    ['closed after the report', [nearby('a', 10, '2026-12-01T00:00:00.000Z', '2026-12-08T00:00:00.000Z')]],
    ['itself', [{ ...nearby('new', 0, '2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z') }]],
    ['nothing near', []],
  ])('is null when the only case is %s', (_, cases) => {
    expect(recurrenceOf(report, cases)).toBeNull();
  });

  it('takes its radius and window from the rules', () => {
    const cases = [nearby('a', 130, '2026-08-01T00:00:00.000Z', '2026-09-01T00:00:00.000Z')];
    expect(recurrenceOf(report, cases, { radiusMeters: 150, windowDays: 120 })?.lastClosed.daysBefore).toBe(97);
  });
});

describe('analysis periods', () => {
  it.each([
    [{ from: '2028-02-01', to: '2028-02-29' }, 29],
    [{ from: '2026-02-01', to: '2026-02-28' }, 28],
    [{ from: '2026-12-07', to: '2026-12-07' }, 1],
    [{ from: '2024-01-01', to: '2024-12-31' }, 366],
  ])('%o holds %i days', (period, days) => {
    expect(daysOf(period)).toBe(days);
  });

  it('covers local dates in Beijing time', () => {
    expect(instantsOf({ from: '2026-12-01', to: '2026-12-07' })).toEqual({ fromMs: Date.parse('2026-11-30T16:00:00Z'), toMs: Date.parse('2026-12-07T16:00:00Z') });
  });

  it('finds the period of the same length before, across a leap day', () => {
    expect(periodBefore({ from: '2028-03-01', to: '2028-03-07' })).toEqual({ from: '2028-02-23', to: '2028-02-29' });
    expect(periodEnding('2028-03-01', 7)).toEqual({ from: '2028-02-24', to: '2028-03-01' });
  });
});
