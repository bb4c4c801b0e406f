import fc from 'fast-check';
import { localDateOf } from '../calendar/local-time.util';
import { formatCaseCode, parseCaseCode } from './case-code';

describe('case codes', () => {
  it.each([
    ['HK', '2026-11-23', 42, 'HK20261123-0042'],
    ['BH', '2027-01-01', 1, 'BH20270101-0001'],
    ['HK', '2026-11-23', 12345, 'HK20261123-12345'],
  ])('formats %s %s #%i as %s', (prefix, date, sequence, code) => {
    expect(formatCaseCode(prefix, date, sequence)).toBe(code);
    expect(parseCaseCode(code)).toEqual({ prefix, localDate: date, sequence });
  });

  it('dates a code in Shanghai: 23:30 UTC on the 22nd is the 23rd there', () => {
    expect(formatCaseCode('HK', localDateOf('2026-11-22T23:30:00.000Z'), 7)).toBe('HK20261123-0007');
    expect(localDateOf('2026-11-22T15:59:59.999Z')).toBe('2026-11-22');
    expect(localDateOf('2026-11-22T16:00:00.000Z')).toBe('2026-11-23');
  });

  it.each([
    ['hk', '2026-11-23', 1],
    ['H1', '2026-11-23', 1],
    ['HK', '2026-02-30', 1],
    ['HK', '20261123', 1],
    ['HK', '2026-11-23', 0],
    ['HK', '2026-11-23', 1.5],
  ])('refuses to format %s %s #%s', (prefix, date, sequence) => {
    expect(() => formatCaseCode(prefix, date, sequence)).toThrow(RangeError);
  });

  it.each(['', 'HK', 'HK20261123', 'HK20261123-42', 'HK20261323-0042', 'HK20260230-0042', '12345678-0001', 'HK20261123-0000'])('does not parse %j', (text) => {
    expect(parseCaseCode(text)).toBeNull();
  });

  it('parses what it formats, whatever the parts', () => {
    const dates = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{1,8}$/), dates, fc.integer({ min: 1, max: 10_000_000 }), (prefix, localDate, sequence) => {
        expect(parseCaseCode(formatCaseCode(prefix, localDate, sequence))).toEqual({ prefix, localDate, sequence });
      }),
    );
  });
});
