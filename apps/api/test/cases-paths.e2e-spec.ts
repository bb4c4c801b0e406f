import type { CaseDetail, DepartmentDto } from '@grid/contracts';
import { crc32 } from 'node:zlib';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../src/config/app-config';
import { CaseDuplicateFinder } from '../src/modules/cases/case-duplicates';
import { CategoryCatalog } from '../src/modules/categories/category-catalog';
import { act, gridFixture, jpeg, post, report, upload } from './cases-helpers';
import { useTestApp } from './test-app';

/** Every other path of DESIGN §3 through the API, with the demo accounts. */
describe('case paths', () => {
  const t = useTestApp();
  const ok = async (username: string, id: string, action: string, body: object = {}): Promise<CaseDetail> => {
    const res = await act(t, username, id, action, body);
    if (res.status !== 200) throw new Error(`${username} ${action}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as CaseDetail;
  };
  const departments = async () => (await t.get('operator', '/api/departments')).body as DepartmentDto[];

  it('escalates grid → village → zone, where the zone leader dispatches it back down', async () => {
    const { grid, worker, zoneLeader } = await gridFixture(t, 40);
    const made = await report(t, zoneLeader.username, grid);
    await ok(worker.username, made.id, 'accept');
    const up = await ok(worker.username, made.id, 'escalate', { note: '需村里协调' });
    expect(up).toMatchObject({ status: 'registered', unit: { level: 'village', areaId: grid.path[2] } });
    const village = `village${String(0).padStart(3, '0')}`;
    expect(village).toBeTruthy();
    const atZone = await ok(zoneLeader.username, made.id, 'escalate', { note: '村里解决不了' });
    expect(atZone.unit).toEqual({ level: 'zone', areaId: grid.path[1] });
    const down = await ok(zoneLeader.username, made.id, 'dispatch', { unit: { level: 'grid', areaId: grid.id }, assigneeId: worker.id });
    expect(down).toMatchObject({ status: 'dispatched', assigneeId: worker.id });
  });

  it('returns a wrongly dispatched case to the dispatcher, who dispatches it again', async () => {
    const { grid, worker } = await gridFixture(t, 41);
    const made = await report(t, 'operator', grid);
    expect((await act(t, worker.username, made.id, 'return', {})).status).toBe(400);
    const back = await ok(worker.username, made.id, 'return', { note: '不属于本网格' });
    expect(back.status).toBe('registered');
    const again = await ok('operator', made.id, 'dispatch', { unit: { level: 'grid', areaId: grid.id }, assigneeId: worker.id });
    expect(again.timeline.map((e) => e.kind).slice(-2)).toEqual(['returned', 'dispatched']);
  });

  it('whistles departments: each reports in and completes; the case waits for all of them; the zone rates them', async () => {
    const { grid, worker, zoneLeader } = await gridFixture(t, 42);
    const [lead, other] = (await departments()).filter((d) => ['zhzf', 'scjg'].includes(d.code));
    const made = await report(t, zoneLeader.username, grid);
    await ok(worker.username, made.id, 'accept');
    await ok(worker.username, made.id, 'start');
    const whistled = await ok(zoneLeader.username, made.id, 'whistle', {
      whistleKind: 'tough',
      departments: [
        { departmentId: lead.id, lead: true, reportInHours: 0.5, handleHours: 8 },
        { departmentId: other.id, lead: false, reportInHours: 0.5, handleHours: 8 },
      ],
    });
    expect(whistled.coHandlers).toHaveLength(2);
    expect(whistled.coHandlers.every((c) => c.reportInDueAt !== null && c.status === 'summoned')).toBe(true);
    // The department sees the case it is summoned to.
    const seen = await t.get(`dept_${lead.code}`, `/api/cases?departmentId=${lead.id}`);
    expect(seen.body.items.map((c: { id: string }) => c.id)).toContain(made.id);
    await ok(`dept_${lead.code}`, made.id, 'report_in');
    await ok(`dept_${lead.code}`, made.id, 'dept_complete', { note: '已依法处理' });
    const early = await act(t, worker.username, made.id, 'complete', { note: 'done' });
    expect(early.status).toBe(409);
    expect(early.body.reason).toBe('departments_pending');
    await ok(`dept_${other.code}`, made.id, 'report_in');
    await ok(`dept_${other.code}`, made.id, 'dept_complete', { note: '已检查' });
    await ok(worker.username, made.id, 'complete', { note: '联合处置完毕' });
    const rated = await ok(zoneLeader.username, made.id, 'rate_department', { departmentId: lead.id, score: 5 });
    expect(rated.coHandlers.find((c) => c.departmentId === lead.id)?.rating).toBe(5);
    // A department not summoned cannot act on it.
    const outsider = (await departments()).find((d) => d.code === 'mz') as DepartmentDto;
    expect((await act(t, `dept_${outsider.code}`, made.id, 'report_in')).status).toBe(404);
  });

  it('extends the time limit on request and approval, never by the one who asked', async () => {
    const { grid, worker, zoneLeader } = await gridFixture(t, 43);
    const made = await report(t, zoneLeader.username, grid);
    await ok(worker.username, made.id, 'accept');
    const before = (await ok(worker.username, made.id, 'request_extension', { hours: 8, note: '等待材料' })).handleDueAt as string;
    expect((await act(t, worker.username, made.id, 'approve_extension')).status).toBe(403);
    const after = await ok(zoneLeader.username, made.id, 'approve_extension');
    expect(Date.parse(after.handleDueAt as string)).toBeGreaterThan(Date.parse(before));
  });

  it('suspends (挂账) and resumes: the clocks stop in between', async () => {
    const { grid, worker, zoneLeader } = await gridFixture(t, 44);
    const made = await report(t, zoneLeader.username, grid);
    await ok(worker.username, made.id, 'accept');
    await ok(worker.username, made.id, 'request_suspension', { note: '需列入明年预算' });
    const suspended = await ok(zoneLeader.username, made.id, 'approve_suspension');
    expect(suspended.suspended).toBe(true);
    expect((await act(t, worker.username, made.id, 'start')).body.reason).toBe('suspended');
    const resumed = await ok(worker.username, made.id, 'resume');
    expect(resumed.suspended).toBe(false);
  });

  it('sends work back for rework (返工) when verification fails', async () => {
    const { grid, worker, zoneLeader } = await gridFixture(t, 45);
    const made = await report(t, zoneLeader.username, grid);
    for (const [a, b] of [['accept', {}], ['start', {}], ['complete', { note: '已清理' }]] as const) await ok(worker.username, made.id, a, b);
    const back = await ok(zoneLeader.username, made.id, 'rework', { note: '仍有垃圾' });
    expect(back.status).toBe('in_progress');
    await ok(worker.username, made.id, 'complete', { note: '全部清理' });
    expect((await ok(zoneLeader.username, made.id, 'verify')).status).toBe('verified');
  });

  it('rejects (不予立案) a report that waits for registration', async () => {
    await t.app.get(DataSource).query(`UPDATE category_versions SET auto_register = false WHERE category_code = 'livelihood.elderly'`);
    await t.app.get(CategoryCatalog).reload();
    const { grid, zoneLeader } = await gridFixture(t, 46);
    const made = await report(t, zoneLeader.username, grid, { categoryCode: 'livelihood.elderly' });
    expect(made.status).toBe('reported');
    expect((await act(t, zoneLeader.username, made.id, 'reject', { note: 'x' })).status).toBe(403);
    const rejected = await ok('operator', made.id, 'reject', { note: '不属于受理范围' });
    expect(rejected.status).toBe('rejected');
  });

  it('records a matter handled on the spot (自行处置) with its result photo', async () => {
    const { grid, worker } = await gridFixture(t, 47);
    const noPhoto = await post(t, worker.username, '/api/cases', { categoryCode: 'city.litter', location: grid.centroid, selfHandled: { result: '已当场清理', photoIds: [] } });
    expect(noPhoto.status).toBe(400);
    const photo = await upload(t, worker.username, '/api/attachments', await jpeg(), { purpose: 'result', lat: String(grid.centroid.lat), lng: String(grid.centroid.lng) });
    expect(photo.status).toBe(201);
    const res = await post(t, worker.username, '/api/cases', { categoryCode: 'city.litter', location: grid.centroid, selfHandled: { result: '已当场清理', photoIds: [photo.body.id] } });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('handled');
    expect(res.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['reported', 'self_handled']);
    expect(res.body.attachments).toEqual([expect.objectContaining({ id: photo.body.id, purpose: 'result', farFromCase: false, thumbnailUrl: expect.any(String) })]);
    // Someone else cannot attach that photo to another case.
    const stolen = await post(t, 'operator', '/api/cases', { categoryCode: 'city.litter', location: grid.centroid, photoIds: [photo.body.id] });
    expect(stolen.status).toBe(400);
  });

  it('lists as duplicate candidates the five nearest open cases of the category within the radius, nearest first', async () => {
    const { grid } = await gridFixture(t, 55);
    const at = (metresNorth: number) => ({ lat: grid.centroid.lat + metresNorth / 111_320, lng: grid.centroid.lng });
    const open: { id: string; metres: number }[] = [];
    for (const metres of [70, 10, 200, 40, 25, 55, 90, 120]) open.push({ id: (await report(t, 'operator', grid, { categoryCode: 'city.posters', location: at(metres) })).id, metres });
    await report(t, 'operator', grid, { categoryCode: 'city.litter', location: at(0) }); // another category, nearest of all
    const fresh = await report(t, 'operator', grid, { categoryCode: 'city.posters', location: at(0) });
    const byDistance = open.filter((c) => c.metres <= 150).sort((a, b) => a.metres - b.metres);
    expect(fresh.duplicateCandidateIds).toEqual(byDistance.slice(0, 5).map((c) => c.id));
  });

  it('answers duplicate lookups arriving together each with its own category’s nearest', async () => {
    const { grid } = await gridFixture(t, 57);
    const at = (metresNorth: number) => ({ lat: grid.centroid.lat + metresNorth / 111_320, lng: grid.centroid.lng });
    const seeded: { id: string; categoryCode: string; metres: number }[] = [];
    for (const [categoryCode, metres] of [['city.posters', 10], ['city.posters', 40], ['city.posters', 90], ['city.litter', 20], ['city.litter', 60]] as const)
      seeded.push({ id: (await report(t, 'operator', grid, { categoryCode, location: at(metres) })).id, categoryCode, metres });
    const { radiusMeters } = t.app.get<AppConfig>(APP_CONFIG).duplicates;
    // No lookup sits halfway between two seeded cases of its category: the order by distance is unambiguous.
    const lookups = Array.from({ length: 12 }, (_, i) => ({ categoryCode: i % 2 ? 'city.posters' : 'city.litter', metres: -27 + 9 * i }));
    const finder = t.app.get(CaseDuplicateFinder);
    const answers = await Promise.all(lookups.map((l) => finder.candidateIds({ categoryCode: l.categoryCode, location: at(l.metres), at: new Date() })));
    const expected = lookups.map((l) =>
      seeded
        .filter((c) => c.categoryCode === l.categoryCode && Math.abs(c.metres - l.metres) <= radiusMeters)
        .sort((a, b) => Math.abs(a.metres - l.metres) - Math.abs(b.metres - l.metres))
        .map((c) => c.id),
    );
    expect(answers).toEqual(expected);
    expect(answers.every((a) => a.length > 0)).toBe(true);
  });

  it('flags a likely duplicate and merges it into the main case', async () => {
    const { grid, zoneLeader } = await gridFixture(t, 48);
    const main = await report(t, zoneLeader.username, grid, { categoryCode: 'street.parking' });
    const dup = await report(t, 'operator', grid, { categoryCode: 'street.parking' });
    expect(dup.duplicateCandidateIds).toContain(main.id);
    expect((await act(t, 'operator', dup.id, 'merge', { mainCaseId: dup.id })).status).toBe(400);
    const merged = await ok('operator', dup.id, 'merge', { mainCaseId: main.id });
    expect(merged).toMatchObject({ status: 'cancelled', mergedInto: main.id });
  });
});

describe('attachments', () => {
  const t = useTestApp();

  it.each([
    ['a text file named .jpg', Buffer.from('not an image at all'), 'photo.jpg'],
    ['an empty file', Buffer.alloc(0), 'empty.jpg'],
  ])('refuses %s with 400', async (_what, file, name) => {
    const res = await upload(t, 'grid001', '/api/attachments', file, {}, name);
    expect(res.status).toBe(400);
    expect(res.body.fields).toHaveProperty('file');
  });

  it('honours Idempotency-Key on uploads: a retried photo is stored once', async () => {
    const photo = await jpeg(40, 30);
    const { accessToken } = await t.login('grid002');
    const send = () => request(t.app.getHttpServer()).post('/api/attachments').set('Authorization', `Bearer ${accessToken}`).set('Idempotency-Key', 'photo-retry-1').field('purpose', 'report').attach('file', photo, 'p.jpg');
    const [first, again] = [await send(), await send()];
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
  });

  it('refuses a file over 10 MB without storing it', async () => {
    const res = await upload(t, 'grid001', '/api/attachments', Buffer.alloc(11 * 1024 * 1024, 1), {}, 'big.jpg');
    expect(res.status).toBe(413);
  });

  it('refuses a decompression bomb: a small file that decodes to a huge image', async () => {
    // A real 16×16 PNG whose header claims 30,000 × 30,000 pixels (900 million once decoded).
    const sharp = (await import('sharp')).default;
    const bomb = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 0, g: 0, b: 0 } } }).png().toBuffer();
    bomb.writeUInt32BE(30_000, 16);
    bomb.writeUInt32BE(30_000, 20);
    bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
    const res = await upload(t, 'grid001', '/api/attachments', bomb, {}, 'bomb.png');
    expect(res.status).toBe(400);
  });

  it('flags a result photo taken far from the case for the verifier, and serves photos only in scope', async () => {
    const { grid, worker, zoneLeader } = await gridFixture(t, 49);
    const made = await report(t, zoneLeader.username, grid);
    const far = await upload(t, worker.username, `/api/cases/${made.id}/attachments`, await jpeg(), { purpose: 'result', lat: String(grid.centroid.lat + 0.02), lng: String(grid.centroid.lng) });
    expect(far.status).toBe(201);
    expect(far.body.farFromCase).toBe(true);
    expect(far.body.distanceFromCaseM).toBeGreaterThan(2000);
    expect((await t.get(zoneLeader.username, far.body.url)).headers['content-type']).toBe('image/jpeg');
    const other = await gridFixture(t, 300);
    expect((await t.get(other.worker.username, far.body.thumbnailUrl)).status).toBe(404);
  });
});

describe('a grid worker’s own report', () => {
  const t = useTestApp();

  it('is handled by the worker and verified by the grid leader of the village', async () => {
    const { grid, worker } = await gridFixture(t, 50);
    const [gridLeader] = (await t.get('admin', `/api/users?areaId=${grid.parentId}&role=grid_leader`)).body as { username: string }[];
    const own = await report(t, worker.username, grid);
    expect(own).toMatchObject({ assigneeId: worker.id, source: 'grid_report' });
    for (const [a, b] of [['accept', {}], ['start', {}], ['complete', { note: '已处理' }]] as const) expect((await act(t, worker.username, own.id, a, b)).status).toBe(200);
    expect((await act(t, worker.username, own.id, 'verify')).body.reason).toBe('same_actor');
    const verified = await act(t, gridLeader.username, own.id, 'verify', { note: '现场核实' });
    expect(verified.status).toBe(200);
    expect(verified.body.status).toBe('verified');
  });
});

describe('a category’s extra fields', () => {
  const t = useTestApp();
  const pothole = (extraFields?: object) => ({ categoryCode: 'livelihood.road', description: '路面塌陷', extraFields });

  it('are asked, checked and written into the description as readable lines', async () => {
    const { grid, worker } = await gridFixture(t, 52);
    const res = await post(t, worker.username, '/api/cases', { ...pothole({ size: 'medium', traffic_blocked: 'yes' }), location: grid.centroid });
    expect(res.status).toBe(201);
    expect(res.body.description).toBe('路面塌陷\n坑洼面积：1至5平方米\n是否影响通行：是');
  });

  it.each([
    ['a required field missing', {}, 'extraFields.size'],
    ['a value not on the list', { size: 'huge' }, 'extraFields.size'],
    ['a field the category does not have', { size: 'small', colour: 'red' }, 'extraFields.colour'],
    ['two values for a single choice', { size: ['small', 'large'] }, 'extraFields.size'],
  ])('refuses %s with 400 naming the field, and writes nothing', async (_what, extraFields, field) => {
    const { grid, worker } = await gridFixture(t, 52);
    const before = (await t.get(worker.username, `/api/cases?areaId=${grid.id}&pageSize=1`)).body.total as number;
    const res = await post(t, worker.username, '/api/cases', { ...pothole(extraFields), location: grid.centroid });
    expect(res.status).toBe(400);
    expect(res.body.fields).toHaveProperty([field]);
    expect((await t.get(worker.username, `/api/cases?areaId=${grid.id}&pageSize=1`)).body.total).toBe(before);
  });
});
