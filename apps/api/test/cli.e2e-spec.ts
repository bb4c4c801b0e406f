import type { AreaDto, AreaOutlinesResponse, CategoryDto, CategoryListFile, WorkCalendarDto, YearScheduleDto } from '@grid/contracts';
import { decodeOutlines, outlineRings } from '@grid/geo';
import iconv from 'iconv-lite';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD, useTestApp } from './test-app';
import { cli } from './cli-runner';

describe('CLI', () => {
  const t = useTestApp();

  it('prints help', async () => {
    const res = await cli(['help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/create-user[\s\S]*import-areas[\s\S]*import-calendar[\s\S]*load-demo/);
  });

  it('creates a user who can then log in, with the password from the environment', async () => {
    // An assessor, so that the listings other test files count are not disturbed.
    const res = await cli(['create-user', '--username', 'wang.fang', '--role', 'assessor', '--area', '610902107', '--name', '王芳'], { PASSWORD: 'a-long-password-1' });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const login = await request(t.app.getHttpServer()).post('/api/auth/login').send({ username: 'wang.fang', password: 'a-long-password-1' }).expect(200);
    expect(login.body.user).toMatchObject({ role: 'assessor', displayName: '王芳' });
    const [audit] = (await t.app.get(DataSource).query(`SELECT action, detail FROM audit_log WHERE username = 'wang.fang' AND action = 'user_created'`)) as { action: string; detail: { by: string } }[];
    expect(audit.detail.by).toBe('cli');
  });

  it.each([
    ['an unknown role', ['--username', 'x1', '--role', 'mayor', '--area', '610902107Z02'], /--role must be one of/],
    ['an unknown area', ['--username', 'x2', '--role', 'grid_worker', '--area', '999'], /no area with code 999/],
    ['a taken username', ['--username', 'admin', '--role', 'admin', '--area', '610902107'], /taken/],
  ])('refuses %s', async (_what, args, message) => {
    const res = await cli(['create-user', ...args], { PASSWORD: 'a-long-password-1' });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(message);
  });

  it('imports people (the samples: district-files.e2e-spec): a GBK file with a problem is refused by row, a good one applied with one-time passwords', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'people-'));
    const grid = ((await t.get('admin', '/api/areas?level=grid')).body as AreaDto[])[80];
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, iconv.encode(`姓名,手机号,岗位,区域编码\n张三,13,grid_worker,${grid.code}\n`, 'gbk'));
    const refused = await cli(['import-people', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/row 2, phone: "13" is not an 11-digit mobile number[\s\S]*1 problem\(s\) in .* \(read as gbk\): nothing imported/);
    const good = path.join(dir, 'good.csv');
    // A username that sorts after the demo's, so that other tests' "first worker of the grid" stays theirs.
    fs.writeFileSync(good, `name,phone,username,role,area_code\n赵六,19912345678,zz_cli_person,grid_worker,${grid.code}\n`);
    const out = path.join(dir, 'passwords.csv');
    const applied = await cli(['import-people', good, '--out', out]);
    expect(applied.stderr).toMatch(/imported 1 people; one-time passwords in/);
    const [, line] = fs.readFileSync(out, 'utf8').replace(/^\ufeff/, '').split(/\r?\n/);
    const [username, , password] = line.split(',');
    expect(username).toBe('zz_cli_person');
    const login = await request(t.app.getHttpServer()).post('/api/auth/login').send({ username, password }).expect(200);
    expect(login.body.user).toMatchObject({ role: 'grid_worker', areaId: grid.id, mustChangePassword: true });
  });

  it('imports a year of the working calendar, and every instance uses it at once; refuses a malformed one by field', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calendar-'));
    // The shipped provisional 2027 again, with one more holiday (a day nobody's test clock reaches).
    const shipped = ((await t.get('admin', '/api/calendar')).body as WorkCalendarDto).years.find((y) => y.year === 2027) as YearScheduleDto;
    const file = path.join(dir, '2027.json');
    fs.writeFileSync(file, JSON.stringify({ ...shipped, holidays: { ...shipped.holidays, '2027-12-31': '测试 test day' } }));
    const res = await cli(['import-calendar', file]);
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(/calendar 2027 \(provisional\): 6 holidays/);
    // The running instance heard the change (NOTIFY) and reloaded.
    for (let i = 0; i < 50; i++) {
      const year = ((await t.get('admin', '/api/calendar')).body as WorkCalendarDto).years.find((y) => y.year === 2027);
      if (year?.holidays['2027-12-31']) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(((await t.get('admin', '/api/calendar')).body as WorkCalendarDto).years.find((y) => y.year === 2027)?.holidays['2027-12-31']).toBe('测试 test day');
    fs.writeFileSync(file, JSON.stringify({ year: 2027, holidays: { '2027-13-01': 'no such day' } }));
    const bad = await cli(['import-calendar', file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/holidays\.2027-13-01/);
    expect((await cli(['import-calendar', file.replace('2027', 'nothing')])).code).toBe(1);
  });

  it('imports boundaries from GeoJSON and every instance routes points with them at once', async () => {
    const { accessToken } = await t.login('admin');
    const server = t.app.getHttpServer();
    const grids: AreaDto[] = (await request(server).get('/api/areas?level=grid').set('Authorization', `Bearer ${accessToken}`)).body;
    const target = grids[5];
    const original = (await request(server).get('/api/areas/geojson?level=grid').set('Authorization', `Bearer ${accessToken}`)).body.features.find((f: { id: string }) => f.id === target.id);
    // Re-import one grid with a small square around its centroid: points just outside the square now
    // fall in no grid, unless another grid covers them (the rest of the old cell is left uncovered).
    const { lat, lng } = target.centroid;
    const d = 0.0005;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grid-cli-'));
    const file = path.join(dir, 'grid.geojson');
    fs.writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: { type: 'Polygon', coordinates: [[[lng - d, lat - d], [lng + d, lat - d], [lng + d, lat + d], [lng - d, lat + d], [lng - d, lat - d]]] },
            properties: { code: target.code, name: '改名网格', level: 'grid', parentCode: target.code.slice(0, 12) },
          },
        ],
      }),
    );
    const outlinesTag = async () => (await request(server).get('/api/areas/outlines?level=grid').set('Authorization', `Bearer ${accessToken}`)).headers['etag'] as string;
    const before = await outlinesTag();
    const res = await cli(['import-areas', file]);
    expect(res.stdout).toMatch(/imported 1 areas: 0 created, 1 updated/);
    const renamed = await request(server).get(`/api/areas/${target.id}`).set('Authorization', `Bearer ${accessToken}`).expect(200);
    expect(renamed.body.name).toBe('改名网格');
    // The API instance learns of the change through NOTIFY and rebuilds its index.
    let located: number | undefined;
    for (let i = 0; i < 50 && located !== 404; i++) {
      located = (await request(server).get(`/api/areas/locate?lat=${lat + 3 * d}&lng=${lng}`).set('Authorization', `Bearer ${accessToken}`)).status;
      if (located !== 404) await new Promise((r) => setTimeout(r, 100));
    }
    expect(located).toBe(404);
    // The map's outlines were built again from the new boundary, under a new tag.
    const changed = (await request(server).get('/api/areas/outlines?level=grid').set('Authorization', `Bearer ${accessToken}`)).body as AreaOutlinesResponse;
    expect(outlineRings(decodeOutlines(changed), changed.ids.indexOf(target.id))[0]).toHaveLength(4);
    expect(await outlinesTag()).not.toBe(before);

    // Put the original boundary back for the other tests of the run: the same content gets the same tag again.
    const restore = path.join(dir, 'restore.geojson');
    const properties = { code: target.code, name: target.name, level: 'grid', parentCode: target.code.slice(0, 12) };
    fs.writeFileSync(restore, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: original.geometry, properties }] }));
    expect((await cli(['import-areas', restore])).code).toBe(0);
    for (let i = 0; i < 50 && (await outlinesTag()) !== before; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await outlinesTag()).toBe(before);
  });

  it('refuses a malformed area file with the field at fault', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'grid-cli-')), 'bad.geojson');
    fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] }, properties: { code: 'x', name: 'x', level: 'grid' } }] }));
    const res = await cli(['import-areas', file]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/features\.0\.geometry/);
  });

  it('does not load the demo over an existing territory', async () => {
    const res = await cli(['load-demo']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/already has a territory/);
  });

  it('issues, lists and revokes Open311 API keys; a revoked key is refused at once', async () => {
    const server = t.app.getHttpServer();
    const { accessToken } = await t.login('admin');
    const grid = ((await request(server).get('/api/areas?level=grid').set('Authorization', `Bearer ${accessToken}`)).body as AreaDto[])[75];
    const submit = (key: string) =>
      request(server)
        .post('/open311/v2/requests.json')
        .type('form')
        .send(new URLSearchParams({ api_key: key, service_code: 'city.litter', lat: String(grid.centroid.lat), long: String(grid.centroid.lng) }).toString());

    const created = await cli(['create-api-key', '--name', 'civic-app']);
    expect(created.code).toBe(0);
    const key = /^o311_[\w-]+$/m.exec(created.stdout)?.[0] as string;
    expect(key).toBeDefined();
    expect((await submit(key)).status).toBe(200);
    expect((await cli(['create-api-key', '--name', 'civic-app'])).stderr).toMatch(/exists already/);

    const listed = await cli(['list-api-keys']);
    expect(listed.stdout).toMatch(/^civic-app\tlive\tcreated \S+\tlast used 20/m);
    expect(listed.stdout).toMatch(/^demo\tlive/m);
    expect(listed.stdout).not.toContain(key);

    expect((await cli(['revoke-api-key', '--name', 'civic-app'])).stdout).toMatch(/revoked API key civic-app/);
    expect((await submit(key)).status).toBe(403);
    expect((await cli(['list-api-keys'])).stdout).toMatch(/^civic-app\trevoked /m);
    expect((await cli(['revoke-api-key', '--name', 'civic-app'])).code).toBe(1);
    const audit = (await t.app.get(DataSource).query(`SELECT action FROM audit_log WHERE action LIKE 'api_key_%' ORDER BY id`)) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['api_key_created', 'api_key_revoked']);
  });

  it('unlocks an account locked for failed sign-ins (audited), and names an unknown one', async () => {
    const dataSource = t.app.get(DataSource);
    const [{ id }] = (await dataSource.query(`SELECT id FROM users WHERE username = 'village020'`)) as { id: string }[];
    await dataSource.query(`INSERT INTO login_failures (user_id, source, failures, last_failed_at, next_attempt_at, locked_until) VALUES ($1, '127.0.0.1', 0, now(), now(), now() + interval '15 minutes')`, [id]);
    await request(t.app.getHttpServer()).post('/api/auth/login').send({ username: 'village020', password: DEMO_PASSWORD }).expect(423);
    const res = await cli(['unlock-user', '--username', 'village020']);
    expect([res.code, res.stdout.trim()]).toEqual([0, 'unlocked village020 (locked from 1 address)']);
    await request(t.app.getHttpServer()).post('/api/auth/login').send({ username: 'village020', password: DEMO_PASSWORD }).expect(200);
    const [audit] = (await dataSource.query(`SELECT username, detail FROM audit_log WHERE action = 'account_unlocked' ORDER BY id DESC LIMIT 1`)) as { username: string; detail: object }[];
    expect(audit).toEqual({ username: 'cli', detail: { userId: id, username: 'village020', unlocked: 1 } });
    const unknown = await cli(['unlock-user', '--username', 'nobody-here']);
    expect([unknown.code, unknown.stderr.trim()]).toEqual([1, 'error: no user named nobody-here']);
  });

  it('exports an assessment as the API does, and refuses a bad level with the field at fault', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'grid-cli-')), 'zones.csv');
    const res = await cli(['export-assessment', '--level', 'zone', '--from', '2026-01-01', '--to', '2026-12-31', '--out', out]);
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(/exported 10 zone rows/);
    const lines = fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toMatch(/^排名,编码,名称,综合指标值/);
    const bad = await cli(['export-assessment', '--level', 'street', '--from', '2026-01-01', '--to', '2026-12-31', '--out', out]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/level/);
  });
  it('exports the responsibility list and imports it back: new categories made, changed ones versioned, the rest left alone; a bad file applies nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grid-cli-'));
    const file = path.join(dir, 'categories.json');
    expect((await cli(['export-categories', '--out', file])).stdout).toMatch(/wrote \d+ categories/);
    const list = JSON.parse(fs.readFileSync(file, 'utf8')) as CategoryListFile;
    const site = list.categories.find((c) => c.code === 'construction.site') as CategoryListFile['categories'][number];
    site.timeLimits = { ...site.timeLimits, normal: { acceptHours: 2, handleHours: 32 } } as typeof site.timeLimits;
    list.categories.push({ ...site, code: 'construction.scaffold', name: '脚手架隐患', nameEn: 'Unsafe scaffolding' });
    fs.writeFileSync(file, JSON.stringify(list));
    const res = await cli(['import-categories', file, '--reason', '工地检查新规']);
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(/1 created, 1 changed, \d+ unchanged/);
    expect(res.stdout).toMatch(/construction\.site → version 2 \(timeLimits\)/);
    // The running instance heard the change and reads the new versions.
    for (let i = 0; i < 50; i++) {
      if (((await t.get('admin', '/api/categories')).body as CategoryDto[]).some((c) => c.code === 'construction.scaffold')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const categories = (await t.get('admin', '/api/categories')).body as CategoryDto[];
    expect(categories.find((c) => c.code === 'construction.site')).toMatchObject({ version: 2, timeLimits: { normal: { handleHours: 32 } } });
    expect(categories.find((c) => c.code === 'construction.scaffold')).toMatchObject({ version: 1, name: '脚手架隐患' });
    expect((await t.get('admin', '/api/admin/categories/construction.site/versions')).body[0]).toMatchObject({ reason: '工地检查新规', createdBy: { username: 'cli' } });
    expect((await cli(['import-categories', file])).stdout).toMatch(/0 created, 0 changed/);

    list.categories.push({ ...site, code: 'construction.crane', departmentCode: 'nosuch' });
    fs.writeFileSync(file, JSON.stringify(list));
    const bad = await cli(['import-categories', file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/categories\.\d+\.departmentCode/);
    expect(((await t.get('admin', '/api/categories')).body as CategoryDto[]).some((c) => c.code === 'construction.crane')).toBe(false);
  });
});
