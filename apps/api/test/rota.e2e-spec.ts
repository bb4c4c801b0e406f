import type { AreaDto, CaseDetail, OnDutyResponse, RotaImportDto, UserDto } from '@grid/contracts';
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { act, gridFixture, post, report, upload, type GridFixture } from './cases-helpers';
import { rotaTemplate } from '../src/modules/rota/rota-workbook';
import { cli } from './cli-runner';
import { useTestApp, type TestContext } from './test-app';

const HOUR = 3_600_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

async function send(t: TestContext, method: 'put' | 'delete', username: string, url: string, body?: object): Promise<request.Response> {
  const { accessToken } = await t.login(username);
  const req = request(t.app.getHttpServer())[method](url).set('Authorization', `Bearer ${accessToken}`);
  return body ? req.send(body) : req;
}

/** A rota workbook with the template's zh-CN header and the given rows. */
async function workbook(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('值班表');
  sheet.addRow(['日期/星期', '网格/部门编码', '用户名', '开始', '结束', '顶岗人', '生效日期', '截止日期']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The rule the automatic dispatch wrote into the case's `dispatched` event. */
const ruleOf = (c: CaseDetail) => c.timeline.find((e) => e.kind === 'dispatched')?.data['rule'];

describe('the duty rota and dispatch to the person on duty (issue 17)', () => {
  const t = useTestApp();
  let grids: AreaDto[];
  /** A grid of the rota's own (high indices: other specs use the first ones). */
  const fixtures: GridFixture[] = [];
  /** A worker of another grid in the same zone as fixtures[0], to stand in. */
  let neighbour: UserDto;
  /** Another such worker. */
  let neighbour2: UserDto;
  let otherZoneLeader: UserDto;
  let leaderOf: (g: AreaDto) => Promise<UserDto>;

  const shift = (username: string, body: object) => post(t, username, '/api/admin/shifts', body);
  const uploadRota = (username: string, file: Buffer, name = 'rota.xlsx') => upload(t, username, '/api/admin/rota/imports', file, {}, name);

  beforeAll(async () => {
    grids = (await t.get('admin', '/api/areas?level=grid')).body;
    for (const i of [360, 361, 362, 363, 364, 365, 366]) fixtures.push(await gridFixture(t, i));
    const zone = fixtures[0].grid.path[1];
    const [near, near2] = grids.filter((g) => g.path[1] === zone && !fixtures.some((f) => f.grid.id === g.id));
    [neighbour] = (await t.get('admin', `/api/users?areaId=${near.id}&role=grid_worker`)).body as UserDto[];
    [neighbour2] = (await t.get('admin', `/api/users?areaId=${near2.id}&role=grid_worker`)).body as UserDto[];
    otherZoneLeader = ((await t.get('admin', '/api/users?role=zone_leader')).body as UserDto[]).find((u) => u.areaId !== zone) as UserDto;
    leaderOf = async (g) => ((await t.get('admin', `/api/users?areaId=${g.parentId}&role=grid_leader`)).body as UserDto[])[0];
  });


  describe('POST /api/admin/shifts', () => {
    it('creates a shift (201), audited; the zone leader in their own zone too', async () => {
      const [a] = fixtures;
      const res = await shift('admin', { userId: a.worker.id, areaId: a.grid.id, start: iso(100 * HOUR), end: iso(108 * HOUR) });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ userId: a.worker.id, username: a.worker.username, areaId: a.grid.id, departmentId: null, patternId: null });
      const [audit] = await t.app.get(DataSource).query(`SELECT detail FROM audit_log WHERE action = 'rota_changed' AND detail->>'id' = $1`, [res.body.id]);
      expect(audit.detail).toMatchObject({ op: 'shift_created', userId: a.worker.id });
      const own = await shift(a.zoneLeader.username, { userId: a.worker.id, areaId: a.grid.id, start: iso(110 * HOUR), end: iso(118 * HOUR) });
      expect(own.status).toBe(201);
    });

    it.each([
      ['an end before the start', { start: iso(50 * HOUR), end: iso(49 * HOUR) }, 'end'],
      ['an end equal to the start', { start: iso(50 * HOUR), end: iso(50 * HOUR) }, 'end'],
      ['more than 24 hours', { start: iso(50 * HOUR), end: iso(75 * HOUR) }, 'end'],
      ['not an ISO time', { start: 'tomorrow', end: iso(52 * HOUR) }, 'start'],
    ])('refuses %s (400 naming the field)', async (_name, times, field) => {
      const [a] = fixtures;
      const res = await shift('admin', { userId: a.worker.id, areaId: a.grid.id, ...times });
      expect(res.status).toBe(400);
      expect(res.body.fields).toHaveProperty(field);
    });

    it('refuses a place that is not one (400), a person who does not exist (400) and an overlap (409)', async () => {
      const [a] = fixtures;
      const times = { start: iso(200 * HOUR), end: iso(204 * HOUR) };
      expect((await shift('admin', { userId: a.worker.id, ...times })).body.fields).toHaveProperty('areaId');
      expect((await shift('admin', { userId: a.worker.id, areaId: a.grid.parentId, ...times })).body.fields).toMatchObject({ areaId: 'not a grid' });
      expect((await shift('admin', { userId: '00000000-0000-4000-8000-000000000000', areaId: a.grid.id, ...times })).body.fields).toHaveProperty('userId');
      expect((await shift('admin', { userId: a.worker.id, areaId: a.grid.id, ...times })).status).toBe(201);
      const overlap = await shift('admin', { userId: a.worker.id, areaId: a.grid.id, start: iso(203 * HOUR), end: iso(206 * HOUR) });
      expect(overlap.status).toBe(409);
    });

    it('refuses a zone leader outside their zone (403) and a worker (403), writing nothing', async () => {
      const [a] = fixtures;
      const body = { userId: a.worker.id, areaId: a.grid.id, start: iso(300 * HOUR), end: iso(301 * HOUR) };
      expect((await shift(otherZoneLeader.username, body)).status).toBe(403);
      expect((await shift(a.worker.username, body)).status).toBe(403);
      const listed = await t.get('admin', `/api/admin/shifts?areaId=${a.grid.id}&from=${iso(299 * HOUR)}&to=${iso(302 * HOUR)}`);
      expect(listed.body).toEqual([]);
    });

    it('updates and deletes a shift; the list shows it, then does not', async () => {
      const [a] = fixtures;
      const made = await shift(a.zoneLeader.username, { userId: a.worker.id, areaId: a.grid.id, start: iso(400 * HOUR), end: iso(404 * HOUR) });
      const moved = await send(t, 'put', a.zoneLeader.username, `/api/admin/shifts/${made.body.id}`, { userId: a.worker.id, areaId: a.grid.id, start: iso(401 * HOUR), end: iso(405 * HOUR) });
      expect(moved.status).toBe(200);
      expect(moved.body.start).toBe(iso(401 * HOUR).slice(0, 13) + moved.body.start.slice(13));
      expect((await send(t, 'delete', otherZoneLeader.username, `/api/admin/shifts/${made.body.id}`)).status).toBe(403);
      expect((await send(t, 'delete', a.zoneLeader.username, `/api/admin/shifts/${made.body.id}`)).status).toBe(204);
      expect((await send(t, 'delete', a.zoneLeader.username, `/api/admin/shifts/${made.body.id}`)).status).toBe(404);
    });
  });

  describe('weekly patterns and leave', () => {
    it('expands a night pattern into the week’s shifts, skips an exception, and deletes', async () => {
      const g = fixtures[6];
      const made = await post(t, 'admin', '/api/admin/shift-patterns', { userId: g.worker.id, areaId: g.grid.id, weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '20:00', endTime: '08:00', from: '2030-01-07', to: '2030-01-13' });
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({ night: true, weekdays: [1, 2, 3, 4, 5, 6, 7], from: '2030-01-07', to: '2030-01-13', skipDates: [] });
      const week = `/api/admin/shifts?areaId=${g.grid.id}&from=2030-01-07T00:00:00%2B08:00&to=2030-01-14T00:00:00%2B08:00`;
      const shifts = (await t.get('admin', week)).body as { start: string; end: string; patternId: string }[];
      expect(shifts).toHaveLength(7);
      expect(shifts[0]).toMatchObject({ start: '2030-01-07T12:00:00.000Z', end: '2030-01-08T00:00:00.000Z', patternId: made.body.id });
      const { userId, areaId, weekdays, startTime, endTime, from, to } = made.body;
      const updated = await send(t, 'put', 'admin', `/api/admin/shift-patterns/${made.body.id}`, { userId, areaId, weekdays, startTime, endTime, from, to, skipDates: ['2030-01-09'] });
      expect(updated.status).toBe(200);
      expect((await t.get('admin', week)).body).toHaveLength(6);
      expect((await post(t, 'admin', '/api/admin/shift-patterns', { userId: g.worker.id, areaId: g.grid.id, weekdays: [8], startTime: '25:00', endTime: '08:00', from: '2030-01-07' })).body.fields).toMatchObject({
        'weekdays.0': expect.any(String),
        startTime: expect.any(String),
      });
      expect((await send(t, 'delete', 'admin', `/api/admin/shift-patterns/${made.body.id}`)).status).toBe(204);
      expect((await t.get('admin', week)).body).toEqual([]);
    });

    it('records leave with a substitute; refuses the person as their own substitute (400) and a zone leader outside the zone (403)', async () => {
      const g = fixtures[6];
      const body = { userId: g.worker.id, start: iso(500 * HOUR), end: iso(548 * HOUR), substituteId: neighbour.id, reason: '病假' };
      expect((await post(t, 'admin', '/api/admin/leaves', { ...body, substituteId: g.worker.id })).body.fields).toHaveProperty('substituteId');
      expect((await post(t, otherZoneLeader.username, '/api/admin/leaves', body)).status).toBe(403);
      const made = await post(t, g.zoneLeader.username, '/api/admin/leaves', body);
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({ userId: g.worker.id, substituteId: neighbour.id, substituteName: neighbour.displayName, reason: '病假' });
      const listed = await t.get(g.zoneLeader.username, `/api/admin/leaves?areaId=${g.grid.id}&from=${iso(0)}&to=${iso(600 * HOUR)}`);
      expect(listed.body.map((l: { id: string }) => l.id)).toEqual([made.body.id]);
      expect((await send(t, 'delete', g.zoneLeader.username, `/api/admin/leaves/${made.body.id}`)).status).toBe(204);
    });
  });

  describe('dispatch to the person on duty, with the rule in the dispatched event', () => {
    it('on_duty: the rota’s person, even from another grid, gets the case, and GET on-duty says so', async () => {
      const g = fixtures[1];
      expect((await shift('admin', { userId: neighbour.id, areaId: g.grid.id, start: iso(-HOUR), end: iso(3 * HOUR) })).status).toBe(201);
      const onDuty: OnDutyResponse = (await t.get(g.zoneLeader.username, `/api/areas/${g.grid.id}/on-duty`)).body;
      expect(onDuty).toMatchObject({ assigneeId: neighbour.id, rule: 'on_duty', rota: true, users: [{ id: neighbour.id, username: neighbour.username, checkedIn: false }] });
      const created = await report(t, 'operator', g.grid);
      expect(created.assigneeId).toBe(neighbour.id);
      expect(ruleOf(created)).toBe('on_duty');
    });

    it('least_loaded: of two on duty, the one with fewer open cases', async () => {
      const g = fixtures[2];
      expect((await shift('admin', { userId: g.worker.id, areaId: g.grid.id, start: iso(-HOUR), end: iso(3 * HOUR) })).status).toBe(201);
      expect((await shift('admin', { userId: neighbour2.id, areaId: g.grid.id, start: iso(-HOUR), end: iso(3 * HOUR) })).status).toBe(201);
      const loads = async () => {
        const rows = (await t.app.get(DataSource).query(`SELECT assignee_id, count(*)::int AS n FROM cases WHERE assignee_id = ANY($1::uuid[]) AND status NOT IN ('closed', 'rejected', 'cancelled') GROUP BY assignee_id`, [[g.worker.id, neighbour2.id]])) as { assignee_id: string; n: number }[];
        return (id: string) => rows.find((r) => r.assignee_id === id)?.n ?? 0;
      };
      const before = await loads();
      const created = await report(t, 'operator', g.grid);
      expect(ruleOf(created)).toBe('least_loaded');
      const other = created.assigneeId === g.worker.id ? neighbour2.id : g.worker.id;
      expect([g.worker.id, neighbour2.id]).toContain(created.assigneeId);
      expect(before(created.assigneeId as string)).toBeLessThanOrEqual(before(other));
    });

    it('substitute: the one on duty is on leave, their substitute gets the case', async () => {
      const g = fixtures[3];
      expect((await shift('admin', { userId: g.worker.id, areaId: g.grid.id, start: iso(-HOUR), end: iso(3 * HOUR) })).status).toBe(201);
      expect((await post(t, 'admin', '/api/admin/leaves', { userId: g.worker.id, start: iso(-2 * HOUR), end: iso(5 * HOUR), substituteId: neighbour.id })).status).toBe(201);
      const onDuty: OnDutyResponse = (await t.get('admin', `/api/areas/${g.grid.id}/on-duty`)).body;
      expect(onDuty).toMatchObject({ assigneeId: neighbour.id, rule: 'substitute', users: [{ id: neighbour.id }] });
      const created = await report(t, 'operator', g.grid);
      expect(created.assigneeId).toBe(neighbour.id);
      expect(ruleOf(created)).toBe('substitute');
    });

    it('grid_leader: a rota with nobody on duty now sends the case to the grid leader; later the shift’s worker is on duty', async () => {
      const g = fixtures[4];
      const leader = await leaderOf(g.grid);
      expect((await shift('admin', { userId: g.worker.id, areaId: g.grid.id, start: iso(3 * HOUR), end: iso(6 * HOUR) })).status).toBe(201);
      const created = await report(t, 'operator', g.grid);
      expect(created.assigneeId).toBe(leader.id);
      expect(ruleOf(created)).toBe('grid_leader');
      const later: OnDutyResponse = (await t.get('admin', `/api/areas/${g.grid.id}/on-duty?at=${encodeURIComponent(iso(4 * HOUR))}`)).body;
      expect(later).toMatchObject({ assigneeId: g.worker.id, rule: 'on_duty' });
    });

    it('without a rota the grid’s worker is on duty (today’s behaviour, with its rule); a person’s dispatch writes manual', async () => {
      const g = fixtures[5];
      const created = await report(t, 'operator', g.grid);
      expect(created.assigneeId).toBe(g.worker.id);
      expect(ruleOf(created)).toBe('on_duty');
      const redispatched = await act(t, g.zoneLeader.username, created.id, 'dispatch', { unit: { level: 'grid', areaId: g.grid.id }, assigneeId: g.worker.id });
      expect(redispatched.status).toBe(200);
      expect((redispatched.body as CaseDetail).timeline.filter((e) => e.kind === 'dispatched').map((e) => e.data['rule'])).toEqual(['on_duty', 'manual']);
    });

    it('answers on-duty only within scope (404 outside), for a grid (400 for a village)', async () => {
      const g = fixtures[5];
      const otherZoneGrid = grids.find((x) => x.path[1] !== g.grid.path[1]) as AreaDto;
      const [otherWorker] = (await t.get('admin', `/api/users?areaId=${otherZoneGrid.id}&role=grid_worker`)).body as UserDto[];
      expect((await t.get(otherWorker.username, `/api/areas/${g.grid.id}/on-duty`)).status).toBe(404);
      expect((await t.get(g.worker.username, `/api/areas/${g.grid.id}/on-duty`)).status).toBe(200);
      expect((await t.get('admin', `/api/areas/${g.grid.parentId}/on-duty`)).status).toBe(400);
    });
  });

  describe('a department’s case goes to its staff member on duty (ADR 0010 addendum)', () => {
    let department: (code: string) => Promise<{ id: string; staff: UserDto }>;
    beforeAll(() => {
      department = async (code) => {
        const { id } = ((await t.get('admin', '/api/departments')).body as { id: string; code: string }[]).find((d) => d.code === code) as { id: string };
        const staff = ((await t.get('admin', `/api/users?role=dept_staff&departmentId=${id}`)).body as UserDto[]).find((u) => u.username === `dept_${code}`) as UserDto;
        return { id, staff };
      };
    });
    const onDutyNow = (d: { id: string; staff: UserDto }) => shift('admin', { userId: d.staff.id, departmentId: d.id, start: iso(-HOUR), end: iso(3 * HOUR) });

    it('owner first: a report of a category its department handles goes to the department’s person on duty, rule on_duty', async () => {
      const zj = await department('zj');
      expect((await t.get('operator', `/api/departments/${zj.id}/on-duty`)).body).toMatchObject({ assigneeId: null, rule: null, rota: false, users: [] });
      expect((await onDutyNow(zj)).status).toBe(201);
      expect((await t.get('operator', `/api/departments/${zj.id}/on-duty`)).body).toMatchObject({ assigneeId: zj.staff.id, rule: 'on_duty', rota: true, users: [{ id: zj.staff.id, username: 'dept_zj' }] });
      const created = await report(t, 'operator', fixtures[0].grid, { categoryCode: 'safety.building' });
      expect(created.unit).toEqual({ level: 'department', departmentId: zj.id });
      expect(created.assigneeId).toBe(zj.staff.id);
      expect(ruleOf(created)).toBe('on_duty');
    });

    it('whistle: each summoned department’s person on duty answers for it (data.rule); one keeping no rota is summoned as a whole', async () => {
      const [zhzf, mz] = [await department('zhzf'), await department('mz')];
      expect((await onDutyNow(zhzf)).status).toBe(201);
      const g = fixtures[5];
      const created = await report(t, 'operator', g.grid);
      expect((await act(t, g.worker.username, created.id, 'accept')).status).toBe(200);
      const res = await act(t, g.zoneLeader.username, created.id, 'whistle', {
        whistleKind: 'routine',
        departments: [
          { departmentId: zhzf.id, lead: true, reportInHours: 1, handleHours: 8 },
          { departmentId: mz.id, lead: false, reportInHours: 1, handleHours: 8 },
        ],
      });
      expect(res.status).toBe(200);
      const whistled = (res.body as CaseDetail).timeline.find((e) => e.kind === 'whistled');
      expect(whistled?.data['departments']).toEqual([
        expect.objectContaining({ departmentId: zhzf.id, assigneeId: zhzf.staff.id, rule: 'on_duty' }),
        expect.not.objectContaining({ assigneeId: expect.anything() }),
      ]);
      expect((res.body as CaseDetail).coHandlers.map((c) => [c.departmentId, c.assigneeId])).toEqual([
        [zhzf.id, zhzf.staff.id],
        [mz.id, null],
      ]);
    });

    it('dispatch to a department without naming a person: its person on duty (rule on_duty); naming one stays manual', async () => {
      const scjg = await department('scjg');
      expect((await onDutyNow(scjg)).status).toBe(201);
      const g = fixtures[5];
      const created = await report(t, 'operator', g.grid);
      expect((await act(t, g.worker.username, created.id, 'return', { note: '属市场监管' })).status).toBe(200);
      const sent = await act(t, 'operator', created.id, 'dispatch', { unit: { level: 'department', departmentId: scjg.id } });
      expect(sent.status).toBe(200);
      expect(sent.body).toMatchObject({ assigneeId: scjg.staff.id, unit: { level: 'department', departmentId: scjg.id } });
      expect((sent.body as CaseDetail).timeline.filter((e) => e.kind === 'dispatched').map((e) => e.data['rule'])).toEqual(['on_duty', 'on_duty']);
      expect((await act(t, scjg.staff.username, created.id, 'accept')).status).toBe(200);
    });

    it('refuses a department shift for someone who does not serve in the department (400), in the API and the import', async () => {
      const zhzf = await department('zhzf');
      const res = await shift('admin', { userId: fixtures[0].worker.id, departmentId: zhzf.id, start: iso(200 * HOUR), end: iso(204 * HOUR) });
      expect(res.status).toBe(400);
      expect(res.body.fields).toEqual({ userId: 'not of this department' });
      const checked = (await uploadRota('admin', await workbook([['2030-07-01', 'zhzf', fixtures[0].worker.username, '08:00', '12:00', '', '', '']]))).body as RotaImportDto;
      expect(checked.problems).toEqual([expect.objectContaining({ row: 2, column: 'username', code: 'person_not_in_department', params: { value: fixtures[0].worker.username, department: 'zhzf' } })]);
    });
  });

  describe('check-in at the start of a shift', () => {
    it('inside the grid: 201 inside; outside without a reason: 400; with one: 201 outside; the on-duty answer shows it', async () => {
      const g = fixtures[1];
      // fixtures[1]'s rota puts the neighbour on duty now (above); their own grid is elsewhere.
      const inside = await post(t, neighbour.username, '/api/shifts/check-in', g.grid.centroid);
      expect(inside.status).toBe(201);
      expect(inside.body).toMatchObject({ areaId: g.grid.id, inside: true, reason: null });
      const elsewhere = fixtures[5].grid.centroid;
      const refused = await post(t, neighbour.username, '/api/shifts/check-in', elsewhere);
      expect(refused.status).toBe(400);
      expect(refused.body.fields).toHaveProperty('reason');
      const reasoned = await post(t, neighbour.username, '/api/shifts/check-in', { ...elsewhere, reason: '在村委会开会' });
      expect(reasoned.status).toBe(201);
      expect(reasoned.body).toMatchObject({ inside: false, reason: '在村委会开会' });
      const mine = await t.get(neighbour.username, '/api/shifts/mine');
      expect(mine.body).toMatchObject({ onDuty: true, areaId: g.grid.id, checkIn: { inside: false } });
      const onDuty: OnDutyResponse = (await t.get('admin', `/api/areas/${g.grid.id}/on-duty`)).body;
      expect(onDuty.users[0]).toMatchObject({ id: neighbour.id, checkedIn: true });
      const board = await t.get(g.zoneLeader.username, `/api/rota/board?areaId=${g.grid.parentId}`);
      expect(board.status).toBe(200);
      expect(board.body.find((r: { gridId: string }) => r.gridId === g.grid.id)).toMatchObject({ rule: 'on_duty', users: [{ id: neighbour.id, checkedIn: true }] });
    });

    it('refuses a worker whose grid keeps a rota and who has no shift now (409)', async () => {
      const g = fixtures[4];
      const res = await post(t, g.worker.username, '/api/shifts/check-in', g.grid.centroid);
      expect(res.status).toBe(409);
      expect((await t.get(g.worker.username, '/api/shifts/mine')).body).toMatchObject({ onDuty: false, checkIn: null });
    });
  });

  describe('rota import from .xlsx (all or nothing)', () => {
    it('checks the template against the demo territory (valid; not applied here; the sample district’s rota: district-files.e2e-spec)', async () => {
      const res = await uploadRota('admin', Buffer.from(await rotaTemplate()));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'valid', problems: [], summary: { rows: 5, shifts: 2, patterns: 3, leaves: 1 } });
    });

    it('lists each problem with its row and column, and refuses to apply (409), writing nothing', async () => {
      const g = fixtures[6];
      const file = await workbook([
        ['2030-03-04', g.grid.code, g.worker.username, '08:30', '17:30', '', '', ''],
        ['2030-03-04', 'NO-SUCH-CODE', g.worker.username, '08:30', '17:30', '', '', ''],
        ['2030-03-05', g.grid.code, 'nobody.here', '8点', '17:30', '', '', ''],
        ['2030-03-04', g.grid.code, g.worker.username, '17:00', '20:00', '', '', ''],
        ['someday', g.grid.code, g.worker.username, '08:30', '17:30', '', '', ''],
      ]);
      const res = await uploadRota('admin', file);
      const checked = res.body as RotaImportDto;
      expect(checked.status).toBe('invalid');
      expect(checked.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ row: 3, column: 'place', code: 'place_unknown', params: { value: 'NO-SUCH-CODE' } }),
          expect.objectContaining({ row: 4, column: 'start' }),
          expect.objectContaining({ row: 5, column: 'start', message: expect.stringMatching(/overlaps row [23] of the same person/) }),
          expect.objectContaining({ row: 6, column: 'date', code: 'date_or_weekdays_malformed', params: { value: 'someday' } }),
        ]),
      );
      expect((await post(t, 'admin', `/api/admin/rota/imports/${checked.id}/apply`, {})).status).toBe(409);
      expect((await t.get('admin', `/api/admin/shifts?areaId=${g.grid.id}&from=2030-03-04T00:00:00Z&to=2030-03-06T00:00:00Z`)).body).toEqual([]);
    });

    it('applies a valid file at once: shifts, a weekly pattern and a substitute’s leave; a second apply is 409', async () => {
      const g = fixtures[6];
      const file = await workbook([
        ['2030-04-01', g.grid.code, g.worker.username, '20:00', '08:00', neighbour.username, '', ''],
        ['周六、周日', g.grid.code, g.worker.username, '09:00', '18:00', '', '2030-04-01', '2030-04-30'],
      ]);
      const checked = (await uploadRota(g.zoneLeader.username, file)).body as RotaImportDto;
      expect(checked).toMatchObject({ status: 'valid', summary: { shifts: 1, patterns: 1, leaves: 1 } });
      const applied = await post(t, g.zoneLeader.username, `/api/admin/rota/imports/${checked.id}/apply`, {});
      expect(applied.status).toBe(200);
      expect(applied.body.status).toBe('applied');
      const week = (await t.get('admin', `/api/admin/shifts?areaId=${g.grid.id}&from=2030-04-01T00:00:00%2B08:00&to=2030-04-08T00:00:00%2B08:00`)).body as { start: string; patternId: string | null }[];
      expect(week.map((s) => [s.start, s.patternId === null])).toEqual([
        ['2030-04-01T12:00:00.000Z', true],
        ['2030-04-06T01:00:00.000Z', false],
        ['2030-04-07T01:00:00.000Z', false],
      ]);
      const onDuty: OnDutyResponse = (await t.get('admin', `/api/areas/${g.grid.id}/on-duty?at=2030-04-01T22:00:00%2B08:00`)).body;
      expect(onDuty).toMatchObject({ rule: 'substitute', assigneeId: neighbour.id });
      expect((await post(t, g.zoneLeader.username, `/api/admin/rota/imports/${checked.id}/apply`, {})).status).toBe(409);
    });

    it('refuses a zone leader’s rows outside their zone (row problems) and what is not a workbook (400)', async () => {
      const g = fixtures[6];
      const file = await workbook([['2030-05-01', g.grid.code, g.worker.username, '08:00', '12:00', '', '', '']]);
      const checked = (await uploadRota(otherZoneLeader.username, file)).body as RotaImportDto;
      expect(checked.status).toBe('invalid');
      expect(checked.problems.map((p) => p.column)).toEqual(['place', 'username']);
      const notXlsx = await uploadRota('admin', Buffer.from('日期,编码\n'), 'rota.csv');
      expect(notXlsx.status).toBe(400);
      expect(notXlsx.body.fields).toHaveProperty('file');
      expect((await uploadRota(g.worker.username, file)).status).toBe(403);
    });

    it('imports from the command line: problems listed with exit 1, a valid file applied', async () => {
      const g = fixtures[6];
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rota-'));
      const bad = path.join(dir, 'bad.xlsx');
      fs.writeFileSync(bad, await workbook([['2030-06-01', 'NO-SUCH-CODE', g.worker.username, '08:00', '12:00', '', '', '']]));
      const refused = await cli(['import-rota', bad]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/row 2 \(place\): no grid or department has the code "NO-SUCH-CODE"/);
      const good = path.join(dir, 'good.xlsx');
      fs.writeFileSync(good, await workbook([['2030-06-01', g.grid.code, g.worker.username, '08:00', '12:00', '', '', '']]));
      const done = await cli(['import-rota', good]);
      expect(done.stdout).toMatch(/1 shifts, 0 weekly patterns, 0 substitutes/);
      expect(done.code).toBe(0);
      expect((await t.get('admin', `/api/admin/shifts?areaId=${g.grid.id}&from=2030-06-01T00:00:00Z&to=2030-06-02T00:00:00Z`)).body).toHaveLength(1);
    }, 180_000);
  });

  it('leaves no rota behind for the other specs', async () => {
    const ds = t.app.get(DataSource);
    const ids = fixtures.map((f) => f.grid.id);
    await ds.query(`DELETE FROM check_ins WHERE area_id = ANY($1::uuid[])`, [ids]);
    await ds.query(`DELETE FROM shifts WHERE area_id = ANY($1::uuid[])`, [ids]);
    await ds.query(`DELETE FROM shift_patterns WHERE area_id = ANY($1::uuid[])`, [ids]);
    await ds.query(`DELETE FROM leaves WHERE user_id = ANY($1::uuid[])`, [fixtures.map((f) => f.worker.id)]);
    await ds.query(`DELETE FROM shifts WHERE department_id IS NOT NULL`);
    expect(await ds.query(`SELECT 1 FROM shifts WHERE area_id = ANY($1::uuid[])`, [ids])).toEqual([]);
  });
});
