/**
 * Residents' personal data (issue 8, DESIGN §9): a resident's name and phone are shown in full only to
 * those who need them to act (the command centre, the case's handler, the leaders of its area, the
 * department handling it), masked for everyone else who may see the case, and never in lists, live
 * pushes or the public tracking page.
 */
import type { AreaDto, CaseDetail, CaseListResponse, UserDto } from '@grid/contracts';
import request from 'supertest';
import { DEPARTMENT_CATEGORY, report } from './cases-helpers';
import { next, useSockets } from './socket-client';
import { useTestApp } from './test-app';

const NAME = '欧阳娜娜';
const PHONE = '13912345678';
const MASKED = { reporterName: '欧***', reporterPhone: '139****5678' };
const FULL = { reporterName: NAME, reporterPhone: PHONE };

type View = 'full' | 'masked' | 'hidden';

describe('personal data of residents', () => {
  const t = useTestApp();
  const sockets = useSockets(t);
  let grid: AreaDto;
  const who: Record<string, string> = {};

  beforeAll(async () => {
    const grids = (await t.get('admin', '/api/areas?level=grid')).body as AreaDto[];
    grid = grids[44];
    const users = (await t.get('admin', '/api/users')).body as UserDto[];
    const [, zoneId, villageId] = grid.path;
    const one = (match: (u: UserDto) => boolean) => (users.find(match) as UserDto).username;
    Object.assign(who, {
      'zone_leader/own': one((u) => u.role === 'zone_leader' && u.areaId === zoneId),
      'zone_leader/other_zone': one((u) => u.role === 'zone_leader' && u.areaId !== zoneId),
      'village_cadre/own': one((u) => u.role === 'village_cadre' && u.areaId === villageId),
      'grid_leader/own': one((u) => u.role === 'grid_leader' && u.areaId === villageId),
      'grid_worker/own (assignee)': one((u) => u.role === 'grid_worker' && u.areaId === grid.id),
      'grid_worker/other_grid': one((u) => u.role === 'grid_worker' && u.areaId !== grid.id && grids.find((g) => g.id === u.areaId)?.parentId === villageId),
      'dept_staff/handling': 'dept_zj',
      'dept_staff/other_dept': 'dept_zhzf',
    });
  });

  const views: [string, View, View][] = [
    // principal, view of a case handled in the grid, view of a case handled by department zj
    ['admin', 'full', 'full'],
    ['operator', 'full', 'full'],
    ['assessor', 'masked', 'masked'],
    ['zone_leader/own', 'full', 'full'],
    ['zone_leader/other_zone', 'hidden', 'hidden'],
    ['village_cadre/own', 'full', 'full'],
    ['grid_leader/own', 'full', 'full'],
    ['grid_worker/own (assignee)', 'full', 'masked'],
    ['grid_worker/other_grid', 'hidden', 'hidden'],
    ['dept_staff/handling', 'hidden', 'full'],
    ['dept_staff/other_dept', 'hidden', 'hidden'],
  ];

  it.each(views)('case detail as %s: %s for a grid case, %s for a department case', async (principal, gridView, deptView) => {
    const username = who[principal] ?? principal;
    for (const [category, expected] of [[{ categoryCode: 'city.litter' }, gridView], [DEPARTMENT_CATEGORY, deptView]] as const) {
      const created = await report(t, 'operator', grid, { ...category, reporter: { name: NAME, phone: PHONE } });
      const res = await t.get(username, `/api/cases/${created.id}`);
      if (expected === 'hidden') {
        expect(res.status).toBe(404);
        continue;
      }
      expect(res.status).toBe(200);
      expect(res.body as CaseDetail).toMatchObject(expected === 'full' ? FULL : MASKED);
      if (expected === 'masked') expect(JSON.stringify(res.body)).not.toMatch(new RegExp(`${NAME}|${PHONE}|12345678`));
    }
  });

  it.each(views.filter(([, gridView]) => gridView !== 'hidden'))('case list as %s carries no personal data', async (principal) => {
    const created = await report(t, 'operator', grid, { reporter: { name: NAME, phone: PHONE } });
    const res = await t.get(who[principal] ?? principal, `/api/cases?q=${created.code}`);
    expect(res.status).toBe(200);
    const list = res.body as CaseListResponse;
    expect(list.items.map((c) => c.id)).toContain(created.id);
    expect(JSON.stringify(list)).not.toMatch(new RegExp(`${NAME}|${PHONE}|reporterName|reporterPhone`));
  });

  it('live pushes carry no personal data', async () => {
    const wall = await sockets.connectAs('operator');
    const pushed = next(wall, 'case.created');
    await report(t, 'operator', grid, { reporter: { name: NAME, phone: PHONE } });
    expect(JSON.stringify(await pushed)).not.toMatch(new RegExp(`${NAME}|${PHONE}`));
  });

  it('the public tracking page shows neither the resident nor, for a sensitive category, what it is about', async () => {
    const ordinary = await report(t, 'operator', grid, { reporter: { name: NAME, phone: PHONE }, description: '门口垃圾没人清' });
    const open = await request(t.app.getHttpServer()).get(`/api/public/cases/${ordinary.trackingToken}`).expect(200);
    expect(JSON.stringify(open.body)).not.toMatch(new RegExp(`${NAME}|${PHONE}|门口垃圾|reporter|description|actorId`));
    expect(open.body.categoryName).toBe('暴露垃圾');

    const sensitive = await report(t, 'operator', grid, { categoryCode: 'dispute.neighbour', reporter: { name: NAME, phone: PHONE }, description: '邻里因宅基地争执' });
    const hidden = await request(t.app.getHttpServer()).get(`/api/public/cases/${sensitive.trackingToken}`).expect(200);
    expect(hidden.body).toMatchObject({ categoryName: '', categoryNameEn: '' });
    expect(JSON.stringify(hidden.body)).not.toMatch(new RegExp(`${NAME}|${PHONE}|宅基地`));
  });

  it("staff work phones: in full to those who dispatch, masked to an assessor", async () => {
    const full = (await t.get('operator', '/api/users?role=grid_worker')).body as UserDto[];
    const withPhone = full.find((u) => u.phone && u.phone.replace(/\D/g, '').length >= 11) as UserDto;
    expect(withPhone.phone).toMatch(/^\d{11}$/);
    const zone = (await t.get(who['zone_leader/own'], '/api/users?role=grid_worker')).body as UserDto[];
    expect(zone.every((u) => !u.phone || /^\d+$/.test(u.phone))).toBe(true);
    const assessed = (await t.get('assessor', '/api/users?role=grid_worker')).body as UserDto[];
    const same = assessed.find((u) => u.id === withPhone.id) as UserDto;
    expect(same.phone).toBe(`${withPhone.phone?.slice(0, 3)}****${withPhone.phone?.slice(-4)}`);
    expect(JSON.stringify(assessed)).not.toContain(withPhone.phone as string);
  });
});
