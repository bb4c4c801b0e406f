import type { AreaDto, CategoryDto, DepartmentDto, UserDto } from '@grid/contracts';
import request from 'supertest';
import { useTestApp } from './test-app';

describe('users, categories, departments, health, config, docs', () => {
  const t = useTestApp();
  const get = (username: string, url: string) => t.get(username, url);
  const login = (username: string) => t.login(username);

  describe('GET /api/users', () => {
    it('tells a zone leader the grid workers of a grid in their zone (two in every tenth village: 1+2+N)', async () => {
      const grids: AreaDto[] = (await get('zone01', '/api/areas?level=grid')).body;
      const res = await get('zone01', `/api/users?areaId=${grids[0].id}&role=grid_worker`);
      expect(res.status).toBe(200);
      const [first, ...others] = res.body as UserDto[];
      expect(first).toMatchObject({ role: 'grid_worker', areaId: grids[0].id, username: expect.stringMatching(/^grid\d{3,}$/) });
      expect(others.map((u) => u.username)).toEqual(others.length ? [`${first.username}b`] : []);
    });

    it('lists only users inside the caller’s zone', async () => {
      const { user } = await login('zone01');
      const areas: AreaDto[] = (await get('zone01', '/api/areas')).body;
      const inZone = new Set(areas.map((a) => a.id));
      const res = await get('zone01', '/api/users');
      expect(res.body.length).toBeGreaterThan(10);
      expect(res.body.every((u: UserDto) => u.areaId && inZone.has(u.areaId))).toBe(true);
      expect(res.body.some((u: UserDto) => u.id === user.id)).toBe(true);
    });

    it('gives admins every account of a role', async () => {
      const res = await get('admin', '/api/users?role=zone_leader');
      expect(res.body.map((u: UserDto) => u.username)).toEqual(['zone01', 'zone02', 'zone03', 'zone04', 'zone05', 'zone06', 'zone07', 'zone08', 'zone09', 'zone10']);
    });

    it('refuses grid workers and department staff (403), and another zone’s area (403)', async () => {
      expect((await get('grid001', '/api/users')).status).toBe(403);
      const dept = (await get('admin', '/api/users?role=dept_staff')).body[0] as UserDto;
      expect((await get(dept.username, '/api/users')).status).toBe(403);
      const { user } = await login('zone01');
      const otherZone = ((await get('admin', '/api/areas?level=zone')).body as AreaDto[]).find((z) => z.id !== user.areaId) as AreaDto;
      expect((await get('zone01', `/api/users?areaId=${otherZone.id}`)).status).toBe(403);
    });

    it('answers an unknown role with 400', async () => {
      const res = await get('admin', '/api/users?role=mayor');
      expect(res.status).toBe(400);
      expect(res.body.fields.role).toBeDefined();
    });
  });

  it('lists the responsibility list: two levels, departments that exist, limits per priority', async () => {
    const categories: CategoryDto[] = (await get('grid001', '/api/categories')).body;
    const departments: DepartmentDto[] = (await get('grid001', '/api/departments')).body;
    const codes = new Set(categories.map((c) => c.code));
    const departmentCodes = new Set(departments.map((d) => d.code));
    expect(categories.filter((c) => c.parentCode === null).length).toBeGreaterThanOrEqual(8);
    for (const c of categories) {
      if (c.parentCode) expect(codes.has(c.parentCode)).toBe(true);
      if (c.departmentCode) expect(departmentCodes.has(c.departmentCode)).toBe(true);
      expect(c.timeLimits.normal.handleHours).toBeGreaterThan(0);
      expect(c.nameEn).not.toBe('');
    }
    expect(departments.map((d) => d.name)).toEqual(expect.arrayContaining(['综合执法', '市场监管', '派出所']));
  });

  it('needs a token for reference data', async () => {
    await request(t.app.getHttpServer()).get('/api/categories').expect(401);
  });

  it('reports health without a token when the database answers', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('serves public config with level labels and the synthetic-geometry flag', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/config').expect(200);
    expect(res.body).toMatchObject({ syntheticGeometry: true, demoAccounts: true, tileUrl: null, territoryName: expect.any(String), levelLabels: { zone: { 'zh-CN': expect.any(String), en: expect.any(String) } } });
  });

  it('publishes OpenAPI at /api/docs', async () => {
    await request(t.app.getHttpServer()).get('/api/docs').expect(200);
    const res = await request(t.app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/areas', '/api/areas/geojson', '/api/users', '/api/categories', '/api/health']));
  });

  it('sends security headers and a request id', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toMatch(/^[\w.-]+$/);
    expect(res.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
  });
});

describe('demo history', () => {
  const t = useTestApp();

  it('holds about 90 days of cases with valid timelines: mostly closed, some open in every step', async () => {
    // Figures over the whole history: counted to the last (a list counts up to 1,000, ADR 0022).
    const all = (await t.get('operator', '/api/cases?pageSize=1&count=exact')).body;
    expect(all.total).toBeGreaterThan(2000);
    const closed = (await t.get('operator', '/api/cases?status=closed&pageSize=1&count=exact')).body.total;
    expect(closed / all.total).toBeGreaterThan(0.7);
    for (const status of ['dispatched', 'in_progress', 'handled']) expect((await t.get('operator', `/api/cases?status=${status}&pageSize=1`)).body.total).toBeGreaterThan(0);
    const oldest = (await t.get('operator', '/api/cases?sort=reportedAt&pageSize=1')).body.items[0];
    expect(Date.now() - Date.parse(oldest.reportedAt)).toBeGreaterThan(80 * 24 * 3_600_000);
    const sample = (await t.get('operator', '/api/cases?status=closed&pageSize=3')).body.items;
    for (const c of sample) {
      const detail = (await t.get('operator', `/api/cases/${c.id}`)).body;
      expect(detail.timeline[0].kind).toBe('reported');
      expect(detail.timeline[detail.timeline.length - 1].toStatus).toBe('closed');
      expect(detail.code).toMatch(/^HK\d{8}-\d{4}$/);
    }
  });
});
