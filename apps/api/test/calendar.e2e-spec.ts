import type { CaseDetail, CategoryDto, WorkCalendarDto } from '@grid/contracts';
import request from 'supertest';
import { SlaSweeper } from '../src/modules/cases/sla-sweeper.service';
import { gridFixture, report } from './cases-helpers';
import { useTestApp, type TestContext } from './test-app';

const HOUR = 3_600_000;

async function put(t: TestContext, username: string, url: string, body: object): Promise<request.Response> {
  const { accessToken } = await t.login(username);
  return request(t.app.getHttpServer()).put(url).set('Authorization', `Bearer ${accessToken}`).send(body);
}

describe('working calendar as data (/api/calendar)', () => {
  const t = useTestApp();
  let original: WorkCalendarDto;
  beforeAll(async () => {
    original = (await t.get('admin', '/api/calendar')).body;
  });

  // Inside their own block, so that the calendar is put back before the app above closes (an outer afterAll).
  describe('changing it', () => {
    afterAll(async () => {
      // The database is shared with the other test files: put the shipped calendar back.
      expect((await put(t, 'admin', '/api/calendar/hours', { weekdays: original.weekdays, windows: original.windows })).status).toBe(200);
      const y2027 = original.years.find((y) => y.year === 2027);
      if (y2027) expect((await put(t, 'admin', '/api/calendar/years/2027', y2027)).status).toBe(200);
      expect((await t.get('admin', '/api/calendar')).body).toEqual(original);
    });

    it('shows every signed-in user the calendar, with how far this year and the next can be trusted', async () => {
      const res = await t.get('grid001', '/api/calendar');
      expect(res.status).toBe(200);
      const calendar: WorkCalendarDto = res.body;
      expect(calendar.windows).toEqual([{ start: '08:30', end: '12:00' }, { start: '14:00', end: '17:30' }]);
      expect(calendar.years.find((y) => y.year === 2026)?.holidays['2026-10-01']).toMatch(/国庆/);
      for (const { year, state } of calendar.coverage) {
        const schedule = calendar.years.find((y) => y.year === year);
        expect(state).toBe(!schedule ? 'missing' : schedule.provisional ? 'provisional' : 'official');
      }
      expect((await request(t.app.getHttpServer()).get('/api/calendar')).status).toBe(401);
    });

    it('lets only an administrator change it, and refuses a bad schedule field by field', async () => {
      const schedule = { year: 2027, holidays: { '2027-01-01': '元旦' }, makeUpWorkdays: {} };
      expect((await put(t, 'zone01', '/api/calendar/years/2027', schedule)).status).toBe(403);
      expect((await put(t, 'operator', '/api/calendar/hours', { weekdays: [1], windows: [{ start: '09:00', end: '17:00' }] })).status).toBe(403);
      const wrongYear = await put(t, 'admin', '/api/calendar/years/2027', { ...schedule, holidays: { '2028-01-01': '元旦' } });
      expect(wrongYear.status).toBe(400);
      expect(JSON.stringify(wrongYear.body)).toContain('2028-01-01');
      expect((await put(t, 'admin', '/api/calendar/years/2028', schedule)).status).toBe(400);
      const backwards = await put(t, 'admin', '/api/calendar/hours', { weekdays: [1, 2], windows: [{ start: '17:00', end: '09:00' }] });
      expect(backwards.status).toBe(400);
      expect((await t.get('admin', '/api/calendar')).body).toEqual(original);
    });

    it('publishes a year: it becomes official and is kept', async () => {
      const published = { year: 2027, provisional: false, holidays: { '2027-01-01': '元旦', '2027-02-06': '春节' }, makeUpWorkdays: { '2027-02-20': '春节' } };
      const res = await put(t, 'admin', '/api/calendar/years/2027', published);
      expect(res.status).toBe(200);
      const calendar: WorkCalendarDto = (await t.get('grid001', '/api/calendar')).body;
      expect(calendar.years.find((y) => y.year === 2027)).toEqual(published);
      if (calendar.coverage.some((c) => c.year === 2027)) expect(calendar.coverage.find((c) => c.year === 2027)?.state).toBe('official');
    });

    it('moves due times with new working hours: new reports at once, open cases after the sweeper’s next look', async () => {
      const categories: CategoryDto[] = (await t.get('admin', '/api/categories')).body;
      const litter = categories.find((c) => c.code === 'city.litter') as CategoryDto;
      expect(litter.clock).toBe('working');
      const acceptMs = litter.timeLimits.normal.acceptHours * HOUR;
      const { grid, zoneLeader } = await gridFixture(t, 350);
      const before = await report(t, zoneLeader.username, grid);

      // Round the clock, every day: a working hour is an hour.
      expect((await put(t, 'admin', '/api/calendar/hours', { weekdays: [1, 2, 3, 4, 5, 6, 7], windows: [{ start: '00:00', end: '24:00' }] })).status).toBe(200);
      const after = await report(t, zoneLeader.username, grid);
      expect(Date.parse(after.acceptDueAt as string) - Date.parse(after.reportedAt)).toBe(acceptMs);

      await t.app.get(SlaSweeper).sweep(new Date());
      const moved: CaseDetail = (await t.get('operator', `/api/cases/${before.id}`)).body;
      expect(Date.parse(moved.acceptDueAt as string) - Date.parse(moved.reportedAt)).toBe(acceptMs);
      const listed = (await t.get('operator', `/api/cases?q=${encodeURIComponent(before.description)}`)).body;
      expect(listed.items[0].acceptDueAt).toBe(moved.acceptDueAt);
    });
  });
});
