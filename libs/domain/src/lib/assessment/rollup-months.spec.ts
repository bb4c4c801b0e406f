import { isFinished, monthOf, nextMonth, wholeMonthsOf } from './rollup-months';

describe('wholeMonthsOf: which months of a period the rollups answer', () => {
  it.each([
    ['a quarter', '2026-07-01', '2026-09-30', { from: '2026-07-01', to: '2026-10-01' }],
    ['one month', '2026-02-01', '2026-02-28', { from: '2026-02-01', to: '2026-03-01' }],
    ['February of a leap year, to its 29th', '2028-02-01', '2028-02-29', { from: '2028-02-01', to: '2028-03-01' }],
    ['a month ending a year', '2026-12-01', '2026-12-31', { from: '2026-12-01', to: '2027-01-01' }],
    ['edges on both sides', '2026-08-15', '2026-11-23', { from: '2026-09-01', to: '2026-11-01' }],
    ['a leading edge', '2026-08-15', '2026-10-31', { from: '2026-09-01', to: '2026-11-01' }],
    ['a trailing edge', '2026-09-01', '2026-11-23', { from: '2026-09-01', to: '2026-11-01' }],
    ['across a year', '2026-12-02', '2027-02-28', { from: '2027-01-01', to: '2027-03-01' }],
  ])('%s (%s … %s)', (_, from, to, expected) => {
    expect(wholeMonthsOf(from, to)).toEqual(expected);
  });

  it.each([
    ['inside one month', '2026-10-05', '2026-10-25'],
    ['a single day', '2026-10-31', '2026-10-31'],
    ['the first of a month alone', '2026-10-01', '2026-10-01'],
    ['two partial months', '2026-09-10', '2026-10-20'],
    ['a month but its last day', '2026-02-01', '2026-02-27'],
  ])('none for %s (%s … %s)', (_, from, to) => {
    expect(wholeMonthsOf(from, to)).toBeNull();
  });

  it('names months by their first day', () => {
    expect([monthOf('2026-11-23'), nextMonth('2026-11-01'), nextMonth('2026-12-01')]).toEqual(['2026-11-01', '2026-12-01', '2027-01-01']);
  });

  it('rolls up closed, rejected and cancelled cases only', () => {
    expect((['closed', 'rejected', 'cancelled', 'handled', 'verified', 'reported', 'in_progress'] as const).map((status) => isFinished({ status }))).toEqual([true, true, true, false, false, false, false]);
  });
});
