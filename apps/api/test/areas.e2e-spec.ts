import type { AreaDto, AreaFeatureCollection, AreaOutlinesResponse } from '@grid/contracts';
import { decodeOutlines, outlineRings } from '@grid/geo';
import request from 'supertest';
import { useTestApp } from './test-app';

describe('areas', () => {
  const t = useTestApp();
  const get = (username: string, url: string) => t.get(username, url);
  const login = (username: string) => t.login(username);
  let all: AreaDto[];
  beforeAll(async () => {
    all = (await get('admin', '/api/areas')).body;
  });

  it('holds the demo territory: 1 district, 10 zones, 98 villages, about 400 grids', () => {
    const count = (level: string) => all.filter((a) => a.level === level).length;
    expect(count('district')).toBe(1);
    expect(count('zone')).toBe(10);
    expect(count('village')).toBe(98);
    expect(count('grid')).toBeGreaterThanOrEqual(300);
    expect(count('grid')).toBeLessThanOrEqual(600);
    expect(all.find((a) => a.code === '610902107001')?.name).toBe('老街社区居委会');
  });

  it('gives each area its ancestors and centroid (DESIGN §7 shape)', async () => {
    const res = await get('admin', '/api/areas?level=grid');
    expect(res.status).toBe(200);
    const grid = res.body[0] as AreaDto;
    expect(grid).toEqual({ id: expect.any(String), code: expect.stringMatching(/^\d{15}$/), name: expect.any(String), level: 'grid', parentId: expect.any(String), path: expect.any(Array), centroid: { lat: expect.any(Number), lng: expect.any(Number) } });
    expect(grid.path).toHaveLength(3);
    expect(grid.path[2]).toBe(grid.parentId);
    expect(grid.code.slice(0, 12)).toBe(all.find((a) => a.id === grid.parentId)?.code);
    expect(grid.centroid.lat).toBeGreaterThan(32.642);
    expect(grid.centroid.lat).toBeLessThan(32.818);
  });

  it('filters by parent', async () => {
    const zone = all.find((a) => a.level === 'zone') as AreaDto;
    const res = await get('admin', `/api/areas?parentId=${zone.id}`);
    expect(res.body.length).toBeGreaterThan(0);
    expect(res.body.every((a: AreaDto) => a.parentId === zone.id && a.level === 'village')).toBe(true);
  });

  it.each([
    ['an unknown level', '/api/areas?level=county', 'level'],
    ['a parentId that is not a uuid', '/api/areas?parentId=42', 'parentId'],
  ])('answers %s with 400 naming the field', async (_what, url, field) => {
    const res = await get('admin', url);
    expect(res.status).toBe(400);
    expect(res.body.fields[field]).toBeDefined();
  });

  it('serves boundaries as GeoJSON', async () => {
    const res = await get('admin', '/api/areas/geojson?level=grid');
    const fc = res.body as AreaFeatureCollection;
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBe(all.filter((a) => a.level === 'grid').length);
    expect(['Polygon', 'MultiPolygon']).toContain(fc.features[0].geometry.type);
    expect(fc.features[0].properties).toMatchObject({ level: 'grid', code: expect.any(String) });
  });

  describe('outlines (the compact boundaries of the command map)', () => {
    let geojson: AreaFeatureCollection;
    let outlines: AreaOutlinesResponse;
    let etag: string;
    beforeAll(async () => {
      geojson = (await get('admin', '/api/areas/geojson?level=grid')).body;
      const res = await get('admin', '/api/areas/outlines?level=grid');
      expect(res.status).toBe(200);
      outlines = res.body;
      etag = res.headers['etag'];
    });

    it('holds every grid in the GeoJSON order, each within a metre of its boundary', () => {
      expect(outlines.level).toBe('grid');
      expect(outlines.ids).toEqual(geojson.features.map((f) => f.id));
      expect(outlines.names).toEqual(geojson.features.map((f) => f.properties.name));
      expect(outlines.codes).toEqual(geojson.features.map((f) => f.properties.code));
      const decoded = decodeOutlines(outlines);
      for (const i of [0, 137, geojson.features.length - 1]) {
        const geometry = geojson.features[i].geometry;
        const source = (geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat()).map((ring) => ring.slice(0, -1));
        const rings = outlineRings(decoded, i);
        expect(rings.map((r) => r.length)).toEqual(source.map((r) => r.length));
        rings.forEach((ring, r) => ring.forEach(([lng, lat], v) => expect(Math.max(Math.abs(lng - source[r][v][0]), Math.abs(lat - source[r][v][1]))).toBeLessThanOrEqual(0.5 / outlines.scale + 1e-12)));
      }
    });

    it('names each grid’s village and the village’s ancestors, so a client filters by zone without the area list', () => {
      const grid = all.find((a) => a.id === outlines.ids[0]) as AreaDto;
      const parent = outlines.parents[outlines.parent[0]];
      expect(parent).toEqual({ id: grid.parentId, path: grid.path.slice(0, -1) });
      expect(outlines.parents).toHaveLength(new Set(all.filter((a) => a.level === 'grid').map((a) => a.parentId)).size);
    });

    it('is a third of the GeoJSON, gzipped when the client takes it, and tagged for revalidation', async () => {
      expect(JSON.stringify(outlines).length).toBeLessThan(JSON.stringify(geojson).length / 2.5);
      const { accessToken } = await login('admin');
      const zipped = await request(t.app.getHttpServer()).get('/api/areas/outlines?level=grid').set('Authorization', `Bearer ${accessToken}`).set('Accept-Encoding', 'gzip');
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.body).toEqual(outlines);
      expect(zipped.headers['cache-control']).toBe('private, no-cache');
      expect(etag).toMatch(/^W\/"outlines-[\w-]+"$/);
      const again = await request(t.app.getHttpServer()).get('/api/areas/outlines?level=grid').set('Authorization', `Bearer ${accessToken}`).set('If-None-Match', etag);
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
    });

    it('gives a zone leader only their zone’s grids, under another tag', async () => {
      const { user } = await login('zone01');
      const res = await get('zone01', '/api/areas/outlines?level=grid');
      const inZone = all.filter((a) => a.level === 'grid' && a.path.includes(user.areaId as string)).map((a) => a.id);
      expect([...res.body.ids].sort()).toEqual(inZone.sort());
      expect(decodeOutlines(res.body).count).toBe(inZone.length);
      expect(res.headers['etag']).not.toBe(etag);
      // Built once for the scope: asked again, the same answer under the same tag.
      expect((await get('zone01', '/api/areas/outlines?level=grid')).headers['etag']).toBe(res.headers['etag']);
    });

    it.each([
      ['no level', '/api/areas/outlines'],
      ['an unknown level', '/api/areas/outlines?level=county'],
    ])('answers %s with 400 naming the field', async (_what, url) => {
      const res = await get('admin', url);
      expect(res.status).toBe(400);
      expect(res.body.fields.level).toBeDefined();
    });
  });

  describe('scope', () => {
    it('shows a grid worker only their grid', async () => {
      const { user } = await login('grid001');
      const res = await get('grid001', '/api/areas');
      expect(res.body.map((a: AreaDto) => a.id)).toEqual([user.areaId]);
      const geo = await get('grid001', '/api/areas/geojson');
      expect(geo.body.features).toHaveLength(1);
      const outlines = await get('grid001', '/api/areas/outlines?level=grid');
      expect(outlines.body.ids).toEqual([user.areaId]);
    });

    it('refuses a grid worker asking for another zone (403) or another grid (404)', async () => {
      const { user } = await login('grid001');
      const own = all.find((a) => a.id === user.areaId) as AreaDto;
      const otherZone = all.find((a) => a.level === 'zone' && !own.path.includes(a.id)) as AreaDto;
      const otherGrid = all.find((a) => a.level === 'grid' && a.id !== own.id) as AreaDto;
      expect((await get('grid001', `/api/areas?parentId=${otherZone.id}`)).status).toBe(403);
      expect((await get('grid001', `/api/areas/${otherGrid.id}`)).status).toBe(404);
      expect((await get('grid001', `/api/areas/${own.id}`)).status).toBe(200);
    });

    it('shows a zone leader their zone and everything below it', async () => {
      const { user } = await login('zone01');
      const res = await get('zone01', '/api/areas?level=grid');
      expect(res.body.length).toBeGreaterThan(0);
      expect(res.body.every((a: AreaDto) => a.path.includes(user.areaId as string))).toBe(true);
      const inZone = all.filter((a) => a.level === 'grid' && a.path.includes(user.areaId as string));
      expect(res.body).toHaveLength(inZone.length);
    });
  });
});

describe('point → grid', () => {
  const t = useTestApp();
  const locate = (query: string) => t.get('grid001', `/api/areas/locate?${query}`);

  it('finds the grid whose centroid is asked for, with its village, zone and district', async () => {
    const grids: AreaDto[] = (await t.get('admin', '/api/areas?level=grid')).body;
    for (const grid of [grids[0], grids[137], grids[grids.length - 1]]) {
      const res = await locate(`lat=${grid.centroid.lat}&lng=${grid.centroid.lng}`);
      expect(res.status).toBe(200);
      expect(res.body.grid.id).toBe(grid.id);
      expect(res.body.ancestors.map((a: AreaDto) => a.id)).toEqual(grid.path);
      expect(res.body.ancestors.map((a: AreaDto) => a.level)).toEqual(['district', 'zone', 'village']);
    }
  });

  it('answers 404 outside the territory and 400 for impossible coordinates', async () => {
    expect((await locate('lat=39.9&lng=116.4')).status).toBe(404);
    const bad = await locate('lat=95&lng=abc');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['lat', 'lng']);
  });
});
