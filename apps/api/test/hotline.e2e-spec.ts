import type { AreaDto, CaseDetail, HotlineOrderAccepted, OutboxMessageDto, WorkOrderDto } from '@grid/contracts';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import ExcelJS from 'exceljs';
import { signedHeaders, type HotlineSimulator } from '@grid/integration-kit';
import { act, gridFixture, post, type GridFixture } from './cases-helpers';
import { FAST_OUTBOX, hotlineWithSimulator, listen } from './hotline-helpers';
import { useTestApp } from './test-app';

// The first spec of a run loads the demo territory into its fresh database: minutes on a busy machine.
jest.setTimeout(300_000);

describe('12345 hotline bridge', () => {
  const t = useTestApp(FAST_OUTBOX);
  let simulator: HotlineSimulator;
  let clientId: string;
  let fixture: GridFixture;

  beforeAll(async () => {
    const apiUrl = await listen(t.app);
    ({ simulator, client: { id: clientId } } = await hotlineWithSimulator(t, `hotline-${randomUUID().slice(0, 8)}`, apiUrl));
    fixture = await gridFixture(t, 301);
  });
  afterAll(() => simulator.stop());

  const at = (grid: AreaDto) => ({ location: grid.centroid });
  const caseOf = async (caseId: string): Promise<CaseDetail> => (await t.get('operator', `/api/cases/${caseId}`)).body as CaseDetail;

  describe('clients', () => {
    it('an admin creates a client and sees its secret once; others may not', async () => {
      const created = await post(t, 'admin', '/api/admin/integration-clients', { name: `c-${randomUUID().slice(0, 8)}`, kind: 'sensor' });
      expect(created.status).toBe(201);
      expect(created.body.secret).toMatch(/^[\w-]{40,}$/);
      const listed = await t.get('admin', '/api/admin/integration-clients');
      expect(listed.body.find((c: { id: string }) => c.id === created.body.id)).not.toHaveProperty('secret');
      expect((await post(t, 'operator', '/api/admin/integration-clients', { name: 'x', kind: 'hotline' })).status).toBe(403);
      const bad = await post(t, 'admin', '/api/admin/integration-clients', { name: 'x', kind: 'fax', callbackUrl: 'ftp://x' });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.fields)).toEqual(expect.arrayContaining(['kind', 'callbackUrl']));
    });
  });

  describe('signed requests', () => {
    it('refuses an unknown client, a forged signature, a stale timestamp and a replay with 401', async () => {
      const order = simulator.order(at(fixture.grid));
      expect((await simulator.push(order, { clientId: randomUUID() })).status).toBe(401);
      expect((await simulator.push(order, { secret: 'not-the-secret' })).status).toBe(401);
      expect((await simulator.push(order, { timestamp: Math.floor(Date.now() / 1000) - 301 })).status).toBe(401);
      expect((await simulator.push(order, { timestamp: Math.floor(Date.now() / 1000) + 301 })).status).toBe(401);

      const body = JSON.stringify(order);
      const headers = signedHeaders(clientId, (simulator as unknown as { options: { secret: string } }).options.secret, body);
      const first = await simulator.send(body, headers);
      expect(first.status).toBe(201);
      const replay = await simulator.send(body, headers);
      expect(replay.status).toBe(401);
      expect(replay.body).toMatchObject({ statusCode: 401, fields: { 'X-Signature': expect.stringContaining('replay') } });
      // The body must be the bytes signed: the same JSON re-spaced is another text.
      const respaced = await simulator.send(JSON.stringify(order, null, 1), signedHeaders(clientId, (simulator as unknown as { options: { secret: string } }).options.secret, body));
      expect(respaced.status).toBe(401);
    });

    it('answers 400 naming the fields of a signed order that is not one', async () => {
      const res = await simulator.push({ orderNo: 'bad no!', content: '', category: '', urgency: 'whenever' } as never);
      expect(res.status).toBe(400);
      expect(Object.keys((res.body as { fields: object }).fields)).toEqual(expect.arrayContaining(['orderNo', 'content', 'category', 'urgency']));
    });

    it('refuses a sensor client on the hotline endpoint', async () => {
      const created = await post(t, 'admin', '/api/admin/integration-clients', { name: `s-${randomUUID().slice(0, 8)}`, kind: 'sensor' });
      const res = await simulator.push(simulator.order(at(fixture.grid)), { clientId: created.body.id, secret: created.body.secret });
      expect(res.status).toBe(401);
    });
  });

  describe('intake', () => {
    it('opens a routed case with source hotline, the same order again answers the same case', async () => {
      const deadline = new Date(Date.now() + 48 * 3600_000).toISOString();
      const order = simulator.order({ ...at(fixture.grid), deadline, notes: '请属地尽快处理', caller: { name: '王小明', phone: '13812345678' }, urgency: '紧急' });
      const first = await simulator.push(order);
      expect(first.status).toBe(201);
      const created = first.body as HotlineOrderAccepted;
      expect(created).toMatchObject({ caseId: expect.any(String), caseCode: expect.stringMatching(/^HK/), state: 'placed' });
      // A retry is signed anew (a request signed in the same second with the same body is the same request: a replay).
      const again = await simulator.push(order, { timestamp: Math.floor(Date.now() / 1000) - 1 });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(created);

      const detail = await caseOf(created.caseId as string);
      expect(detail).toMatchObject({ source: 'hotline', status: 'dispatched', priority: 'urgent', categoryCode: 'city.litter' });
      expect(detail.description).toContain('转办意见：请属地尽快处理');
      expect(detail.timeline.map((e) => e.kind)).toEqual(['reported', 'registered', 'dispatched']);

      const workOrder = (await t.get('operator', `/api/hotline/cases/${created.caseId}/work-order`)).body as WorkOrderDto;
      expect(workOrder).toMatchObject({ orderNo: order.orderNo, caller: { name: '王小明', phone: '13812345678' }, clock: { dueAt: deadline, state: 'on_time', stoppedAt: null } });
      const masked = (await t.get('assessor', `/api/hotline/cases/${created.caseId}/work-order`)).body as WorkOrderDto;
      expect(masked.caller).toEqual({ name: '王**', phone: '138****5678' });
    });

    it('geocodes an address naming a grid of the territory', async () => {
      const res = await simulator.push(simulator.order({ address: `恒口镇${fixture.grid.name}菜市场门口` }));
      expect(res.status).toBe(201);
      const detail = await caseOf((res.body as HotlineOrderAccepted).caseId as string);
      expect(detail.gridId).toBe(fixture.grid.id);
    });

    it('queues an order whose address matches nothing for the front desk, who places it by hand', async () => {
      const order = simulator.order({ address: '北京市朝阳区某某路 8 号', caller: { name: '李四', phone: '13900001111' } });
      const res = await simulator.push(order);
      expect(res.status).toBe(202);
      const queued = res.body as HotlineOrderAccepted;
      expect(queued).toMatchObject({ caseId: null, state: 'awaiting_placement' });
      // Each retry signed at another second (the same second would be the same signature: a replay).
      expect((await simulator.push(order, { timestamp: Math.floor(Date.now() / 1000) - 10 })).status).toBe(200);

      const queue = (await t.get('operator', '/api/hotline/work-orders?attention=true&pageSize=200')).body as { items: WorkOrderDto[] };
      expect(queue.items.find((w) => w.id === queued.workOrderId)).toMatchObject({ state: 'awaiting_placement', caseId: null });
      expect((await t.get(fixture.worker.username, '/api/hotline/work-orders')).status).toBe(403);

      const outside = await post(t, 'operator', `/api/hotline/work-orders/${queued.workOrderId}/place`, { location: { lat: 10, lng: 10 } });
      expect(outside.status).toBe(400);
      const placed = await post(t, 'operator', `/api/hotline/work-orders/${queued.workOrderId}/place`, { location: fixture.grid.centroid });
      expect(placed.status).toBe(201);
      expect(placed.body).toMatchObject({ state: 'placed', caseId: expect.any(String) });
      const detail = await caseOf(placed.body.caseId);
      expect(detail).toMatchObject({ source: 'hotline', status: 'dispatched' });
      expect(detail.timeline[0].kind).toBe('reported');
      expect((await post(t, 'operator', `/api/hotline/work-orders/${queued.workOrderId}/place`, { location: fixture.grid.centroid })).status).toBe(409);
      expect((await simulator.push(order, { timestamp: Math.floor(Date.now() / 1000) - 20 })).body).toMatchObject({ caseId: placed.body.caseId, state: 'placed' });
    });

    it('opens an unmapped category under the default and tells the desk; an admin maps it', async () => {
      const category = `未见过的分类-${randomUUID().slice(0, 6)}`;
      const res = await simulator.push(simulator.order({ ...at(fixture.grid), category }));
      expect(res.status).toBe(201);
      const workOrder = (await t.get('operator', `/api/hotline/cases/${(res.body as HotlineOrderAccepted).caseId}/work-order`)).body as WorkOrderDto;
      expect(workOrder).toMatchObject({ categoryCode: 'livelihood.enquiry', categoryUnmapped: true });
      const queue = (await t.get('operator', '/api/hotline/work-orders?attention=true&pageSize=200')).body as { items: WorkOrderDto[] };
      expect(queue.items.map((w) => w.id)).toContain(workOrder.id);

      const { accessToken } = await t.login('admin');
      const put = (code: string) => request(t.app.getHttpServer()).put(`/api/admin/hotline/category-mappings/${encodeURIComponent(category)}`).set('Authorization', `Bearer ${accessToken}`).send({ categoryCode: code });
      expect((await put('no.such')).status).toBe(400);
      expect((await put('order.noise')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 5_100)); // the mapping cache of this instance
      const mapped = await simulator.push(simulator.order({ ...at(fixture.grid), category }));
      expect((await caseOf((mapped.body as HotlineOrderAccepted).caseId as string)).categoryCode).toBe('order.noise');
    });

    it('makes one case of one order pushed twice at once', async () => {
      const order = simulator.order({ ...at(fixture.grid), content: `同一工单并发推送 ${randomUUID()}` });
      const now = Math.floor(Date.now() / 1000);
      const results = await Promise.all([0, 1, 2, 3].map((k) => simulator.push(order, { timestamp: now - k })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
      expect(new Set(results.map((r) => (r.body as HotlineOrderAccepted).caseId)).size).toBe(1);
      expect(await casesWith(order.content)).toBe(1);
    });
  });

  describe('status back to the hotline', () => {
    const pushAt = async (grid: AreaDto): Promise<{ orderNo: string; caseId: string }> => {
      const order = simulator.order(at(grid));
      const res = await simulator.push(order);
      expect(res.status).toBe(201);
      return { orderNo: order.orderNo, caseId: (res.body as HotlineOrderAccepted).caseId as string };
    };
    const handle = async (caseId: string, worker: string) => {
      expect((await act(t, worker, caseId, 'accept')).status).toBe(200);
      expect((await act(t, worker, caseId, 'start')).status).toBe(200);
      expect((await act(t, worker, caseId, 'complete', { note: '已清理完毕' })).status).toBe(200);
    };

    it('a full loop: pushed → routed → accepted → resolved, received by the hotline in order, signed', async () => {
      const { orderNo, caseId } = await pushAt(fixture.grid);
      expect((await caseOf(caseId)).assigneeId).toBe(fixture.worker.id);
      await handle(caseId, fixture.worker.username);
      await simulator.waitFor(() => simulator.eventsOf(orderNo).length >= 2);
      const events = simulator.eventsOf(orderNo);
      expect(events.map((e) => e.kind)).toEqual(['accepted', 'resolved']);
      expect(events[1]).toMatchObject({ orderNo, text: '已清理完毕', photos: [] });
      expect(simulator.badSignatures).toBe(0);
      const workOrder = (await t.get('operator', `/api/hotline/cases/${caseId}/work-order`)).body as WorkOrderDto;
      expect(workOrder.clock).toBeNull(); // no deadline given
    });

    it('holds while the hotline answers 500 or is down, then drains in order', async () => {
      await simulator.setMode('fail');
      const { orderNo, caseId } = await pushAt(fixture.grid);
      await handle(caseId, fixture.worker.username);
      const pending = async () => ((await t.get('operator', `/api/admin/outbox?orderKey=${orderNo}`)).body as { items: OutboxMessageDto[] }).items;
      await waitUntil(async () => (await pending()).some((m) => m.attempts >= 2), 'two failed attempts');
      const held = await pending();
      expect(held.map((m) => m.state)).toEqual(['pending', 'pending']);
      expect(held.find((m) => m.kind === 'accepted')).toMatchObject({ lastError: 'HTTP 500' });
      expect(held.find((m) => m.kind === 'resolved')?.attempts).toBe(0); // waits behind the first of its order

      await simulator.setMode('down');
      await waitUntil(async () => ((await pending()).find((m) => m.kind === 'accepted')?.lastError ?? '').includes('ECONNREFUSED'), 'a refused connection');
      expect(simulator.eventsOf(orderNo)).toEqual([]);

      await simulator.setMode('ok');
      await simulator.waitFor(() => simulator.eventsOf(orderNo).length >= 2);
      expect(simulator.eventsOf(orderNo).map((e) => e.kind)).toEqual(['accepted', 'resolved']);
      // Marked sent when the sender's transaction commits, a moment after the hotline acknowledged.
      await waitUntil(async () => (await pending()).every((m) => m.state === 'sent'), 'both marked sent');
      expect((await t.get(fixture.worker.username, '/api/admin/outbox')).status).toBe(403);
    });

    it('returns (退单) only when the zone leader approves, with the reason', async () => {
      const { orderNo, caseId } = await pushAt(fixture.grid);
      const worker = fixture.worker.username;
      expect((await act(t, worker, caseId, 'accept')).status).toBe(200);
      expect((await act(t, worker, caseId, 'cancel', { note: '不归我们管' })).status).toBe(403);
      expect((await post(t, worker, `/api/hotline/cases/${caseId}/return`, { reason: '属市级管辖事项，非本区职责' })).status).toBe(201);
      expect((await post(t, worker, `/api/hotline/cases/${caseId}/return/approve`, {})).status).toBe(403);
      const approved = await post(t, fixture.zoneLeader.username, `/api/hotline/cases/${caseId}/return/approve`, {});
      expect(approved.status).toBe(201);
      expect(approved.body).toMatchObject({ state: 'returned' });
      expect((await caseOf(caseId)).status).toBe('cancelled');
      await simulator.waitFor(() => simulator.eventsOf(orderNo).length >= 2);
      expect(simulator.eventsOf(orderNo).map((e) => [e.kind, e.text])).toEqual([
        ['accepted', undefined],
        ['returned', '属市级管辖事项，非本区职责'],
      ]);
    });
  });

  describe('batch import from an .xlsx export', () => {
    const sheet = async (rows: (string | number | Date)[][]): Promise<Buffer> => {
      const workbook = new ExcelJS.Workbook();
      const ws = workbook.addWorksheet('工单');
      ws.addRow(['工单编号', '诉求内容', '地址', '纬度', '经度', '分类', '紧急程度', '办理时限', '转办意见', '来电人', '联系电话']);
      for (const row of rows) ws.addRow(row);
      return Buffer.from(await workbook.xlsx.writeBuffer());
    };
    const upload = async (file: Buffer, fields: Record<string, string>, name = 'orders.xlsx') => {
      const { accessToken } = await t.login('operator');
      const req = request(t.app.getHttpServer()).post('/api/admin/hotline/imports').set('Authorization', `Bearer ${accessToken}`);
      for (const [k, v] of Object.entries(fields)) req.field(k, v);
      return req.attach('file', file, name);
    };

    it('reports each row: created, duplicate (same order number), queued, or its problems by row and column', async () => {
      const no = `XLS${Date.now()}`;
      const { lat, lng } = fixture.grid.centroid;
      const file = await sheet([
        [`${no}-1`, '路灯不亮', '', lat, lng, '公共设施', '一般', new Date(Date.now() + 86_400_000), '', '赵六', '13700001111'],
        [`${no}-1`, '路灯不亮（重复）', '', lat, lng, '公共设施', '一般', '', '', '', ''],
        [`${no}-2`, '井盖缺失', '火星基地', '', '', '公共设施', '', '', '', '', ''],
        [`${no}-3`, '', '', lat, lng, '', '立刻', 'next week', '', '', ''],
      ]);
      const res = await upload(file, { clientId });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ rows: 4, created: 1, duplicates: 1, awaitingPlacement: 1 });
      const columns = (res.body.problems as { row: number; column: string }[]).filter((p) => p.row === 5).map((p) => p.column);
      expect(columns).toEqual(expect.arrayContaining(['诉求内容', '分类', '紧急程度', '办理时限']));
    });

    it('refuses a file that is not a workbook, a sheet without the columns, and an unknown client', async () => {
      expect((await upload(Buffer.from('orderNo,content\n1,x'), { clientId }, 'orders.csv')).status).toBe(400);
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('x').addRow(['随便', '什么']);
      workbook.getWorksheet('x')?.addRow([1, 2]);
      const noColumns = await upload(Buffer.from(await workbook.xlsx.writeBuffer()), { clientId });
      expect(noColumns.status).toBe(400);
      expect(Object.keys(noColumns.body.fields)).toEqual(expect.arrayContaining(['orderNo', 'content', 'category']));
      expect((await upload(await sheet([['A1', 'x', '', '', '', 'y']]), { clientId: randomUUID() })).status).toBe(400);
      // A client id that is not one at all: the field named, not a database error.
      const malformed = await upload(await sheet([['A1', 'x', '', '', '', 'y']]), { clientId: 'hotline-1' });
      expect(malformed.status).toBe(400);
      expect(Object.keys(malformed.body.fields)).toEqual(['clientId']);
    });
  });

  describe('三率', () => {
    it('counts the orders of a period per unit: responded, resolved by the deadline', async () => {
      const order = simulator.order({ ...at(fixture.grid), deadline: new Date(Date.now() + 86_400_000).toISOString() });
      const caseId = ((await simulator.push(order)).body as HotlineOrderAccepted).caseId as string;
      for (const [action, body] of [['accept', {}], ['start', {}], ['complete', { note: '已处理' }]] as const) expect((await act(t, fixture.worker.username, caseId, action, body)).status).toBe(200);
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const res = await t.get('assessor', `/api/hotline/figures?level=grid&from=${today}&to=${today}`);
      expect(res.status).toBe(200);
      const row = (res.body.rows as { areaId: string; orders: number; respondedOnTime: number; resolvedOnTime: number; responseRate: number }[]).find((r) => r.areaId === fixture.grid.id);
      expect(row?.orders).toBeGreaterThanOrEqual(3);
      expect(row?.respondedOnTime).toBeGreaterThanOrEqual(2);
      expect(row?.resolvedOnTime).toBeGreaterThanOrEqual(2);
      expect(res.body.total.orders).toBeGreaterThanOrEqual(row?.orders ?? 0);
      expect((await t.get(fixture.worker.username, `/api/hotline/figures?from=${today}&to=${today}`)).status).toBe(403);
      expect((await t.get('assessor', `/api/hotline/figures?from=${today}&to=2000-01-01`)).status).toBe(400);
    });
  });

  async function casesWith(description: string): Promise<number> {
    const [{ n }] = (await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM cases WHERE description = $1`, [description])) as { n: number }[];
    return n;
  }

  async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});
