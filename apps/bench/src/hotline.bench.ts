/**
 * The 12345 hotline bridge (issue 18): inbound work orders a second with their latency, pushed signed by the
 * simulator's signing code through kept-alive connections; and the outbox draining N queued status events to
 * the simulator. BENCH_HOTLINE_CLIENTS, BENCH_HOTLINE_EVENTS size it (small by default: the machine is shared).
 */
import { HotlineSimulator, signedHeaders } from '@grid/integration-kit';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { keepAliveClient } from './http-client';
import { login, type BenchServer } from './server';
import { runFor, summarize, type LatencySummary } from './stats';

export interface HotlineBenchResult {
  inbound: { clients: number; seconds: number; created: number; failed: number; perSecond: number; latencyMs: LatencySummary };
  drain: { events: number; orders: number; seconds: number; perSecond: number; received: number; duplicates: number };
}

export async function hotlineBench(server: BenchServer, options: { seconds: number }): Promise<HotlineBenchResult> {
  const clients = Number(process.env['BENCH_HOTLINE_CLIENTS'] ?? 8);
  const events = Number(process.env['BENCH_HOTLINE_EVENTS'] ?? 2000);
  const token = await login(server.url, 'admin');
  const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const simulator = await new HotlineSimulator({ apiUrl: server.url, clientId: '', secret: '' }).start();
  const made = await fetch(`${server.url}/api/admin/integration-clients`, { method: 'POST', headers: auth, body: JSON.stringify({ name: `bench-${randomUUID().slice(0, 8)}`, kind: 'hotline', callbackUrl: simulator.callbackUrl }) });
  const client = (await made.json()) as { id: string; secret: string };
  simulator.useClient(client.id, client.secret);
  const grids = (await (await fetch(`${server.url}/api/areas?level=grid`, { headers: auth })).json()) as { centroid: { lat: number; lng: number } }[];

  // Inbound: every request a new order at a grid's centre, signed now.
  const http = keepAliveClient(server.url, clients);
  const samples: number[] = [];
  let failed = 0;
  let sequence = 0;
  const started = Date.now();
  await runFor(options.seconds * 1000, clients, async () => {
    const n = sequence++;
    const body = JSON.stringify({ orderNo: `B${started}-${n}`, content: '路灯不亮', category: '公共设施', location: grids[n % grids.length].centroid });
    const t0 = performance.now();
    const res = await http.post('/api/hotline/orders', JSON.parse(body), signedHeaders(client.id, client.secret, body));
    samples.push(performance.now() - t0);
    if (res.status !== 201) failed += 1;
  });
  const elapsed = (Date.now() - started) / 1000;
  http.close();

  // Drain: N events queued while the hotline is down (written straight into the outbox, spread over orders of 4
  // events each), then the time until the simulator has every one.
  await simulator.setMode('down');
  const db = new Client({ connectionString: server.databaseUrl });
  await db.connect();
  const orders = Math.ceil(events / 4);
  await db.query(
    `INSERT INTO outbox_messages (channel, destination, order_key, event_id, kind, payload)
     SELECT 'integration', $1, 'D' || (i % $3), e.id, 'accepted', jsonb_build_object('eventId', e.id, 'orderNo', 'D' || (i % $3), 'kind', 'accepted', 'at', now())
     FROM generate_series(0, $2 - 1) AS i, LATERAL (SELECT gen_random_uuid() AS id, i AS k) e ORDER BY i`,
    [client.id, events, orders],
  );
  await db.end();
  await simulator.setMode('ok');
  const drainStart = Date.now();
  await simulator.waitFor(() => simulator.received.length >= events, 600_000, `${events} events`);
  const drainSeconds = (Date.now() - drainStart) / 1000;
  await simulator.stop();
  return {
    inbound: { clients, seconds: Math.round(elapsed), created: samples.length - failed, failed, perSecond: Math.round((samples.length - failed) / elapsed), latencyMs: summarize(samples) },
    drain: { events, orders, seconds: Math.round(drainSeconds * 10) / 10, perSecond: Math.round(events / drainSeconds), received: simulator.received.length, duplicates: simulator.duplicates },
  };
}
