import { beforeAfterMeasure } from './before-after';

const DAY = 86_400_000;
const OPENED = Date.parse('2026-11-01T00:00:00Z');

describe('beforeAfterMeasure', () => {
  it('compares reports per week over the eight weeks before with the weeks since', () => {
    // 16 reports in the 8 weeks before (2 a week), 2 in the 2 weeks since (1 a week): halved.
    const before = Array.from({ length: 16 }, (_, i) => OPENED - (i + 1) * 3 * DAY);
    const after = [OPENED + 2 * DAY, OPENED + 10 * DAY];
    expect(beforeAfterMeasure([...before, ...after], OPENED, OPENED + 14 * DAY)).toEqual({
      baselineWeeks: 8,
      before: { cases: 16, perWeek: 2 },
      after: { cases: 2, weeks: 2, perWeek: 1 },
      change: -0.5,
      status: 'measuring',
    });
  });

  it('leaves out reports before the baseline and after now', () => {
    const result = beforeAfterMeasure([OPENED - 60 * DAY, OPENED - DAY, OPENED + DAY, OPENED + 30 * DAY], OPENED, OPENED + 7 * DAY);
    expect(result.before.cases).toBe(1);
    expect(result.after).toEqual({ cases: 1, weeks: 1, perWeek: 1 });
  });

  it('holds back the rate in the first week', () => {
    const result = beforeAfterMeasure([OPENED + DAY], OPENED, OPENED + 3 * DAY);
    expect(result).toMatchObject({ status: 'too_early', change: null, after: { cases: 1, perWeek: null } });
  });

  it('gives no change without a baseline', () => {
    expect(beforeAfterMeasure([OPENED + DAY], OPENED, OPENED + 8 * DAY).change).toBeNull();
  });
});
