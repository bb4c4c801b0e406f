import { weeklyTrend } from './weekly-trend';

describe('weeklyTrend', () => {
  it('forecasts a flat level with a band no narrower than a Poisson count’s', () => {
    const trend = weeklyTrend([16, 16, 16, 16, 16, 16, 16, 16, 16, 16]);
    // level 16, errors all 0 → spread √16 = 4; week 1 band ±1.96·4 = ±7.84, widening with the horizon
    expect(trend.forecast[0]).toEqual({ expected: 16, low: 8.2, high: 23.8 });
    expect(trend.forecast[3].high).toBeGreaterThan(trend.forecast[0].high);
    expect(trend).toMatchObject({ rising: false, seasonal: false, latest: { count: 16, expected: 16, high: 23.8 } });
  });

  it('flags a latest week above the band of the eight before it', () => {
    const trend = weeklyTrend([10, 12, 9, 11, 10, 12, 9, 11, 10, 30]);
    expect(trend.latest).toMatchObject({ count: 30, expected: 10.5 });
    expect(trend.rising).toBe(true);
  });

  it('does not flag small numbers', () => {
    expect(weeklyTrend([0, 0, 0, 0, 0, 0, 0, 0, 0, 4]).rising).toBe(false);
  });

  it('scales the forecast by last year’s season when the same weeks a year before are known', () => {
    const counts = [10, 10, 10, 10, 10, 10, 10, 10, 10, 10];
    // A year before: 5 a week, then the four forecast weeks were twice as busy.
    const lastYear = [5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 10, 10, 10, 10];
    const trend = weeklyTrend(counts, lastYear);
    expect(trend.seasonal).toBe(true);
    expect(trend.forecast.map((f) => f.expected)).toEqual([20, 20, 20, 20]);
  });

  it('falls back to a flat level when last year is partly unknown', () => {
    const trend = weeklyTrend([10, 10, 10, 10, 10, 10, 10, 10, 10, 10], [null, 5, 5, 5, 5, 5, 5, 5, 5, 5, 10, 10, 10, 10]);
    expect(trend.seasonal).toBe(true); // the base is the last eight of the ten weeks: all known
    expect(weeklyTrend([10, 10, 10], [5, 5, 5]).seasonal).toBe(false);
  });

  it('answers a forecast of nothing for no history, never NaN', () => {
    const trend = weeklyTrend([]);
    expect(trend.forecast).toEqual([0, 0, 0, 0].map(() => ({ expected: 0, low: 0, high: 0 })));
    expect(trend.latest).toBeNull();
  });
});
