import type { AreaDto, PatrolDetail, PatrolListResponse, PatrolSummary, UserDto } from '@grid/contracts';
import { randomUUID } from 'node:crypto';
import { gridFixture, post, type GridFixture } from './cases-helpers';
import { useTestApp } from './test-app';

// Along a meridian 0.001° of latitude is 111.2 m.
const LEG = 111.195;

describe('patrols', () => {
  const t = useTestApp();
  let a: GridFixture;
  let b: GridFixture;
  let cadre: UserDto;
  let village: AreaDto;
  const started = new Date(Date.now() - 60 * 60_000);
  const at = (seconds: number) => new Date(started.getTime() + seconds * 1000).toISOString();
  /** `dLat` millidegrees north of the grid's centroid, `seconds` into the patrol. */
  const point = (dLat: number, seconds: number, accuracy = 8) => ({ lat: a.grid.centroid.lat + dLat / 1000, lng: a.grid.centroid.lng, at: at(seconds), accuracy });

  beforeAll(async () => {
    a = await gridFixture(t, 0);
    const grids: AreaDto[] = (await t.get('admin', '/api/areas?level=grid')).body;
    // A grid in another zone, so its zone leader is not a's.
    b = await gridFixture(t, grids.findIndex((g) => g.path[1] !== a.grid.path[1]));
    village = (await t.get('admin', `/api/areas/${a.grid.parentId}`)).body;
    [cadre] = (await t.get('admin', `/api/users?areaId=${village.id}&role=village_cadre`)).body as UserDto[];
  });

  describe('a worker’s patrol, end to end', () => {
    const id = randomUUID();

    it('starts (201), and starting it again answers the same patrol (200)', async () => {
      const first = await post(t, a.worker.username, '/api/patrols', { id, startedAt: started.toISOString() });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ id, workerId: a.worker.id, gridId: a.grid.id, gridName: a.grid.name, endedAt: null, distanceMeters: 0, pointCount: 0, visitCount: 0 });
      const again = await post(t, a.worker.username, '/api/patrols', { id, startedAt: started.toISOString() });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
    });

    it('refuses another worker’s start with the same id (409) and their writes to it (404)', async () => {
      expect((await post(t, b.worker.username, '/api/patrols', { id, startedAt: started.toISOString() })).status).toBe(409);
      expect((await post(t, b.worker.username, `/api/patrols/${id}/points`, { points: [point(0, 10)] })).status).toBe(404);
      expect((await post(t, b.worker.username, `/api/patrols/${id}/end`, { endedAt: at(60) })).status).toBe(404);
    });

    it('measures the cleaned track: jitter, an inaccurate fix and a spike left out', async () => {
      const batch = [point(0, 0), point(0.03, 20), point(1, 90), point(9, 100), point(2, 180), point(5, 200, 300), point(3, 270)];
      const res = await post(t, a.worker.username, `/api/patrols/${id}/points`, { points: batch });
      expect(res.status).toBe(200);
      expect(res.body.pointCount).toBe(7);
      expect(res.body.distanceMeters).toBeCloseTo(3 * LEG, 0);
    });

    it('is idempotent: a resent batch changes nothing; the next batch extends the track', async () => {
      const resent = await post(t, a.worker.username, `/api/patrols/${id}/points`, { points: [point(2, 180), point(3, 270)] });
      expect(resent.body.pointCount).toBe(7);
      expect(resent.body.distanceMeters).toBeCloseTo(3 * LEG, 0);
      const next = await post(t, a.worker.username, `/api/patrols/${id}/points`, { points: [point(4, 360), point(5, 450)] });
      expect(next.body.pointCount).toBe(9);
      expect(next.body.distanceMeters).toBeCloseTo(5 * LEG, 0);
    });

    it('records visits to a household and a place; a resent visit counts once', async () => {
      const household = { id: randomUUID(), kind: 'household', label: '张家 3 组 12 号', location: point(1, 0), at: at(100) };
      expect((await post(t, a.worker.username, `/api/patrols/${id}/visits`, household)).status).toBe(201);
      const again = await post(t, a.worker.username, `/api/patrols/${id}/visits`, household);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ id: household.id, kind: 'household', label: '张家 3 组 12 号' });
      const place = { id: randomUUID(), kind: 'place', label: '村口桥', location: point(3, 0), at: at(280) };
      expect((await post(t, a.worker.username, `/api/patrols/${id}/visits`, place)).status).toBe(201);
      // The same visit id under another patrol is a conflict, not a silent move.
      const other = randomUUID();
      await post(t, a.worker.username, '/api/patrols', { id: other, startedAt: started.toISOString() });
      expect((await post(t, a.worker.username, `/api/patrols/${other}/visits`, place)).status).toBe(409);
    });

    it('ends; ending again at the same time changes nothing, at another time is a conflict', async () => {
      const res = await post(t, a.worker.username, `/api/patrols/${id}/end`, { endedAt: at(600) });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ endedAt: at(600), visitCount: 2 });
      expect((await post(t, a.worker.username, `/api/patrols/${id}/end`, { endedAt: at(600) })).status).toBe(200);
      const conflict = await post(t, a.worker.username, `/api/patrols/${id}/end`, { endedAt: at(700) });
      expect(conflict.status).toBe(409);
      expect(conflict.body.reason).toBe('already_ended');
    });

    it('refuses points after the end with a field-level message', async () => {
      const res = await post(t, a.worker.username, `/api/patrols/${id}/points`, { points: [point(6, 500), point(7, 3600)] });
      expect(res.status).toBe(400);
      expect(res.body.fields).toEqual({ 'points.1.at': expect.any(String) });
    });

    it('shows the worker their patrol with its cleaned track and visits', async () => {
      const list = (await t.get(a.worker.username, '/api/patrols?workerId=me')).body as PatrolListResponse;
      expect(list.items.map((p) => p.id)).toContain(id);
      const detail = (await t.get(a.worker.username, `/api/patrols/${id}`)).body as PatrolDetail;
      expect(detail.track).toHaveLength(6);
      expect(detail.rejectedPoints).toEqual({ inaccurate: 1, too_fast: 1, jitter: 1 });
      expect(detail.visits.map((v) => [v.kind, v.label])).toEqual([
        ['household', '张家 3 组 12 号'],
        ['place', '村口桥'],
      ]);
    });

    it('shows leaders the patrols in their scope only', async () => {
      expect((await t.get(a.zoneLeader.username, `/api/patrols/${id}`)).status).toBe(200);
      expect((await t.get(cadre.username, `/api/patrols/${id}`)).status).toBe(200);
      expect((await t.get('assessor', `/api/patrols/${id}`)).status).toBe(200);
      expect((await t.get(b.zoneLeader.username, `/api/patrols/${id}`)).status).toBe(404);
      expect((await t.get(b.worker.username, `/api/patrols/${id}`)).status).toBe(404);
      const mine = (await t.get(a.zoneLeader.username, `/api/patrols?workerId=${a.worker.id}`)).body as PatrolListResponse;
      expect(mine.items.map((p) => p.id)).toContain(id);
      const theirs = (await t.get(b.zoneLeader.username, `/api/patrols?workerId=${a.worker.id}`)).body as PatrolListResponse;
      expect(theirs.total).toBe(0);
      // A grid worker lists their own patrols whatever they ask for.
      const peek = (await t.get(b.worker.username, `/api/patrols?workerId=${a.worker.id}`)).body as PatrolListResponse;
      expect(peek.total).toBe(0);
      expect((await t.get(b.zoneLeader.username, `/api/patrols?areaId=${a.grid.id}`)).status).toBe(403);
      expect((await t.get('dept_zhzf', '/api/patrols')).status).toBe(403);
    });
  });

  describe('the demo history', () => {
    it('holds patrols of the demo workers, with tracks, distances and visits', async () => {
      const all = (await t.get('assessor', `/api/patrols?to=${started.toISOString()}&pageSize=200`)).body as PatrolListResponse;
      expect(all.total).toBeGreaterThan(1_000);
      const workers = new Set(all.items.map((p) => p.workerId));
      expect(workers.size).toBeGreaterThan(20);
      // Most walks cover ground (a short one may stay within GPS jitter of where it began).
      expect(all.items.filter((p) => p.distanceMeters > 0).length).toBeGreaterThan(all.items.length / 2);
      const sample = all.items.find((p) => p.visitCount > 0 && p.distanceMeters > 0) as PatrolSummary;
      const detail = (await t.get('assessor', `/api/patrols/${sample.id}`)).body as PatrolDetail;
      expect(detail.endedAt).not.toBeNull();
      expect(detail.track.length).toBeGreaterThan(1);
      expect(detail.distanceMeters).toBe(sample.distanceMeters);
      expect(detail.visits).toHaveLength(sample.visitCount);
    });
  });

  describe('those who serve a village', () => {
    it('start where they are: the grid is found from the location, inside their village only', async () => {
      expect((await post(t, cadre.username, '/api/patrols', { id: randomUUID(), startedAt: started.toISOString() })).body.fields).toEqual({ location: expect.any(String) });
      const res = await post(t, cadre.username, '/api/patrols', { id: randomUUID(), startedAt: started.toISOString(), location: a.grid.centroid });
      expect(res.status).toBe(201);
      expect((res.body as PatrolSummary).gridId).toBe(a.grid.id);
      expect((await post(t, cadre.username, '/api/patrols', { id: randomUUID(), startedAt: started.toISOString(), location: b.grid.centroid })).status).toBe(403);
    });

    it('are not for desk roles', async () => {
      expect((await post(t, a.zoneLeader.username, '/api/patrols', { id: randomUUID(), startedAt: started.toISOString(), location: a.grid.centroid })).status).toBe(403);
    });
  });

  describe('bad input → 400 with the field named', () => {
    it.each([
      ['no id', '/api/patrols', { startedAt: new Date().toISOString() }, 'id'],
      ['a start in the future', '/api/patrols', { id: randomUUID(), startedAt: new Date(Date.now() + 3_600_000).toISOString() }, 'startedAt'],
      ['a start that is not a time', '/api/patrols', { id: randomUUID(), startedAt: 'yesterday' }, 'startedAt'],
    ])('%s', async (_name, url, body, field) => {
      const res = await post(t, a.worker.username, url, body);
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.fields)).toEqual([field]);
    });

    it('points, visits and ends', async () => {
      const id = randomUUID();
      await post(t, a.worker.username, '/api/patrols', { id, startedAt: started.toISOString() });
      const cases: [string, object, string][] = [
        ['points', { points: [] }, 'points'],
        ['points', { points: [{ ...point(0, 0), lat: 200 }] }, 'points.0.lat'],
        ['points', { points: [{ lat: 32.7, lng: 108.8 }] }, 'points.0.at'],
        ['visits', { id: randomUUID(), kind: 'shop', label: 'x', location: point(0, 0), at: at(10) }, 'kind'],
        ['visits', { id: randomUUID(), kind: 'place', label: '  ', location: point(0, 0), at: at(10) }, 'label'],
        ['visits', { id: randomUUID(), kind: 'place', label: '桥', location: point(0, 0), at: at(-3600) }, 'at'],
        ['end', { endedAt: at(-60) }, 'endedAt'],
      ];
      for (const [path, body, field] of cases) {
        const res = await post(t, a.worker.username, `/api/patrols/${id}/${path}`, body);
        expect([path, field, res.status]).toEqual([path, field, 400]);
        expect(Object.keys(res.body.fields)).toEqual([field]);
      }
      expect((await post(t, a.worker.username, '/api/patrols/not-a-uuid/end', { endedAt: at(60) })).status).toBe(400);
    });
  });
});
