import type { AreaFeature, AreaFeatureCollection, AssessmentResponse, LatLng, TerritoryCompareDto, TerritoryEditRequest, TerritoryImportDto, TerritoryImportPreviewDto, TerritoryVersionDto, UserDto } from '@grid/contracts';
import { localDateOf } from '@grid/domain';
import { centroidOf } from '@grid/geo';
import * as turf from '@turf/turf';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { post, report } from './cases-helpers';
import { ownDatabase, useTestApp } from './test-app';

const DAY = 86_400_000;

describe('territory edits on the map (move, split, merge)', () => {
  // A database of its own, with a few days of demo history (closed cases to count in assessment).
  const t = useTestApp({ DEMO_HISTORY_DAYS: '5' }, () => ownDatabase('territory_edits'));
  const db = () => t.app.get(DataSource);
  let grids: AreaFeature[];

  const edit = (body: object, username = 'admin') => post(t, username, '/api/admin/territory/edits', body);
  const apply = (id: string, body: object = {}) => post(t, 'admin', `/api/admin/territory/imports/${id}/apply`, body);
  const preview = async (id: string) => (await t.get('admin', `/api/admin/territory/imports/${id}/preview`)).body as TerritoryImportPreviewDto;
  const workerOf = async (gridId: string) => ((await t.get('admin', `/api/users?areaId=${gridId}&role=grid_worker`)).body as UserDto[])[0];
  const gridOfCase = async (caseId: string) => ((await db().query(`SELECT grid_id FROM cases WHERE id = $1`, [caseId])) as { grid_id: string }[])[0].grid_id;
  const gridIdOf = async (code: string) => ((await db().query(`SELECT id FROM areas WHERE code = $1`, [code])) as { id: string }[])[0].id;
  const polygonOf = (g: AreaFeature) => g.geometry as { type: 'Polygon'; coordinates: number[][][] };

  beforeAll(async () => {
    grids = ((await t.get('admin', '/api/areas/geojson?level=grid')).body as AreaFeatureCollection).features;
  });

  describe('input that cannot make an edit', () => {
    it.each<[string, object, string[]]>([
      ['an unknown kind', { kind: 'teleport', areaCode: 'x' }, ['kind']],
      ['a split without line and name', { kind: 'split', areaCode: 'x' }, ['line', 'name']],
      ['a split line of one point', { kind: 'split', areaCode: 'x', line: [[108.8, 32.7]], name: 'n' }, ['line']],
      ['a position out of range', { kind: 'split', areaCode: 'x', line: [[108.8, 32.7], [200, 32.7]], name: 'n' }, ['line.1.0']],
      ['a move without a polygon', { kind: 'move', areaCode: 'x', boundary: { type: 'Point', coordinates: [1, 2] } }, ['boundary.type']],
    ])('refuses %s with 400 and the fields', async (_, body, fields) => {
      const res = await edit(body);
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.fields)).toEqual(expect.arrayContaining(fields));
    });

    it('refuses what the territory does not allow, naming the field and the reason', async () => {
      const [a] = grids;
      const [west, south, east] = turf.bbox(a.geometry);
      const beside = await edit({ kind: 'split', areaCode: a.properties.code, line: [[west - 0.01, south - 0.001], [east + 0.01, south - 0.001]], name: 'x' });
      expect(beside.status).toBe(400);
      expect(beside.body).toMatchObject({ reason: 'split_line_not_crossing', fields: { line: expect.stringContaining(a.properties.code) } });
      const elsewhere = grids.find((g) => g.properties.parentId !== a.properties.parentId) as AreaFeature;
      const merge = await edit({ kind: 'merge', areaCode: a.properties.code, otherCode: elsewhere.properties.code });
      expect(merge.body).toMatchObject({ reason: 'merge_different_villages', fields: { otherCode: expect.any(String) } });
      expect((await edit({ kind: 'merge', areaCode: 'nowhere', otherCode: a.properties.code })).body).toMatchObject({ reason: 'unknown_area', fields: { areaCode: expect.any(String) } });
      expect((await edit({ kind: 'merge', areaCode: a.properties.code, otherCode: elsewhere.properties.code }, 'operator')).status).toBe(403);
    });
  });

  describe('move', () => {
    it('lists an overlap with a sibling as an error with its point, as an import would, and will not apply it', async () => {
      const a = grids[3];
      const grown = turf.transformScale(turf.polygon(polygonOf(a).coordinates), 1.3);
      const res = await edit({ kind: 'move', areaCode: a.properties.code, boundary: grown.geometry });
      expect(res.status).toBe(201);
      const body = res.body as TerritoryImportDto;
      expect(body).toMatchObject({ status: 'invalid', summary: { format: 'edit', edit: { kind: 'move', areaCode: a.properties.code, baseVersion: 1 } } });
      expect(body.problems).toContainEqual(expect.objectContaining({ severity: 'error', code: 'overlap', areaCode: a.properties.code, at: expect.objectContaining({ lat: expect.any(Number) }) }));
      expect((await apply(body.id)).status).toBe(409);
    });

    it('applies a valid move as the next version; an edit made on an older version is refused', async () => {
      const shrink = (g: AreaFeature) => ({ kind: 'move', areaCode: g.properties.code, boundary: turf.transformScale(turf.polygon(polygonOf(g).coordinates), 0.95).geometry }) as TerritoryEditRequest;
      const first = (await edit(shrink(grids[20]))).body as TerritoryImportDto;
      const second = (await edit(shrink(grids[40]))).body as TerritoryImportDto;
      // A shrunk grid leaves a strip of its village uncovered: a warning, which can be accepted.
      expect(first).toMatchObject({ status: 'valid', problems: [expect.objectContaining({ severity: 'warning', code: 'gap' })] });
      const res = await apply(first.id);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ version: 2, created: 0, retired: 0 });
      const stale = await apply(second.id);
      expect(stale.status).toBe(409);
      expect(stale.body.reason).toBe('stale_edit');
    });
  });

  describe('split', () => {
    let a: AreaFeature;
    let checked: TerritoryImportDto;
    let newCode: string;
    let inNewPart: LatLng;
    let openCaseId: string;

    beforeAll(async () => {
      // A grid of another village than the moves above, cut by a line across its northern part.
      for (const g of grids.slice(60)) {
        const [west, south, east, north] = turf.bbox(g.geometry);
        const lat = south + 0.75 * (north - south);
        const res = await edit({ kind: 'split', areaCode: g.properties.code, line: [[west - 0.001, lat], [(west + east) / 2, lat + 1e-6], [east + 0.001, lat]], name: '新拆分网格' });
        if (res.status !== 201 || res.body.status !== 'valid') continue;
        a = g;
        checked = res.body;
        break;
      }
      newCode = checked.summary.edit?.created[0] as string;
      const part = (await preview(checked.id)).areas.features.find((f) => f.properties.code === newCode) as AreaFeature;
      inNewPart = centroidOf(part.geometry);
      // An open case reported in the part that becomes the new grid, before the edit is applied.
      openCaseId = (await report(t, (await workerOf(a.id)).username, a as never, { location: inNewPart })).id;
    });

    it('gives the new part the village’s next free grid code, and lists the open cases it would move first', async () => {
      const siblings = grids.filter((g) => g.properties.parentId === a.properties.parentId).map((g) => Number(g.properties.code.slice(-3)));
      expect(newCode).toBe(`${a.properties.code.slice(0, 12)}${String(Math.max(...siblings) + 1).padStart(3, '0')}`);
      expect(checked.summary).toMatchObject({ added: 1, removed: 0, edit: { kind: 'split', changed: [a.properties.code], created: [newCode], retired: [] } });
      expect((await preview(checked.id)).affectedCases).toContainEqual({ id: openCaseId, code: expect.any(String), gridCode: a.properties.code, newGridCode: newCode });
    });

    it('applies as a new version: the open case keeps its grid; a report after it routes to the new grid', async () => {
      const res = await apply(checked.id);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ version: 3, created: 1, retired: 0, rerouted: 0 });
      expect(await gridOfCase(openCaseId)).toBe(a.id);
      const newId = await gridIdOf(newCode);
      let routed = '';
      for (let i = 0; i < 50 && routed !== newId; i++) {
        await new Promise((r) => setTimeout(r, 100));
        routed = await gridOfCase((await report(t, (await workerOf(a.id)).username, a as never, { location: inNewPart })).id);
      }
      expect(routed).toBe(newId);
      const diff = (await t.get('admin', '/api/territory/versions/compare?from=2&to=3')).body as TerritoryCompareDto;
      expect(diff.added).toEqual([expect.objectContaining({ code: newCode, name: '新拆分网格', level: 'grid' })]);
      expect(diff.changed).toEqual([expect.objectContaining({ code: a.properties.code, changes: ['boundary'] })]);
    });
  });

  describe('merge', () => {
    let gone: AreaFeature;
    let survivor: AreaFeature;
    let closedCaseId: string;
    let openCaseId: string;
    const from = localDateOf(new Date(Date.now() - 30 * DAY).toISOString());
    const to = localDateOf(new Date().toISOString());
    const assessedRow = async (gridId: string) => {
      let body: AssessmentResponse | undefined;
      for (let i = 0; i < 50 && body?.pendingCases !== 0; i++) {
        if (body) await new Promise((r) => setTimeout(r, 200));
        body = (await t.get('admin', `/api/assessment?level=grid&from=${from}&to=${to}`)).body as AssessmentResponse;
      }
      return body?.rows.find((r) => r.unitId === gridId);
    };

    beforeAll(async () => {
      // A grid of the demo history with a closed case, in a village none of the edits above touched.
      const closed = (await db().query(
        `SELECT c.id, c.grid_id FROM cases c JOIN areas g ON g.id = c.grid_id WHERE c.status = 'closed' AND g.retired_at IS NULL AND g.parent_id <> ALL($1::uuid[]) ORDER BY c.reported_at DESC`,
        [[grids[3], grids[20], grids[40], grids[60]].map((g) => g.properties.parentId)],
      )) as { id: string; grid_id: string }[];
      for (const c of closed) {
        const candidate = grids.find((g) => g.id === c.grid_id) as AreaFeature;
        const neighbour = grids.find((g) => g.id !== candidate.id && g.properties.parentId === candidate.properties.parentId && turf.booleanIntersects(g.geometry, candidate.geometry));
        if (!neighbour) continue;
        [gone, survivor, closedCaseId] = [candidate, neighbour, c.id];
        break;
      }
      openCaseId = (await report(t, (await workerOf(gone.id)).username, gone as never, { location: centroidOf(gone.geometry) })).id;
    });

    it('joins two neighbouring grids, the survivor keeping its code; re-routes the open cases when asked; assessment still counts the closed case for the retired grid', async () => {
      const before = await assessedRow(gone.id);
      expect(before?.figures.reported).toBeGreaterThanOrEqual(1);
      const res = await edit({ kind: 'merge', areaCode: survivor.properties.code, otherCode: gone.properties.code });
      expect(res.status).toBe(201);
      const checked = res.body as TerritoryImportDto;
      expect(checked).toMatchObject({ status: 'valid', summary: { removed: 1, edit: { kind: 'merge', changed: [survivor.properties.code], retired: [gone.properties.code] } } });
      expect((await preview(checked.id)).affectedCases).toContainEqual(expect.objectContaining({ id: openCaseId, gridCode: gone.properties.code, newGridCode: survivor.properties.code }));

      const applied = await apply(checked.id, { reroute: true });
      expect(applied.status).toBe(200);
      expect(applied.body).toMatchObject({ version: 4, retired: 1 });
      expect(applied.body.rerouted).toBeGreaterThanOrEqual(1);
      expect(await gridOfCase(openCaseId)).toBe(survivor.id);
      // The closed case stays with the grid that held it, retired or not, and assessment counts it there.
      expect(await gridOfCase(closedCaseId)).toBe(gone.id);
      const after = await assessedRow(gone.id);
      // The history is 5 days long: every case of the grid lies in the 30-day period.
      const [{ n }] = (await db().query(`SELECT count(*)::int AS n FROM cases WHERE grid_id = $1`, [gone.id])) as { n: number }[];
      expect(n).toBeGreaterThanOrEqual(1);
      expect(after?.figures.reported).toBe(n);
      // Only the open cases re-routed out of it left it.
      const [{ moved }] = (await db().query(`SELECT count(*)::int AS moved FROM case_events WHERE kind = 'rerouted' AND (data->>'territoryVersion')::int = 4 AND data->'from' ? $1`, [gone.id])) as { moved: number }[];
      expect(moved).toBeGreaterThanOrEqual(1);
      expect(after?.figures.reported).toBe((before?.figures.reported ?? 0) - moved);
      expect(((await t.get('admin', '/api/areas?level=grid')).body as { id: string }[]).some((g) => g.id === gone.id)).toBe(false);
    });

    it('keeps every version, and each edit and apply in the audit log', async () => {
      const versions = (await t.get('admin', '/api/territory/versions')).body as TerritoryVersionDto[];
      expect(versions.map((v) => v.version)).toEqual([4, 3, 2, 1]);
      expect(versions[0].source).toBe(`merge ${gone.properties.code} into ${survivor.properties.code}`);
      expect(versions[1].source).toMatch(/^split /);
      const diff = (await t.get('admin', '/api/territory/versions/compare?from=3&to=4')).body as TerritoryCompareDto;
      expect(diff.removed).toEqual([expect.objectContaining({ code: gone.properties.code })]);
      const actions = (await db().query(`SELECT action, detail FROM audit_log WHERE action IN ('territory_edit_checked', 'territory_applied') ORDER BY id`)) as { action: string; detail: { edit?: unknown } }[];
      // The demo's own version 1 is an applied import too (ADR 0016); the three edits follow it.
      const applied = actions.filter((a) => a.action === 'territory_applied');
      expect(applied).toHaveLength(4);
      expect(applied[0].detail.edit).toBeUndefined();
      expect(applied.slice(1).every((a) => a.detail.edit)).toBe(true);
      expect(actions.filter((a) => a.action === 'territory_edit_checked').length).toBeGreaterThanOrEqual(5);
    });
  });

  it('refuses to re-map an edit (it has no file properties)', async () => {
    const res = await edit({ kind: 'move', areaCode: grids[5].properties.code, boundary: grids[5].geometry });
    const { accessToken } = await t.login('admin');
    const remap = await request(t.app.getHttpServer()).put(`/api/admin/territory/imports/${res.body.id}/mapping`).set('Authorization', `Bearer ${accessToken}`).send(res.body.summary.mapping);
    expect(remap.status).toBe(409);
  });
});
