import { addWorkingHours } from './working-hours';
import { CHINA_WORK_CALENDAR, scheduleStateOf, withWorkingHours, withYearSchedule } from './work-calendar';

const sh = (local: string) => new Date(`${local}:00+08:00`).toISOString();

describe('a calendar as data an administrator maintains', () => {
  it('tells how far each year can be trusted', () => {
    expect(scheduleStateOf(CHINA_WORK_CALENDAR, 2026)).toBe('official');
    expect(scheduleStateOf(CHINA_WORK_CALENDAR, 2027)).toBe('provisional');
    expect(scheduleStateOf(CHINA_WORK_CALENDAR, 2028)).toBe('missing');
  });

  it('puts in a published year: its holidays stop the clocks, its make-up Saturdays run them', () => {
    // Hypothetical official 2027: Mon Jan 4 off, Sat Jan 9 a make-up workday.
    const published = withYearSchedule(CHINA_WORK_CALENDAR, { year: 2027, provisional: false, holidays: { '2027-01-01': '元旦', '2027-01-04': '元旦' }, makeUpWorkdays: { '2027-01-09': '元旦' } });
    expect(scheduleStateOf(published, 2027)).toBe('official');
    // Thu Dec 31 17:00 + 1 h: 0.5 h Thu, then Tue Jan 5 (Fri 1 and Mon 4 off) 08:30 + 0.5 h.
    expect(addWorkingHours(sh('2026-12-31T17:00'), 1, published)).toBe(sh('2027-01-05T09:00'));
    expect(addWorkingHours(sh('2027-01-08T17:00'), 1, published)).toBe(sh('2027-01-09T09:00'));
    // The original is untouched (calendars are values).
    expect(addWorkingHours(sh('2026-12-31T17:00'), 1, CHINA_WORK_CALENDAR)).toBe(sh('2027-01-04T09:00'));
  });

  it('changes working hours and keeps the schedules', () => {
    const longer = withWorkingHours(CHINA_WORK_CALENDAR, { weekdays: [1, 2, 3, 4, 5, 6], windows: [{ start: '08:00', end: '18:00' }] });
    expect(addWorkingHours(sh('2026-11-23T17:00'), 2, longer)).toBe(sh('2026-11-24T09:00'));
    expect(addWorkingHours(sh('2026-11-28T09:00'), 1, longer)).toBe(sh('2026-11-28T10:00'));
    // 国庆 2026 still off.
    expect(addWorkingHours(sh('2026-09-30T17:00'), 2, longer)).toBe(sh('2026-10-08T09:00'));
  });

  it('refuses hours that would leave a clock no working time', () => {
    expect(() => withWorkingHours(CHINA_WORK_CALENDAR, { weekdays: [1], windows: [{ start: '12:00', end: '09:00' }] })).toThrow(RangeError);
  });
});
