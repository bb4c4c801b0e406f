import type { CaseDetail, CategoryDto, CategoryVersionDto, PublicResponsibilities, UpdateCategoryRequest } from '@grid/contracts';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AssessmentProjector } from '../src/modules/assessment/assessment-projector.service';
import { SlaSweeper } from '../src/modules/cases/sla-sweeper.service';
import { gridFixture, post, report } from './cases-helpers';
import { useTestApp, type TestContext } from './test-app';

const HOUR = 3_600_000;
/** A category no other test file reports in: its edits here change nobody else's expectations. */
const CODE = 'ecology.burning';

async function put(t: TestContext, username: string, url: string, body: object): Promise<request.Response> {
  const { accessToken } = await t.login(username);
  return request(t.app.getHttpServer()).put(url).set('Authorization', `Bearer ${accessToken}`).send(body);
}

const categoryOf = async (t: TestContext, code: string) => ((await t.get('admin', '/api/categories')).body as CategoryDto[]).find((c) => c.code === code) as CategoryDto;
const acceptHoursOf = (c: Pick<CaseDetail, 'acceptDueAt' | 'reportedAt'>) => (Date.parse(c.acceptDueAt as string) - Date.parse(c.reportedAt)) / HOUR;
const handleHoursOf = (c: Pick<CaseDetail, 'handleDueAt' | 'reportedAt'>) => (Date.parse(c.handleDueAt as string) - Date.parse(c.reportedAt)) / HOUR;
/** An emergency runs on calendar hours whatever the day: its due times are plain sums, easy to check. */
const EMERGENCY = { categoryCode: CODE, priority: 'emergency' } as const;

describe('the responsibility list, versioned (issue 17)', () => {
  const t = useTestApp({ PUBLIC_RATE_LIMIT: '8' });
  const db = () => t.app.get(DataSource);
  const pointsInFacts = async (caseId: string) => {
    await db().query(`INSERT INTO assessment_dirty (case_id) VALUES ($1) ON CONFLICT DO NOTHING`, [caseId]);
    while ((await t.app.get(AssessmentProjector).projectDirty()).more);
    const [row] = (await db().query(`SELECT category_points FROM assessment_facts WHERE case_id = $1`, [caseId])) as { category_points: number }[];
    return row.category_points;
  };

  it('leaves an old case its clocks and points after an edit; a new case gets the new limits', async () => {
    const before = await categoryOf(t, CODE);
    const { grid, worker, zoneLeader } = await gridFixture(t, 123);
    const old = await report(t, zoneLeader.username, grid, EMERGENCY);
    expect(old.categoryVersion).toBe(before.version);
    expect(acceptHoursOf(old)).toBe(before.timeLimits.emergency.acceptHours);
    const oldPoints = await pointsInFacts(old.id);
    expect(oldPoints).toBe(before.points);

    const limits = { ...before.timeLimits, emergency: { acceptHours: 0.25, handleHours: 2 } };
    const res = await put(t, 'admin', `/api/admin/categories/${CODE}`, { timeLimits: limits, points: before.points + 4, reason: '秸秆禁烧季：紧急情况加快响应' } satisfies UpdateCategoryRequest);
    expect(res.status).toBe(200);
    const written: CategoryVersionDto = res.body;
    expect(written).toMatchObject({ code: CODE, version: before.version + 1, status: 'current', timeLimits: limits, points: before.points + 4, createdBy: { username: 'admin' } });
    expect((await categoryOf(t, CODE)).version).toBe(written.version);

    // Everything that recomputes an old case's clocks (a calendar change marks every open case, the sweeper
    // recomputes it; reading it; acting on it) reads the version it was routed under.
    await db().query(`UPDATE cases SET next_sla_check_at = now() WHERE id = $1`, [old.id]);
    await t.app.get(SlaSweeper).sweep(new Date());
    const reread: CaseDetail = (await t.get('operator', `/api/cases/${old.id}`)).body;
    expect(reread.categoryVersion).toBe(before.version);
    expect(reread.acceptDueAt).toBe(old.acceptDueAt);
    expect(reread.handleDueAt).toBe(old.handleDueAt);
    expect(reread.clocks).toEqual(old.clocks.map((c) => ({ ...c, usedFraction: expect.any(Number), state: expect.any(String) })));
    expect(await pointsInFacts(old.id)).toBe(oldPoints);

    const fresh = await report(t, zoneLeader.username, grid, EMERGENCY);
    expect(fresh.categoryVersion).toBe(written.version);
    expect(acceptHoursOf(fresh)).toBe(0.25);
    expect(handleHoursOf(fresh)).toBe(2);
    expect(await pointsInFacts(fresh.id)).toBe(before.points + 4);

    // An action on the old case recomputes its clocks too: still its own version's.
    const accepted = await post(t, worker.username, `/api/cases/${old.id}/accept`, {});
    expect(accepted.status).toBe(200);
    expect((accepted.body as CaseDetail).categoryVersion).toBe(before.version);
    expect(handleHoursOf(accepted.body)).toBe(handleHoursOf(old));
  });

  it('keeps the history: who, why and when, newest first, and writes the audit log', async () => {
    const versions: CategoryVersionDto[] = (await t.get('admin', `/api/admin/categories/${CODE}/versions`)).body;
    expect(versions.length).toBeGreaterThanOrEqual(2);
    expect(versions[0]).toMatchObject({ status: 'current', reason: '秸秆禁烧季：紧急情况加快响应', createdBy: { username: 'admin' } });
    expect(versions.at(-1)).toMatchObject({ version: 1, status: 'past', createdBy: { username: 'system' } });
    expect(versions.map((v) => v.version)).toEqual([...versions.map((v) => v.version)].sort((a, b) => b - a));
    const audit = (await db().query(`SELECT username, detail FROM audit_log WHERE action = 'category_changed' AND detail->>'code' = $1 ORDER BY at DESC LIMIT 1`, [CODE])) as { username: string; detail: { version: number; fields: string[] } }[];
    expect(audit[0]).toMatchObject({ username: 'admin', detail: { version: versions[0].version, fields: ['timeLimits', 'points'] } });
  });

  it('refuses bad edits field by field, and applies nothing', async () => {
    const current = await categoryOf(t, CODE);
    const cases: [object, string][] = [
      [{ timeLimits: { ...current.timeLimits, normal: { acceptHours: -1, handleHours: 40 } } }, 'timeLimits.normal.acceptHours'],
      [{ timeLimits: { ...current.timeLimits, urgent: { acceptHours: 10, handleHours: 8 } } }, 'timeLimits.urgent.acceptHours'],
      [{ departmentCode: 'nosuch' }, 'departmentCode'],
      [{ handlingLevel: 'county' }, 'handlingLevel'],
      [{ handlingLevel: 'department', departmentCode: null }, 'departmentCode'],
      [{ effectiveFrom: new Date(Date.now() - 3_600_000).toISOString() }, 'effectiveFrom'],
      [{ effectiveFrom: 'tomorrow' }, 'effectiveFrom'],
      [{ points: 1.5 }, 'points'],
      [{ extraFields: [{ code: 'size', name: '面积', nameEn: 'Size', type: 'singlevaluelist', required: true }] }, 'extraFields.0.options'],
    ];
    for (const [body, field] of cases) {
      const res = await put(t, 'admin', `/api/admin/categories/${CODE}`, { reason: '测试', ...body });
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.fields).toHaveProperty([field]);
    }
    const noReason = await put(t, 'admin', `/api/admin/categories/${CODE}`, { points: 9 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields).toHaveProperty(['reason']);
    expect(await categoryOf(t, CODE)).toEqual(current);

    expect((await put(t, 'zone01', `/api/admin/categories/${CODE}`, { points: 9, reason: 'x y' })).status).toBe(403);
    expect((await put(t, 'admin', `/api/admin/categories/no.such`, { points: 9, reason: 'x y' })).status).toBe(404);
    expect((await request(t.app.getHttpServer()).put(`/api/admin/categories/${CODE}`).send({ points: 9, reason: 'x y' })).status).toBe(401);
    expect((await t.get('zone01', `/api/admin/categories/${CODE}/versions`)).status).toBe(403);
  });

  it('schedules a version for a date: routing switches at that instant, not before', async () => {
    const current = await categoryOf(t, CODE);
    const at = new Date(Date.now() + 4_000);
    const res = await put(t, 'admin', `/api/admin/categories/${CODE}`, { timeLimits: { ...current.timeLimits, emergency: { acceptHours: 1, handleHours: 3 } }, effectiveFrom: at.toISOString(), reason: '明年起执行新时限' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'scheduled', version: current.version + 1, effectiveFrom: at.toISOString() });
    expect((await categoryOf(t, CODE)).version).toBe(current.version);
    const { grid, zoneLeader } = await gridFixture(t, 124);
    const before = await report(t, zoneLeader.username, grid, EMERGENCY);
    expect(before.categoryVersion).toBe(current.version);
    const announced = ((await request(t.app.getHttpServer()).get('/api/public/responsibilities')).body as PublicResponsibilities).categories.find((c) => c.code === CODE);
    expect(announced?.upcoming).toMatchObject({ version: current.version + 1, timeLimits: { emergency: { acceptHours: 1, handleHours: 3 } } });

    await new Promise((resolve) => setTimeout(resolve, at.getTime() - Date.now() + 50));
    const after = await report(t, zoneLeader.username, grid, EMERGENCY);
    expect(after.categoryVersion).toBe(current.version + 1);
    expect(acceptHoursOf(after)).toBe(1);
    expect((await categoryOf(t, CODE)).version).toBe(current.version + 1);
    // The categories row (read by Open311) follows within a second or two of the date.
    for (let i = 0; i < 40; i++) {
      const [row] = (await db().query(`SELECT version FROM categories WHERE code = $1`, [CODE])) as { version: number }[];
      if (row.version === current.version + 1) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await db().query(`SELECT version FROM categories WHERE code = $1`, [CODE]))[0].version).toBe(current.version + 1);
  }, 30_000);

  it('makes a new category that reports can use at once', async () => {
    const body = {
      code: 'ecology.light',
      parentCode: 'ecology',
      name: '光污染',
      nameEn: 'Light pollution',
      handlingLevel: 'department',
      departmentCode: 'sthj',
      clock: 'working',
      timeLimits: { normal: { acceptHours: 2, handleHours: 40 }, urgent: { acceptHours: 1, handleHours: 8 }, emergency: { acceptHours: 0.5, handleHours: 4 } },
      requiresVerification: true,
      points: 2,
      extraFields: [],
      reason: '新增光污染投诉类别',
    };
    const res = await post(t, 'admin', '/api/admin/categories', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'ecology.light', version: 1, status: 'current' });
    expect((await post(t, 'admin', '/api/admin/categories', body)).status).toBe(409);
    const bad = await post(t, 'admin', '/api/admin/categories', { ...body, code: 'ecology.x', parentCode: 'nosuch' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty(['code']);
    expect(await categoryOf(t, 'ecology.light')).toMatchObject({ version: 1, name: '光污染' });
    const { grid, zoneLeader } = await gridFixture(t, 125);
    const made = await report(t, zoneLeader.username, grid, { categoryCode: 'ecology.light' });
    expect(made.categoryVersion).toBe(1);
  });

  it('publishes the list without signing in: units and limits in both languages, sensitive categories too, no points; rate limited', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/public/responsibilities');
    expect(res.status).toBe(200);
    const list: PublicResponsibilities = res.body;
    const burning = list.categories.find((c) => c.code === CODE);
    expect(burning).toMatchObject({ name: '露天焚烧', nameEn: 'Open burning', handlingLevel: 'grid', department: { code: 'sthj', name: '生态环境' } });
    expect(burning?.timeLimits).toEqual((await categoryOf(t, CODE)).timeLimits);
    expect(list.categories.some((c) => c.code.startsWith('dispute.'))).toBe(true);
    expect(JSON.stringify(list)).not.toMatch(/"points"|"extraFields"/);
    let status = 200;
    for (let i = 0; i < 10 && status === 200; i++) status = (await request(t.app.getHttpServer()).get('/api/public/responsibilities')).status;
    expect(status).toBe(429);
  });
});
