import fc from 'fast-check';
import { addCalendarHours, calendarHoursBetween } from './calendar-hours';
import { addWorkingHours, workingHoursBetween } from './working-hours';
import { CHINA_WORK_CALENDAR, createWorkCalendar, isProvisional, isWorkday } from './work-calendar';

const cal = CHINA_WORK_CALENDAR;
/** Shanghai local time → instant (UTC+8). */
const sh = (local: string) => new Date(`${local}:00+08:00`).toISOString();

describe('addWorkingHours (Mon–Fri 08:30–12:00, 14:00–17:30, China 2026)', () => {
  it.each([
    ['inside the morning', '2026-11-23T09:00', 2, '2026-11-23T11:00'],
    ['across lunch: 10:00 + 4 h = 2 h before 12:00, 2 h from 14:00', '2026-11-23T10:00', 4, '2026-11-23T16:00'],
    ['landing on the lunch break stays at 12:00', '2026-11-23T10:00', 2, '2026-11-23T12:00'],
    ['from the lunch break, the clock starts at 14:00', '2026-11-23T12:30', 1, '2026-11-23T15:00'],
    ['before office hours, it starts at 08:30', '2026-11-23T06:00', 1, '2026-11-23T09:30'],
    ['a full working day is 7 h', '2026-11-23T08:30', 7, '2026-11-23T17:30'],
    ['over the weekend: Fri 16:30 + 2 h = 1 h Fri, 1 h Mon', '2026-11-27T16:30', 2, '2026-11-30T09:30'],
    ['from Saturday, Monday morning', '2026-11-28T10:00', 0.5, '2026-11-30T09:00'],
    ['the 40 h standard limit: 6.5 h Mon + 4 × 7 h + 5.5 h next Mon', '2026-11-23T09:00', 40, '2026-11-30T16:00'],
    // 春节 2026: Feb 15–23 off, Sat Feb 14 and Sat Feb 28 make-up workdays.
    ['Spring Festival make-up Saturday: Fri 16:00 + 8 h = 1.5 Fri + 6.5 Sat 14', '2026-02-13T16:00', 8, '2026-02-14T17:00'],
    ['over the Spring Festival: Sat 14 17:00 + 2 h = 0.5 h, then Tue 24 08:30 + 1.5 h', '2026-02-14T17:00', 2, '2026-02-24T10:00'],
    ['Sat Feb 28 is a workday', '2026-02-27T17:00', 1, '2026-02-28T09:00'],
    // 国庆 2026: Oct 1–7 off, Sun Sep 20 and Sat Oct 10 make-up workdays.
    ['National Day: Wed Sep 30 15:00 + 8 h = 2.5 h, then Thu Oct 8 until 16:00', '2026-09-30T15:00', 8, '2026-10-08T16:00'],
    ['Sun Sep 20 is a make-up workday: Sat 19 + 1 h', '2026-09-19T10:00', 1, '2026-09-20T09:30'],
    ['Sat Oct 10 is a make-up workday: Fri 9 17:00 + 1 h', '2026-10-09T17:00', 1, '2026-10-10T09:00'],
    ['Mid-autumn Fri Sep 25 is off: Thu 24 17:00 + 1 h', '2026-09-24T17:00', 1, '2026-09-28T09:00'],
    // 2027 provisional: Jan 1 (Fri) off, then the weekend.
    ['into provisional 2027: Thu Dec 31 17:00 + 1 h', '2026-12-31T17:00', 1, '2027-01-04T09:00'],
    ['zero hours is the start itself, even off hours', '2026-11-28T22:00', 0, '2026-11-28T22:00'],
  ])('%s', (_name, start, hours, due) => {
    expect(addWorkingHours(sh(start), hours, cal)).toBe(sh(due));
  });

  it('refuses negative hours', () => {
    expect(() => addWorkingHours(sh('2026-11-23T09:00'), -1, cal)).toThrow(RangeError);
  });
});

describe('workingHoursBetween', () => {
  it.each([
    ['across lunch', '2026-11-23T11:30', '2026-11-23T14:30', 1],
    ['over a weekend', '2026-11-27T16:30', '2026-11-30T09:30', 2],
    ['a whole week', '2026-11-23T00:00', '2026-11-30T00:00', 35],
    ['over the Spring Festival: Fri 13 and the make-up Sat 14 only', '2026-02-13T08:30', '2026-02-24T08:30', 14],
    ['over National Day: Sep 30 and nothing until Oct 8', '2026-09-30T08:30', '2026-10-08T08:30', 7],
    ['backwards is negative', '2026-11-23T14:30', '2026-11-23T11:30', -1],
    ['a night is nothing', '2026-11-23T18:00', '2026-11-24T08:00', 0],
  ])('%s', (_name, a, b, hours) => {
    expect(workingHoursBetween(sh(a), sh(b), cal)).toBe(hours);
  });

  it('is the inverse of addWorkingHours', () => {
    const starts = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-01T00:00:00Z') });
    fc.assert(
      fc.property(starts, fc.integer({ min: 0, max: 200 * 60 }), (startMs, minutes) => {
        const start = new Date(startMs).toISOString();
        const due = addWorkingHours(start, minutes / 60, cal);
        expect(workingHoursBetween(start, due, cal) * 60).toBeCloseTo(minutes, 6);
        expect(Date.parse(due)).toBeGreaterThanOrEqual(startMs);
      }),
      { numRuns: 300 },
    );
  });
});

describe('calendar hours (emergencies)', () => {
  it('never stop, weekends and holidays included', () => {
    expect(addCalendarHours(sh('2026-09-30T20:00'), 12)).toBe(sh('2026-10-01T08:00'));
    expect(calendarHoursBetween(sh('2026-02-13T20:00'), sh('2026-02-14T02:30'))).toBe(6.5);
  });
});

describe('work calendar', () => {
  it.each([
    ['2026-11-23', true, 'a Monday'],
    ['2026-11-28', false, 'a Saturday'],
    ['2026-02-14', true, 'a make-up Saturday'],
    ['2026-02-16', false, 'Spring Festival on a Monday'],
    ['2026-01-04', true, 'the New Year make-up Sunday'],
    ['2026-10-08', true, 'the Thursday after National Day'],
    ['2027-05-01', false, 'provisional Labour Day (a Saturday anyway)'],
    ['2027-10-01', false, 'provisional National Day, a Friday'],
    ['2027-10-04', true, 'a Monday in provisional 2027'],
  ])('%s is a workday: %s (%s)', (date, workday) => {
    expect(isWorkday(cal, date)).toBe(workday);
  });

  it.each([
    ['2026-06-01T00:00', false],
    ['2027-03-01T00:00', true],
    ['2028-03-01T00:00', true],
    // 2027 starts at Shanghai midnight, 16:00 UTC the day before.
    ['2026-12-31T23:59', false],
  ])('an instant at %s is provisional: %s', (local, provisional) => {
    expect(isProvisional(cal, sh(local))).toBe(provisional);
  });

  it('has configurable working hours', () => {
    const straight = createWorkCalendar({ years: [], windows: [{ start: '09:00', end: '17:00' }] });
    expect(addWorkingHours(sh('2026-11-23T11:00'), 4, straight)).toBe(sh('2026-11-23T15:00'));
    expect(workingHoursBetween(sh('2026-11-23T00:00'), sh('2026-11-24T00:00'), straight)).toBe(8);
  });

  it.each([
    ['no weekdays', { weekdays: [] }],
    ['a backwards window', { windows: [{ start: '12:00', end: '08:30' }] }],
    ['overlapping windows', { windows: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '13:00' }] }],
  ])('refuses a calendar with %s', (_name, options) => {
    expect(() => createWorkCalendar({ years: [], ...options })).toThrow(RangeError);
  });
});
