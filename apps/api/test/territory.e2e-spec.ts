import { project, type CaseState } from '@grid/domain';
import type { AreaDto, AreaFeatureCollection, CaseEventPush, TerritoryCompareDto, TerritoryImportDto, TerritoryImportPreviewDto, TerritoryStaffingRowDto, TerritoryVersionDto } from '@grid/contracts';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { report, upload } from './cases-helpers';
import { useSockets } from './socket-client';
import { CaseStore } from '../src/modules/cases/case-store';
import { ownDatabase, useTestApp } from './test-app';

type Feature = { type: 'Feature'; geometry: unknown; properties: Record<string, unknown> };

describe('territory imports and versions', () => {
  // A database of its own: applying a territory here must not move the grids other spec files rely on.
  let databaseUrl = '';
  const t = useTestApp({ DEMO_HISTORY_DAYS: '0' }, async () => (databaseUrl = await ownDatabase('territory')));
  let demo: Feature[];
  let grids: AreaDto[];

  const importFile = (features: Feature[], fields: Record<string, string> = {}) =>
    upload(t, 'admin', '/api/admin/territory/imports', Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })), fields, 'territory.geojson');
  const apply = async (id: string, body: object = {}) => {
    const { accessToken } = await t.login('admin');
    return request(t.app.getHttpServer()).post(`/api/admin/territory/imports/${id}/apply`).set('Authorization', `Bearer ${accessToken}`).send(body);
  };

  beforeAll(async () => {
    const fc = (await t.get('admin', '/api/areas/geojson')).body as AreaFeatureCollection;
    const codeOf = new Map(fc.features.map((f) => [f.properties.id, f.properties.code]));
    demo = fc.features.map((f) => ({
      type: 'Feature',
      geometry: f.geometry,
      properties: { code: f.properties.code, name: f.properties.name, level: f.properties.level, parentCode: f.properties.parentId ? codeOf.get(f.properties.parentId) : null, ...(f.properties.level === 'village' ? { population: 3000, households: 1000, staffQuota: 5 } : {}) },
    }));
    grids = (await t.get('admin', '/api/areas?level=grid')).body;
  });

  it('checks the current territory as valid, with its summary', async () => {
    const res = await importFile(demo);
    expect(res.status).toBe(201);
    const body = res.body as TerritoryImportDto;
    expect(body).toMatchObject({ id: expect.any(String), status: 'valid', summary: { format: 'geojson', levels: { district: 1, zone: 10, village: 98, grid: grids.length }, errors: 0, added: 0, removed: 0 } });
    expect(body.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('refuses a grid overlapping another by 1 m², naming both and placing the overlap, and will not apply it', async () => {
    const host = grids[5];
    const village = grids.find((g) => g.parentId === host.parentId) as AreaDto;
    const villageCode = host.code.slice(0, 12);
    const { lat, lng } = host.centroid;
    const dLat = 1 / 111_195;
    const dLng = dLat / Math.cos((lat * Math.PI) / 180);
    const square = { type: 'Polygon', coordinates: [[[lng, lat], [lng + dLng, lat], [lng + dLng, lat + dLat], [lng, lat + dLat], [lng, lat]]] };
    const res = await importFile([...demo, { type: 'Feature', geometry: square, properties: { code: `${villageCode}999`, name: '重叠网格', level: 'grid', parentCode: villageCode } }]);
    expect(res.status).toBe(201);
    const body = res.body as TerritoryImportDto;
    expect(body.status).toBe('invalid');
    const overlap = body.problems.find((p) => p.code === 'overlap' && p.severity === 'error');
    expect(overlap?.message).toMatch(new RegExp(`${host.code}|${villageCode}999`));
    expect(overlap?.message).toMatch(/overlap by (0\.9\d|1\.0\d) m²/);
    expect(overlap?.at?.lat).toBeCloseTo(lat, 4);
    expect(village).toBeDefined();

    const refused = await apply(body.id);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/error/);
    expect(((await t.get('admin', '/api/territory/versions')).body as TerritoryVersionDto[]).length).toBe(1);
  });

  it.each([
    ['a file over 50 MB', 413, () => Buffer.alloc(51 * 1024 * 1024, 0x20), /50 MB/],
    ['a corrupt zip', 400, () => Buffer.from([0x50, 0x4b, 0x03, 0x04, 9, 9, 9, 9]), /zip/],
    ['broken JSON', 400, () => Buffer.from('{"type":"FeatureCollection","features":[{'), /JSON/],
  ])('refuses %s with %i and the reason', async (_, status, bytes, reason) => {
    const res = await upload(t, 'admin', '/api/admin/territory/imports', bytes(), {}, 'territory.zip');
    expect(res.status).toBe(status);
    expect(res.body.message).toMatch(reason);
  });

  it('reports a mis-projected file (metres read as degrees) as an error on every area', async () => {
    const projected = demo.slice(0, 3).map((f) => ({ ...f, geometry: { type: 'Polygon', coordinates: [[[565000, 3620000], [566000, 3620000], [566000, 3621000], [565000, 3620000]]] } }));
    const body = (await importFile(projected)).body as TerritoryImportDto;
    expect(body.status).toBe('invalid');
    expect(body.problems.filter((p) => p.code === 'invalid_ring' || p.code === 'implausible_coordinates').length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a bad crs and non-admins', async () => {
    expect((await importFile(demo, { crs: 'utm' })).status).toBe(400);
    const { accessToken } = await t.login('operator');
    const res = await request(t.app.getHttpServer()).post('/api/admin/territory/imports').set('Authorization', `Bearer ${accessToken}`).attach('file', Buffer.from('{}'), 'x.geojson');
    expect(res.status).toBe(403);
  });

  describe('a boundary change', () => {
    let a: AreaDto;
    let b: AreaDto;
    let openCaseId: string;
    let importId: string;
    let swapped: Feature[];

    beforeAll(async () => {
      a = grids[10];
      b = grids.find((g) => g.parentId === a.parentId && g.id !== a.id) as AreaDto;
      const [worker] = (await t.get('admin', `/api/users?areaId=${a.id}&role=grid_worker`)).body;
      openCaseId = (await report(t, worker.username, a)).id;
      // Swap the two grids' boundaries: a's centroid now lies in b.
      const geometryOf = (code: string) => demo.find((f) => f.properties['code'] === code)?.geometry;
      swapped = demo.map((f) => (f.properties['code'] === a.code ? { ...f, geometry: geometryOf(b.code) } : f.properties['code'] === b.code ? { ...f, geometry: geometryOf(a.code) } : f));
      const res = await importFile(swapped);
      expect(res.body.status).toBe('valid');
      importId = res.body.id;
    });

    it('lists the open cases the new boundaries would move, before applying', async () => {
      const preview = (await t.get('admin', `/api/admin/territory/imports/${importId}/preview`)).body as TerritoryImportPreviewDto;
      expect(preview.areas.features.length).toBe(demo.length);
      expect(preview.affectedCases).toContainEqual({ id: openCaseId, code: expect.any(String), gridCode: a.code, newGridCode: b.code });
    });

    it('applies as version 2 atomically; open cases keep their grid; new reports route by the new version', async () => {
      const res = await apply(importId);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ version: 2, created: 0, updated: demo.length, retired: 0, rerouted: 0 });
      expect((await apply(importId)).status).toBe(409);

      const old = (await t.get('admin', `/api/cases/${openCaseId}`)).body;
      expect(old.areaPath?.[3] ?? old.gridId ?? old.area?.grid?.id).toBeDefined();
      const dataSource = t.app.get(DataSource);
      const [row] = await dataSource.query(`SELECT grid_id, territory_version FROM cases WHERE id = $1`, [openCaseId]);
      expect(row).toEqual({ grid_id: a.id, territory_version: 1 });

      // Every instance reloads its index on the notice; this one too, shortly after the commit.
      let routed: { grid_id: string; territory_version: number } | undefined;
      for (let i = 0; i < 50 && routed?.grid_id !== b.id; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const [worker] = (await t.get('admin', `/api/users?areaId=${a.id}&role=grid_worker`)).body;
        const created = await report(t, worker.username, a);
        [routed] = await dataSource.query(`SELECT grid_id, territory_version FROM cases WHERE id = $1`, [created.id]);
      }
      expect(routed).toEqual({ grid_id: b.id, territory_version: 2 });
    });

    it('keeps every version and compares them', async () => {
      const versions = (await t.get('admin', '/api/territory/versions')).body as TerritoryVersionDto[];
      expect(versions.map((v) => [v.version, v.current])).toEqual([[2, true], [1, false]]);
      expect(versions[0]).toMatchObject({ source: 'territory.geojson', createdBy: 'admin', areaCount: demo.length });
      const diff = (await t.get('admin', '/api/territory/versions/compare?from=1&to=2')).body as TerritoryCompareDto;
      expect(diff.added).toEqual([]);
      expect(diff.removed).toEqual([]);
      expect(diff.changed).toEqual(expect.arrayContaining([expect.objectContaining({ code: a.code, changes: expect.arrayContaining(['boundary']) }), expect.objectContaining({ code: b.code })]));
      expect((await t.get('admin', '/api/territory/versions/compare?from=1&to=9')).status).toBe(404);
      expect((await t.get('zone01', '/api/territory/versions')).status).toBe(200);
    });

    it('gives each village and zone its attributes and staff per 1,000 residents', async () => {
      const rows = (await t.get('admin', '/api/admin/territory/staffing')).body as TerritoryStaffingRowDto[];
      const village = rows.find((r) => r.id === a.parentId) as TerritoryStaffingRowDto;
      expect(village).toMatchObject({ level: 'village', population: 3000, households: 1000, staffQuota: 5 });
      expect(village.staff).toBeGreaterThanOrEqual(2);
      expect(village.staffPerThousand).toBeCloseTo((village.staff * 1000) / 3000, 2);
      const zone = rows.find((r) => r.id === (grids.find((g) => g.id === a.id) as AreaDto).path[1]) as TerritoryStaffingRowDto;
      expect(zone.population).toBe(3000 * rows.filter((r) => r.parentId === zone.id).length);
    });

    it('writes each check and the apply into the audit log', async () => {
      const actions = (await t.app.get(DataSource).query(`SELECT action, detail FROM audit_log WHERE action LIKE 'territory_%' ORDER BY id`)) as { action: string; detail: { importId?: string } }[];
      // Version 1 is the demo's, imported the same way (ADR 0016).
      expect(actions.filter((r) => r.action === 'territory_applied')).toEqual([
        { action: 'territory_applied', detail: expect.objectContaining({ version: 1 }) },
        { action: 'territory_applied', detail: expect.objectContaining({ importId, version: 2 }) },
      ]);
      expect(actions.filter((r) => r.action === 'territory_import_checked').length).toBeGreaterThanOrEqual(4);
    });

    describe('re-routing open cases, when the administrator asks', () => {
      const sockets = useSockets(t);

      it('gives each moved open case a rerouted event and its new grid in the apply, as its timeline says, and pushes it live', async () => {
        const dataSource = t.app.get(DataSource);
        // Version 2 left the case in grid a while its location lies in b; the same boundaries again, re-routing.
        const before = (await dataSource.query(`SELECT status, assignee_id, state FROM cases WHERE id = $1`, [openCaseId]))[0] as { status: string; assignee_id: string | null; state: CaseState };
        expect(before).toMatchObject({ status: 'dispatched', state: { unit: { level: 'grid', areaId: a.id } } });
        expect(before.assignee_id).not.toBeNull();
        const checked = (await importFile(swapped)).body as TerritoryImportDto;
        const preview = (await t.get('admin', `/api/admin/territory/imports/${checked.id}/preview`)).body as TerritoryImportPreviewDto;
        expect(preview.affectedCases).toContainEqual({ id: openCaseId, code: expect.any(String), gridCode: a.code, newGridCode: b.code });

        const [bWorker] = (await t.get('admin', `/api/users?areaId=${b.id}&role=grid_worker`)).body;
        const socket = await sockets.connectAs(bWorker.username);
        const pushed = new Promise<CaseEventPush>((resolve) => socket.on('case.updated', (push) => push.kind === 'rerouted' && push.case.id === openCaseId && resolve(push)));

        const res = await apply(checked.id, { reroute: true });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ version: 3, rerouted: expect.any(Number) });
        expect(res.body.rerouted).toBeGreaterThanOrEqual(1);
        const written = (await dataSource.query(`SELECT count(*)::int AS n FROM case_events WHERE kind = 'rerouted' AND (data->>'territoryVersion')::int = 3`))[0].n;
        expect(written).toBe(res.body.rerouted);

        const [row] = (await dataSource.query(`SELECT grid_id, area_path, status, handling_area_id, assignee_id, state FROM cases WHERE id = $1`, [openCaseId])) as { grid_id: string; area_path: string[]; status: string; handling_area_id: string; assignee_id: string | null; state: CaseState }[];
        // Dispatched to the old grid's worker: back to registered at the new grid, for its dispatch.
        expect(row).toMatchObject({ grid_id: b.id, area_path: [...b.path, b.id], status: 'registered', handling_area_id: b.id, assignee_id: null });
        const events = await dataSource.transaction((manager) => t.app.get(CaseStore).events(manager, openCaseId));
        const last = events[events.length - 1];
        expect(last).toMatchObject({ kind: 'rerouted', fromStatus: 'dispatched', toStatus: 'registered', actorId: null, data: { from: [...a.path, a.id], to: [...b.path, b.id], territoryVersion: 3 } });
        // The set-based row update is exactly the domain's fold of the timeline.
        expect(project(events)).toEqual(row.state);

        const push = await pushed;
        expect(push.case).toMatchObject({ id: openCaseId, status: 'registered', areaPath: [...b.path, b.id] });
        // Applied again (nothing moves any more): no further events.
        const again = (await importFile(swapped)).body as TerritoryImportDto;
        expect((await apply(again.id, { reroute: true })).body).toMatchObject({ version: 4, rerouted: 0 });
        expect((await dataSource.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND kind = 'rerouted'`, [openCaseId]))[0].n).toBe(1);
      });

      it('refuses a reroute that is not a boolean', async () => {
        const checked = (await importFile(swapped)).body as TerritoryImportDto;
        const res = await apply(checked.id, { reroute: 'yes' });
        expect(res.status).toBe(400);
        expect(res.body.fields).toHaveProperty('reroute');
      });
    });
  });

  it('shows retired areas no more, yet keeps them for the cases that point at them', async () => {
    const last = grids[grids.length - 1];
    const villageCode = last.code.slice(0, 12);
    const sibling = grids.find((g) => g.parentId === last.parentId && g.id !== last.id) as AreaDto;
    // Give the last grid's ground to its sibling by merging their boundaries into one MultiPolygon.
    const geometryOf = (code: string) => demo.find((f) => f.properties['code'] === code)?.geometry as { coordinates: number[][][] };
    const merged = demo
      .filter((f) => f.properties['code'] !== last.code)
      .map((f) => (f.properties['code'] === sibling.code ? { ...f, geometry: { type: 'MultiPolygon', coordinates: [geometryOf(sibling.code).coordinates, geometryOf(last.code).coordinates] } } : f));
    const checked = (await importFile(merged)).body as TerritoryImportDto;
    expect(checked.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(checked.summary).toMatchObject({ removed: 1 });
    expect(villageCode).toHaveLength(12);
    const res = await apply(checked.id);
    expect(res.body).toMatchObject({ version: 5, retired: 1 });
    const after = (await t.get('admin', '/api/areas?level=grid')).body as AreaDto[];
    expect(after.find((g) => g.id === last.id)).toBeUndefined();
    expect((await t.get('admin', `/api/areas/${last.id}`)).status).toBe(200);
  });

  describe('the CLI (the built one, as `npm run cli` runs it)', () => {
    const root = path.resolve(__dirname, '../../..');
    const cli = async (args: string[]) => {
      try {
        const { stdout, stderr } = await promisify(execFile)('node', [path.join(root, 'dist/apps/api/cli.js'), ...args], {
          env: { ...process.env, DATABASE_URL: databaseUrl, JWT_SECRET: 'test-secret-that-is-long-enough-0123456789' },
        });
        return { code: 0, stdout, stderr };
      } catch (error) {
        return error as { code: number; stdout: string; stderr: string };
      }
    };

    it('refuses a file with errors, listing each with its place, and applies nothing', async () => {
      const versions = ((await t.get('admin', '/api/territory/versions')).body as TerritoryVersionDto[]).length;
      const file = path.join(os.tmpdir(), `bad-territory-${Date.now()}.geojson`);
      const sample = JSON.parse(fs.readFileSync(path.join(root, 'docs/samples/territory.geojson'), 'utf8')) as { features: Feature[] };
      sample.features[5].properties['code'] = '610902107001777002';
      fs.writeFileSync(file, JSON.stringify(sample));
      const res = await cli(['import-territory', file]);
      expect(res.code).toBe(1);
      expect(res.stdout).toMatch(/error\s+malformed_code\s+610902107001777002: a grid's code is its village's code 610902107001 followed by 3 digits \(32\.\d+, 108\.\d+\)/);
      expect(res.stderr).toMatch(/not applied/);
      expect(((await t.get('admin', '/api/territory/versions')).body as TerritoryVersionDto[]).length).toBe(versions);
    });

    it('imports the sample territory as the next version', async () => {
      const res = await cli(['import-territory', path.join(root, 'docs/samples/territory.geojson')]);
      expect(res.stderr).toBe('');
      expect(res.stdout).toMatch(/territory\.geojson: geojson, EPSG:4326; 1 district, 1 zone, 2 village, 4 grid; 0 errors, 0 warnings/);
      expect(res.stdout).toMatch(/territory version \d+: \d+ created, \d+ updated, \d+ retired/);
      const gridsNow = (await t.get('admin', '/api/areas?level=grid')).body as AreaDto[];
      expect(gridsNow.map((g) => g.code).sort()).toEqual(['610902107001001', '610902107001002', '610902107002001', '610902107002002']);
    });
  });
});
