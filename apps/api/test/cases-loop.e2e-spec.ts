import { CASE_LIST_COUNT_LIMIT, type CaseDetail, type CaseListResponse } from '@grid/contracts';
import { parseCaseCode, type CaseCodeParts } from '@grid/domain';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { SPARE_NUMBERS_IDLE_MS } from '../src/modules/cases/case-numbers';
import { act, gridFixture, post, report } from './cases-helpers';
import { useTestApp } from './test-app';

describe('the case loop through the API (DESIGN §3)', () => {
  const t = useTestApp();

  it('routes a report to its grid and worker, then accept → start → complete → verify → close', async () => {
    const { grid, worker, zoneLeader } = await gridFixture(t, 3);
    const created = await report(t, zoneLeader.username, grid);
    expect(created.code).toMatch(/^HK\d{8}-\d{4}$/);
    expect(created).toMatchObject({ status: 'dispatched', gridId: grid.id, areaPath: [...grid.path, grid.id], assigneeId: worker.id, source: 'front_desk' });
    expect(created.timeline.map((e) => e.kind)).toEqual(['reported', 'registered', 'dispatched']);
    expect(created.timeline.map((e) => e.seq)).toEqual([...created.timeline.map((e) => e.seq)].sort((a, b) => a - b));
    expect(created.acceptDueAt).not.toBeNull();
    expect(created.handleDueAt).not.toBeNull();
    expect(created.slaState).toBe('on_time');

    const mine: CaseListResponse = (await t.get(worker.username, '/api/cases?assigneeId=me&open=true')).body;
    expect(mine.items.map((c) => c.id)).toContain(created.id);
    expect((await t.get(worker.username, `/api/cases/${created.id}`)).body.allowedActions).toEqual(expect.arrayContaining(['accept', 'return']));

    for (const [action, body] of [['accept', {}], ['start', {}], ['complete', { note: '已清理完毕' }]] as const) {
      const res = await act(t, worker.username, created.id, action, body);
      expect(res.status).toBe(200);
    }
    const verified = await act(t, zoneLeader.username, created.id, 'verify', { note: '现场核查属实' });
    expect(verified.body.status).toBe('verified');
    const closed = await act(t, zoneLeader.username, created.id, 'close', {});
    expect(closed.status).toBe(200);
    const detail: CaseDetail = closed.body;
    expect(detail.status).toBe('closed');
    expect(detail.closedAt).not.toBeNull();
    expect(detail.timeline.map((e) => e.kind)).toEqual(['reported', 'registered', 'dispatched', 'accepted', 'started', 'completed', 'verified', 'closed']);
    expect(detail.timeline.find((e) => e.kind === 'completed')).toMatchObject({ actorId: worker.id, actorName: worker.displayName, note: '已清理完毕' });
  });

  it('refuses a step out of order with 409 and the reason, and writes nothing', async () => {
    const { grid, worker, zoneLeader } = await gridFixture(t, 4);
    const created = await report(t, zoneLeader.username, grid);
    const res = await act(t, worker.username, created.id, 'complete', { note: 'done' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ reason: 'wrong_status', message: expect.stringMatching(/dispatched/) });
    const after: CaseDetail = (await t.get(worker.username, `/api/cases/${created.id}`)).body;
    expect(after.timeline).toHaveLength(created.timeline.length);
  });

  it('asks for the field a step needs (400 with the field)', async () => {
    const { grid, worker, zoneLeader } = await gridFixture(t, 5);
    const created = await report(t, zoneLeader.username, grid);
    const res = await act(t, worker.username, created.id, 'return', {});
    expect(res.status).toBe(400);
    expect(res.body.fields).toHaveProperty('note');
  });

  it('answers 404 for a case outside the caller’s scope, even by its exact id', async () => {
    const { grid, zoneLeader } = await gridFixture(t, 6);
    const created = await report(t, zoneLeader.username, grid);
    const other = await gridFixture(t, 200);
    expect(other.grid.path[1]).not.toBe(grid.path[1]);
    expect((await t.get(other.worker.username, `/api/cases/${created.id}`)).status).toBe(404);
    expect((await act(t, other.worker.username, created.id, 'accept')).status).toBe(404);
    expect((await t.get(other.zoneLeader.username, `/api/cases/${created.id}`)).status).toBe(404);
    expect((await t.get('operator', `/api/cases/${created.id}`)).status).toBe(200);
  });

  it.each([
    ['a location outside every grid', { location: { lat: 39.9, lng: 116.4 } }, 'location'],
    ['an unknown category', { categoryCode: 'no.such' }, 'categoryCode'],
    ['a latitude out of range', { location: { lat: 91, lng: 108.8 } }, 'location.lat'],
    ['a description of 5,000 characters', { description: 'x'.repeat(5000) }, 'description'],
  ])('refuses a report with %s (400, field named, nothing written)', async (_what, override, field) => {
    const { grid, zoneLeader } = await gridFixture(t, 7);
    const before: CaseListResponse = (await t.get('admin', '/api/cases?pageSize=1')).body;
    const res = await post(t, zoneLeader.username, '/api/cases', { categoryCode: 'city.litter', location: grid.centroid, ...override });
    expect(res.status).toBe(400);
    expect(res.body.fields).toHaveProperty([field]);
    const after: CaseListResponse = (await t.get('admin', '/api/cases?pageSize=1')).body;
    expect(after.total).toBe(before.total);
  });

  it('honours Idempotency-Key: a retried report returns the same case and writes it once', async () => {
    const { grid, zoneLeader } = await gridFixture(t, 8);
    const key = randomUUID();
    const body = { categoryCode: 'city.litter', description: `retry ${key}`, location: grid.centroid };
    const [first, second] = await Promise.all([post(t, zoneLeader.username, '/api/cases', body, key), post(t, zoneLeader.username, '/api/cases', body, key)]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.id).toBe(second.body.id);
    const third = await post(t, zoneLeader.username, '/api/cases', body, key);
    expect(third.body.id).toBe(first.body.id);
    expect(third.headers['idempotent-replayed']).toBe('true');
    const found: CaseListResponse = (await t.get('admin', `/api/cases?q=${encodeURIComponent(`retry ${key}`)}`)).body;
    expect(found.total).toBe(1);
    const reused = await post(t, zoneLeader.username, '/api/cases', { ...body, description: 'something else' }, key);
    expect(reused.status).toBe(409);
  });

  it('answers a report retried after the case moved on with the case as it is now', async () => {
    const { grid, worker, zoneLeader } = await gridFixture(t, 8);
    const key = randomUUID();
    const body = { categoryCode: 'city.litter', description: `late retry ${key}`, location: grid.centroid };
    const first = await post(t, zoneLeader.username, '/api/cases', body, key);
    expect((await post(t, worker.username, `/api/cases/${first.body.id}/accept`, {})).status).toBe(200);
    const late = await post(t, zoneLeader.username, '/api/cases', body, key);
    expect(late.status).toBe(201);
    expect(late.headers['idempotent-replayed']).toBe('true');
    expect(late.body).toMatchObject({ id: first.body.id, code: first.body.code, status: 'accepted' });
    expect(late.body.timeline.map((e: { kind: string }) => e.kind)).toEqual([...first.body.timeline.map((e: { kind: string }) => e.kind), 'accepted']);
  });

  it('honours Idempotency-Key on actions: a retried accept applies once', async () => {
    const { grid, worker, zoneLeader } = await gridFixture(t, 9);
    const created = await report(t, zoneLeader.username, grid);
    const key = randomUUID();
    const first = await post(t, worker.username, `/api/cases/${created.id}/accept`, {}, key);
    const retry = await post(t, worker.username, `/api/cases/${created.id}/accept`, {}, key);
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body.timeline.filter((e: { kind: string }) => e.kind === 'accepted')).toHaveLength(1);
  });

  it('lets a resident follow the case by its token, without personal data', async () => {
    const { grid, zoneLeader } = await gridFixture(t, 11);
    const created = await report(t, 'operator', grid, { reporter: { name: '张三丰', phone: '13812345678' } });
    const res = await request(t.app.getHttpServer()).get(`/api/public/cases/${created.trackingToken}`).expect(200);
    expect(res.body).toMatchObject({ code: created.code, status: 'dispatched', categoryName: '暴露垃圾' });
    expect(JSON.stringify(res.body)).not.toMatch(/张三丰|13812345678|description|reporter/);
    const leaderView: CaseDetail = (await t.get(zoneLeader.username, `/api/cases/${created.id}`)).body;
    expect(leaderView.reporterPhone).toBe('13812345678');
    const workerView: CaseDetail = (await t.get((await gridFixture(t, 11)).worker.username, `/api/cases/${created.id}`)).body;
    expect(workerView.reporterPhone).toBe('13812345678');
    const assessorView: CaseDetail = (await t.get('assessor', `/api/cases/${created.id}`)).body;
    expect(assessorView.reporterPhone).toBe('138****5678');
    expect(assessorView.reporterName).toBe('张**');
    await request(t.app.getHttpServer()).get('/api/public/cases/notarealtoken1234').expect(404);
  });
});

/**
 * Case numbers on a prefix of their own: the other test files run in parallel jest workers against the same
 * database, each with its own allocator, and their blocks would interleave with these (as several instances' do).
 */
describe('case numbers of one instance', () => {
  const t = useTestApp({ CASE_CODE_PREFIX: 'SEQ' });

  it('gives unique, gap-free case codes under concurrent reports', async () => {
    const { grid, zoneLeader } = await gridFixture(t, 10);
    const results = await Promise.all(Array.from({ length: 20 }, () => report(t, zoneLeader.username, grid)));
    const numbers = results.map((c) => (parseCaseCode(c.code) as CaseCodeParts).sequence).sort((a, b) => a - b);
    // Concurrent reports share counter statements; nothing else takes this prefix's numbers, so they are consecutive.
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => numbers[0] + i));
  });

  it('takes numbers ahead under a burst and gives the unused ones back when the reports stop: the next number follows on', async () => {
    const { grid, zoneLeader } = await gridFixture(t, 65);
    const burst = await Promise.all(Array.from({ length: 30 }, () => report(t, zoneLeader.username, grid)));
    const parts = burst.map((c) => parseCaseCode(c.code) as CaseCodeParts);
    const numbers = parts.map((p) => p.sequence).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => numbers[0] + i));
    const { prefix, localDate } = parts[0];
    const counter = async () => Number((await t.app.get(DataSource).query(`SELECT last FROM case_code_counters WHERE prefix = $1 AND day = $2`, [prefix, localDate]))[0].last);
    expect(await counter()).toBeGreaterThan(numbers[29]); // the burst made the allocator hold numbers ready
    await new Promise((r) => setTimeout(r, SPARE_NUMBERS_IDLE_MS + 300));
    expect(await counter()).toBe(numbers[29]);
    const after = await report(t, zoneLeader.username, grid);
    expect(parseCaseCode(after.code)?.sequence).toBe(numbers[29] + 1);
  });
});

describe('case lists for the wall', () => {
  const t = useTestApp();

  it('counts cases closed in a period (closed today), newest closure first', async () => {
    const { grid, worker, zoneLeader } = await gridFixture(t, 12);
    const made = await report(t, zoneLeader.username, grid);
    for (const [a, b] of [['accept', {}], ['start', {}], ['complete', { note: '好了' }]] as const) await act(t, worker.username, made.id, a, b);
    await act(t, zoneLeader.username, made.id, 'verify');
    await act(t, zoneLeader.username, made.id, 'close');
    const since = new Date(Date.now() - 60_000).toISOString();
    const res: CaseListResponse = (await t.get('operator', `/api/cases?closedFrom=${encodeURIComponent(since)}&sort=-closedAt`)).body;
    expect(res.items.map((c) => c.id)).toContain(made.id);
    expect(res.items.every((c) => c.closedAt !== null && Date.parse(c.closedAt) >= Date.parse(since))).toBe(true);
  });
});

describe('case lists at any depth (ADR 0022)', () => {
  const t = useTestApp();

  it.each(['-reportedAt', 'handleDueAt', '-closedAt', 'priority', 'code'])('pages by cursor exactly as by page number (sort %s)', async (sort) => {
    const byPage = async (page: number): Promise<CaseListResponse> => (await t.get('operator', `/api/cases?sort=${sort}&pageSize=7&page=${page}`)).body;
    const first = await byPage(1);
    // Counted up to the limit: past it the total is a lower bound (the demo's history holds more).
    const exact: number = (await t.get('operator', `/api/cases?pageSize=1&count=exact`)).body.total;
    expect([first.total, first.totalExact]).toEqual([Math.min(exact, CASE_LIST_COUNT_LIMIT + 1), exact <= CASE_LIST_COUNT_LIMIT]);
    const second: CaseListResponse = (await t.get('operator', `/api/cases?sort=${sort}&pageSize=7&cursor=${first.nextCursor}`)).body;
    const third: CaseListResponse = (await t.get('operator', `/api/cases?sort=${sort}&pageSize=7&cursor=${second.nextCursor}`)).body;
    expect(second.items.map((c) => c.id)).toEqual((await byPage(2)).items.map((c) => c.id));
    expect(third.items.map((c) => c.id)).toEqual((await byPage(3)).items.map((c) => c.id));
  });

  it('refuses a cursor that is not one of its own, or of another sort (400 on cursor)', async () => {
    const first: CaseListResponse = (await t.get('operator', '/api/cases?pageSize=2')).body;
    for (const path of [`/api/cases?sort=code&cursor=${first.nextCursor}`, '/api/cases?cursor=bm90IGpzb24', '/api/cases?cursor=a%20b']) {
      const res = await t.get('operator', path);
      expect(res.status).toBe(400);
      expect(res.body.fields).toHaveProperty(['cursor']);
    }
  });

  it('finds two Chinese characters and one, anywhere in the description or the address', async () => {
    const { grid, zoneLeader } = await gridFixture(t, 13);
    const made = await report(t, zoneLeader.username, grid, { description: `井边有鳄鱼出没 ${randomUUID()}`, address: '河滨路鹦鹉巷' });
    for (const q of ['鳄鱼', '鳄', '鹦鹉巷', '边有鳄']) {
      const found: CaseListResponse = (await t.get('operator', `/api/cases?q=${encodeURIComponent(q)}`)).body;
      expect(found.items.map((c) => c.id)).toEqual([made.id]);
    }
    expect((await t.get('operator', `/api/cases?q=${encodeURIComponent('鱼鳄')}`)).body.total).toBe(0);
  });
});
