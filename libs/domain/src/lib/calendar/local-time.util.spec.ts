import { localDateOf, localDateOfMs, nextDate } from './local-time.util';

describe('local dates', () => {
  it('names the local date of an instant at the offset, on both sides of local midnight', () => {
    expect(localDateOf('2026-11-23T15:59:59.999Z')).toBe('2026-11-23');
    expect(localDateOf('2026-11-23T16:00:00.000Z')).toBe('2026-11-24');
    expect(localDateOfMs(Date.parse('2026-12-31T16:00:00Z'), 480)).toBe('2027-01-01');
    expect(localDateOfMs(Date.parse('2026-01-01T03:00:00Z'), -300)).toBe('2025-12-31');
    expect(localDateOfMs(-1, 0)).toBe('1969-12-31');
  });

  it('answers the same date as the slow path for every hour of two years', () => {
    for (let ms = Date.parse('2025-12-01T00:00:00Z'); ms < Date.parse('2027-12-31T00:00:00Z'); ms += 3_600_000 + 61_000) {
      expect(localDateOfMs(ms, 480)).toBe(new Date(ms + 480 * 60_000).toISOString().slice(0, 10));
    }
  });

  it('steps to the next date across months and years', () => {
    expect(nextDate('2026-02-28')).toBe('2026-03-01');
    expect(nextDate('2026-12-31')).toBe('2027-01-01');
  });
});
