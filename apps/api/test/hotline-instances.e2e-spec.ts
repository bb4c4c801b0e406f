import type { INestApplication } from '@nestjs/common';
import type { HotlineOrderAccepted } from '@grid/contracts';
import { randomUUID } from 'node:crypto';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { HotlineSimulator, signedHeaders } from '@grid/integration-kit';
import { act, gridFixture } from './cases-helpers';
import { FAST_OUTBOX, hotlineWithSimulator, listen } from './hotline-helpers';
import { contextOf, createTestApp, type TestContext } from './test-app';

// The first spec of a run loads the demo territory into its fresh database: minutes on a busy machine.
jest.setTimeout(300_000);

describe('the hotline bridge on two instances', () => {
  const apps: INestApplication<App>[] = [];
  let a: TestContext;
  let b: TestContext;
  let simulatorA: HotlineSimulator;
  let simulatorB: HotlineSimulator;

  beforeAll(async () => {
    // A gives up on a silent hotline after 60 s: long enough for the test to kill its transaction mid-send.
    a = contextOf(await createTestApp({ ...FAST_OUTBOX, OUTBOX_TIMEOUT_MS: '60000' }));
    b = contextOf(await createTestApp(FAST_OUTBOX));
    apps.push(a.app, b.app);
    const [urlA, urlB] = [await listen(a.app), await listen(b.app)];
    const made = await hotlineWithSimulator(a, `hotline-${randomUUID().slice(0, 8)}`, urlA);
    simulatorA = made.simulator;
    // The same hotline pushing to the other instance (one client, one callback).
    simulatorB = new HotlineSimulator({ apiUrl: urlB, clientId: made.client.id, secret: made.client.secret, port: 1 });
  });
  afterAll(async () => {
    await simulatorA.stop();
    await Promise.all(apps.map((app) => app.close()));
  });

  it('makes one case of one order pushed to both instances at once', async () => {
    const { grid } = await gridFixture(a, 311);
    const order = simulatorA.order({ location: grid.centroid, content: `两个实例同时收到 ${randomUUID()}` });
    const now = Math.floor(Date.now() / 1000);
    const results = await Promise.all([0, 1, 2, 3].map((k) => (k % 2 ? simulatorB : simulatorA).push(order, { timestamp: now - k })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(results.map((r) => (r.body as HotlineOrderAccepted).caseId)).size).toBe(1);
    const [{ n }] = (await a.app.get(DataSource).query(`SELECT count(*)::int AS n FROM cases WHERE description = $1`, [order.content])) as { n: number }[];
    expect(n).toBe(1);
  });

  it('a replay to the other instance is refused', async () => {
    const { grid } = await gridFixture(a, 312);
    const body = JSON.stringify(simulatorA.order({ location: grid.centroid }));

    const headers = signedHeaders(simulatorA['options'].clientId, simulatorA['options'].secret, body);
    expect((await simulatorA.send(body, headers)).status).toBe(201);
    expect((await simulatorB.send(body, headers)).status).toBe(401);
  });

  it('loses nothing when the instance sending dies mid-send: the other delivers, in order', async () => {
    const { grid, worker } = await gridFixture(a, 313);
    await simulatorA.setMode('hang');
    const order = simulatorA.order({ location: grid.centroid });
    const pushed = await simulatorA.push(order);
    const caseId = (pushed.body as HotlineOrderAccepted).caseId as string;
    for (const [action, body] of [['accept', {}], ['start', {}], ['complete', { note: '已处理' }]] as const) expect((await act(a, worker.username, caseId, action, body)).status).toBe(200);
    await simulatorA.waitFor(() => simulatorA.hanging >= 1, 15_000, 'a delivery hanging');
    // What kill -9 does to the claim: its connection is gone, its transaction rolled back, its row locks released.
    const killed = (await b.app.get(DataSource).query(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
       WHERE state LIKE 'idle in transaction%' AND query LIKE '%outbox_messages%' AND pid <> pg_backend_pid()`,
    )) as { ok: boolean }[];
    expect(killed.length).toBeGreaterThanOrEqual(1);
    await simulatorA.setMode('ok');
    await simulatorA.waitFor(() => simulatorA.eventsOf(order.orderNo).length >= 2, 20_000, 'both steps delivered after the kill');
    expect(simulatorA.eventsOf(order.orderNo).map((e) => e.kind)).toEqual(['accepted', 'resolved']);
  });

  it('two senders deliver many orders, each strictly in order, each event once', async () => {
    const { grid, worker } = await gridFixture(a, 314);
    const orders = await Promise.all(
      [0, 1, 2, 3, 4, 5].map(async (i) => {
        const order = simulatorA.order({ location: grid.centroid });
        const res = await (i % 2 ? simulatorB : simulatorA).push(order);
        return { orderNo: order.orderNo, caseId: (res.body as HotlineOrderAccepted).caseId as string, on: i % 2 ? b : a };
      }),
    );
    await Promise.all(
      orders.map(async ({ caseId, on }) => {
        for (const [action, body] of [['accept', {}], ['start', {}], ['request_extension', { hours: 4, note: '需协调' }], ['complete', { note: '已处理' }]] as const) {
          expect((await act(on, worker.username, caseId, action, body)).status).toBe(200);
        }
      }),
    );
    await simulatorA.waitFor(() => orders.every((o) => simulatorA.eventsOf(o.orderNo).length >= 3), 30_000);
    for (const o of orders) expect(simulatorA.eventsOf(o.orderNo).map((e) => e.kind)).toEqual(['accepted', 'extension_requested', 'resolved']);
  });
});
