import type { AreaDto, CaseDetail, OnDutyResponse, PeopleImportApplyResponse, PeopleImportResponse, RotaImportDto } from '@grid/contracts';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { post, upload } from './cases-helpers';
import { cli } from './cli-runner';
import { DEMO_PASSWORD, ownDatabase, useTestApp } from './test-app';

const SAMPLES = path.resolve(__dirname, '../../../docs/samples');
const sample = (name: string) => path.join(SAMPLES, name);

/**
 * Issue 17's "done when": a district is set up from its four files alone (docs/samples), on an empty installation,
 * the way README "Setting up a district" tells it: the territory and the first administrator from the command line,
 * then the people and the rota through the console's API, then the list; a report then goes to the person on duty.
 */
describe('a district from its four files alone (LOAD_DEMO=never)', () => {
  let databaseUrl: string;
  const t = useTestApp({ LOAD_DEMO: 'never', DEMO_HISTORY_DAYS: '0' }, async () => (databaseUrl = await ownDatabase('district')));
  const onIts = (args: string[], env: Record<string, string> = {}) => cli(args, { DATABASE_URL: databaseUrl, ...env });

  it('starts empty: no area, no account', async () => {
    const [{ areas, users }] = await t.app.get(DataSource).query(`SELECT (SELECT count(*) FROM areas)::int AS areas, (SELECT count(*) FROM users)::int AS users`);
    expect({ areas, users }).toEqual({ areas: 0, users: 0 });
  });

  it('takes the territory and the first administrator from the command line', async () => {
    const territory = await onIts(['import-territory', sample('territory.geojson')]);
    expect(territory.stdout).toMatch(/territory version 1: 8 created/);
    const admin = await onIts(['create-user', '--username', 'chief', '--role', 'admin', '--area', '610902107', '--name', '系统管理员'], { PASSWORD: DEMO_PASSWORD });
    expect(admin.stdout).toMatch(/created user chief \(admin\)/);
    const [village] = await t.app.get(DataSource).query(`SELECT population, households, staff_quota FROM areas WHERE code = '610902107001'`);
    expect(village).toEqual({ population: 4200, households: 1500, staff_quota: 6 });
  }, 120_000);

  it('takes the people (1+2+N, one-time passwords) and the rota through the console’s imports', async () => {
    // The workbook holds the same rows as the CSV.
    expect((await onIts(['import-people', sample('people.xlsx'), '--check'])).stdout).toMatch(/is valid \(read as xlsx\): 10 people, 14 posts/);
    const people = (await upload(t, 'chief', '/api/admin/people/imports', fs.readFileSync(sample('people.csv')), {}, 'people.csv')).body as PeopleImportResponse;
    expect(people).toMatchObject({ status: 'valid', problems: [], summary: { people: 10, posts: 14 } });
    const applied = (await post(t, 'chief', `/api/admin/people/imports/${people.id}/apply`, {})).body as PeopleImportApplyResponse;
    expect(applied.oneTimePasswords).toHaveLength(10);
    const rota = (await upload(t, 'chief', '/api/admin/rota/imports', fs.readFileSync(sample('rota.xlsx')), {}, 'rota.xlsx')).body as RotaImportDto;
    expect(rota).toMatchObject({ status: 'valid', problems: [], summary: { rows: 4, shifts: 0, patterns: 4 } });
    expect((await post(t, 'chief', `/api/admin/rota/imports/${rota.id}/apply`, {})).status).toBe(200);
  });

  it('takes the responsibility list (the defaults every installation starts with: unchanged)', async () => {
    const list = await onIts(['import-categories', sample('categories.json')]);
    expect(list.stdout).toMatch(/61 categories: 0 created, 0 changed, 61 unchanged/);
  }, 120_000);

  it('sends a report to the worker the rota puts on duty, and says why', async () => {
    const grids = (await t.get('chief', '/api/areas?level=grid')).body as AreaDto[];
    const grid = grids.find((g) => g.code === '610902107002002') as AreaDto;
    // Two workers there: without the rota both would be on duty and the first by name (wanglei) would get it.
    const duty = (await t.get('chief', `/api/areas/${grid.id}/on-duty`)).body as OnDutyResponse;
    expect(duty.users.map((u) => u.username)).toEqual(['zhengzhigang']);
    const res = await post(t, 'chief', '/api/cases', { categoryCode: 'city.litter', description: '小区门口垃圾堆积', location: grid.centroid });
    expect(res.status).toBe(201);
    const created = res.body as CaseDetail;
    expect(created.assigneeId).toBe(duty.users[0].id);
    expect(created.timeline.find((e) => e.kind === 'dispatched')?.data).toMatchObject({ rule: 'on_duty' });
  });

  it('keeps the grid’s helpers (警格, 法律顾问, 楼栋长) out of dispatch and out of its grid workers', async () => {
    const grids = (await t.get('chief', '/api/areas?level=grid')).body as AreaDto[];
    const grid = grids.find((g) => g.code === '610902107001002') as AreaDto;
    const workers = (await t.get('chief', `/api/users?areaId=${grid.id}&role=grid_worker`)).body as { username: string }[];
    expect(workers.map((u) => u.username)).toEqual(['sunguohua']);
    const everyone = (await t.get('chief', `/api/users?areaId=${grid.id}`)).body as { username: string }[];
    expect(everyone.map((u) => u.username)).toEqual(expect.arrayContaining(['huangzhiqiang', 'sunguohua', 'yanglijuan']));
  });
});

describe('npm run cli -- export-demo-samples DIR', () => {
  it('writes the demo district’s four files, which the demo loads the same way', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-samples-'));
    const res = await cli(['export-demo-samples', dir]);
    expect(res.code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['categories.json', 'people.csv', 'rota.xlsx', 'territory.geojson']);
    const territory = JSON.parse(fs.readFileSync(path.join(dir, 'territory.geojson'), 'utf8')) as { features: { properties: Record<string, unknown> }[] };
    expect(territory.features.find((f) => f.properties['level'] === 'grid')?.properties).toMatchObject({ population: expect.any(Number), households: expect.any(Number), staffQuota: 2 });
    const people = fs.readFileSync(path.join(dir, 'people.csv'), 'utf8');
    for (const username of ['admin', 'grid001', 'grid001b', 'leader001', 'police001', 'legal001']) expect(people).toMatch(new RegExp(`,${username},`));
    expect(people).toMatch(/,grid_police,/);
  }, 120_000);
});
