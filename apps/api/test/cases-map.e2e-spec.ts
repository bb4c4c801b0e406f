import { CASE_MAP_CODES, type AreaDto, type CaseMapResponse } from '@grid/contracts';
import request from 'supertest';
import { act, gridFixture, report } from './cases-helpers';
import { useTestApp } from './test-app';

/** Row i of the compact answer, decoded. */
function row(map: CaseMapResponse, id: string) {
  const i = map.ids.indexOf(id);
  if (i < 0) return null;
  return {
    lat: map.lat[i] / 1e5,
    lng: map.lng[i] / 1e5,
    seq: map.seqs[i],
    gridId: map.grids[map.grid[i]],
    categoryCode: map.categories[map.category[i]],
    status: CASE_MAP_CODES.status[map.status[i]],
    priority: CASE_MAP_CODES.priority[map.priority[i]],
    sla: CASE_MAP_CODES.sla[map.sla[i]],
  };
}

/** GET /api/cases/map: the command-centre map's compact view of the open cases. */
describe('case map', () => {
  const t = useTestApp();
  const map = async (username: string, query = '') => {
    const res = await t.get(username, `/api/cases/map${query}`);
    if (res.status !== 200) throw new Error(`map: ${res.status} ${JSON.stringify(res.body)}`);
    return { body: JSON.parse(res.text) as CaseMapResponse, etag: res.headers['etag'] as string };
  };

  it('holds every open case in scope, one row per case in equal-length columns, and no ended case', async () => {
    const { grid, zoneLeader } = await gridFixture(t, 12);
    const made = await report(t, zoneLeader.username, grid, { priority: 'urgent' });
    const { body } = await map('operator');

    const lengths = [body.ids, body.lat, body.lng, body.seqs, body.grid, body.category, body.status, body.priority, body.sla].map((c) => c.length);
    expect(new Set(lengths).size).toBe(1);
    const open = (await t.get('operator', '/api/cases?open=true&pageSize=1')).body.total as number;
    expect(body.ids).toHaveLength(open);
    expect(body.seq).toBeGreaterThanOrEqual(Number(made.timeline[made.timeline.length - 1].seq));
    const decoded = row(body, made.id);
    expect(decoded?.lat).toBeCloseTo(made.location.lat, 5);
    expect(decoded?.lng).toBeCloseTo(made.location.lng, 5);
    expect(decoded).toEqual({
      lat: expect.any(Number),
      lng: expect.any(Number),
      seq: made.timeline[made.timeline.length - 1].seq,
      gridId: grid.id,
      categoryCode: 'city.litter',
      status: made.status,
      priority: 'urgent',
      sla: made.slaState,
    });

    const cancelled = await act(t, 'operator', made.id, 'cancel', { note: '重复上报' });
    expect(cancelled.status).toBe(200);
    expect(row((await map('operator')).body, made.id)).toBeNull();
  });

  it('shows a zone leader and a grid worker only their own area, and narrows to an area on request', async () => {
    const { grid, worker, zoneLeader } = await gridFixture(t, 13);
    const other = await gridFixture(t, 250);
    expect(other.grid.path[1]).not.toBe(grid.path[1]);
    const mine = await report(t, 'operator', grid);
    const theirs = await report(t, 'operator', other.grid);

    const zone = (await map(zoneLeader.username)).body;
    expect(row(zone, mine.id)).not.toBeNull();
    expect(row(zone, theirs.id)).toBeNull();
    const grids: AreaDto[] = (await t.get('operator', '/api/areas?level=grid')).body;
    const zoneOf = new Map(grids.map((g) => [g.id, g.path[1]]));
    expect(zone.grids.every((id) => zoneOf.get(id) === grid.path[1])).toBe(true);

    const field = (await map(worker.username)).body;
    expect(field.grids).toEqual([grid.id]);

    const narrowed = (await map('operator', `?areaId=${other.grid.path[1]}`)).body;
    expect(row(narrowed, theirs.id)).not.toBeNull();
    expect(row(narrowed, mine.id)).toBeNull();
  });

  it('answers 304 to a copy that is still current, and a new tag once a case changes', async () => {
    const { grid } = await gridFixture(t, 14);
    const first = await map('operator');
    const { accessToken } = await t.login('operator');
    const again = await request(t.app.getHttpServer()).get('/api/cases/map').set('Authorization', `Bearer ${accessToken}`).set('If-None-Match', first.etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    // Another caller's copy is never taken for the operator's.
    expect((await map('zone01')).etag).not.toBe(first.etag);
    expect(first.etag).toContain(first.body.version);

    const made = await report(t, 'operator', grid);
    const after = await request(t.app.getHttpServer()).get('/api/cases/map').set('Authorization', `Bearer ${accessToken}`).set('If-None-Match', first.etag);
    expect(after.status).toBe(200);
    expect(after.headers['etag']).not.toBe(first.etag);
    expect((JSON.parse(after.text) as CaseMapResponse).ids).toContain(made.id);
  });

  it('refuses bad input with the field named, an area outside the scope, and a caller without a token', async () => {
    const bad = await t.get('operator', '/api/cases/map?areaId=nope');
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty('areaId');
    const other = await gridFixture(t, 250);
    expect((await t.get('zone01', `/api/cases/map?areaId=${other.grid.path[1]}`)).status).toBe(403);
    expect((await request(t.app.getHttpServer()).get('/api/cases/map')).status).toBe(401);
  });
});
