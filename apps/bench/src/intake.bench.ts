/**
 * Case intake under load (issue 3): 16 concurrent clients report cases through POST /api/cases for a
 * fixed time, beside the raw throughput of writing the same rows (a case row and its three events, in
 * one transaction) straight into the same PostgreSQL from 16 connections, measured in the same run.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { cpuPer, cpuTimes, postmasterPid, type CpuTimes } from './cpu';
import { keepAliveClient } from './http-client';
import { login, type BenchServer } from './server';
import { gridWorkers, signToken } from './team';
import { runFor, summarize, type LatencySummary } from './stats';

/** Reports before the timed phase: JIT, caches and pools at their steady state. */
const WARM_UP_MS = 3_000;

export interface IntakeResult {
  clients: number;
  /** The accounts the reports come from, in turn. */
  reporters: number;
  seconds: number;
  /** Reports before the timed phase, straight before it. */
  warmUpSeconds: number;
  intake: { created: number; failed: number; perSecond: number; latencyMs: LatencySummary; cpuMsPerReport: CpuTimes };
  /** An authenticated request that reads nothing and writes nothing: what the HTTP stack alone allows. */
  floor: { perSecond: number; latencyMs: LatencySummary };
  raw: { cases: number; perSecond: number };
  ratio: number;
}

export async function intakeBench(server: BenchServer, { clients = 16, seconds = 30 } = {}): Promise<IntakeResult> {
  // Every grid worker of the territory reports, in turn, from the centre of their own grid: a district's load
  // comes from its hundreds of workers, each at about the default per-user report limit (16 accounts posting
  // 40 reports a second each would time the rate limiter's bookkeeping of each account's last minute).
  const team = await gridWorkers(server.databaseUrl, 100_000);
  const reporters = team.map((worker) => ({ token: signToken(worker.id), centroid: worker.centroid }));
  let turn = 0;
  const nextReporter = () => reporters[turn++ % reporters.length];

  // Start from a steady state: the demo history's assessment facts are projected after a fresh start (an
  // assessment answers only once they are), work that would otherwise run during the timed phase.
  const assessor = await login(server.url, 'assessor');
  for (let pending = 1; pending > 0; ) {
    const answer = (await (await fetch(`${server.url}/api/assessment?level=zone`, { headers: { Authorization: `Bearer ${assessor}` } })).json()) as { pendingCases: number };
    pending = answer.pendingCases;
  }

  const http = keepAliveClient(server.url);
  const latencies: number[] = [];
  /** Each timed report's start (epoch ms) and latency, for `trace-report.ts` when BENCH_TRACE_DIR is set. */
  const trace: [number, number][] = [];
  let failed = 0;
  // One run without a pause: 3 s of warm-up, then the timed phase, which counts the reports started in it. Draining
  // the clients after the warm-up and starting them again in the same millisecond made the timed phase begin with a
  // convoy (16 reports through every stage together, then their 16 successors, for half a second or so) that no
  // real arrival pattern has: in one traced run it was 87 of the 148 slowest 1 %.
  const timedFrom = performance.now() + WARM_UP_MS;
  const timedUntil = timedFrom + seconds * 1000;
  const reportOnce = async () => {
    const { token, centroid } = nextReporter();
    const started = performance.now();
    const res = await http.post(
      '/api/cases',
      {
        categoryCode: 'city.litter',
        description: 'benchmark report',
        location: { lat: centroid.lat + (Math.random() - 0.5) * 0.0004, lng: centroid.lng + (Math.random() - 0.5) * 0.0004 },
      },
      { Authorization: `Bearer ${token}`, 'Idempotency-Key': randomUUID() },
    );
    const latency = performance.now() - started;
    if (started < timedFrom || started >= timedUntil) return;
    if (res.status !== 201) {
      failed++;
      return;
    }
    latencies.push(latency);
    trace.push([performance.timeOrigin + started, latency]);
  };
  const postmaster = postmasterPid(server.clusterDir);
  let cpuBefore = cpuTimes(server.pid, postmaster);
  const startTimed = setTimeout(() => (cpuBefore = cpuTimes(server.pid, postmaster)), WARM_UP_MS);
  await runFor(WARM_UP_MS + seconds * 1000, clients, reportOnce);
  clearTimeout(startTimed);
  // The reports started in the timed phase; those still in flight at its end finish after it, as their CPU does.
  const cpuMsPerReport = cpuPer(cpuBefore, cpuTimes(server.pid, postmaster), latencies.length + failed);
  const traceDir = process.env['BENCH_TRACE_DIR'];
  if (traceDir) fs.writeFileSync(path.join(traceDir, 'requests.json'), JSON.stringify(trace));

  // The same clients on GET /api/auth/me (token check, no database): the ceiling of any endpoint here.
  const floorLatencies: number[] = [];
  await runFor(Math.min(10, seconds) * 1000, clients, async () => {
    const started = performance.now();
    const res = await http.get('/api/auth/me', { Authorization: `Bearer ${nextReporter().token}` });
    if (res.status === 200) floorLatencies.push(performance.now() - started);
  });
  http.close();

  const raw = await rawInsertBaseline(server.databaseUrl, clients, seconds);
  const perSecond = latencies.length / seconds;
  return {
    clients,
    reporters: reporters.length,
    seconds,
    warmUpSeconds: WARM_UP_MS / 1000,
    intake: { created: latencies.length, failed, perSecond: Math.round(perSecond), latencyMs: summarize(latencies), cpuMsPerReport },
    floor: { perSecond: Math.round(floorLatencies.length / Math.min(10, seconds)), latencyMs: summarize(floorLatencies) },
    raw: { cases: raw, perSecond: Math.round(raw / seconds) },
    ratio: Math.round((perSecond / (raw / seconds)) * 1000) / 1000,
  };
}

/**
 * The same rows a report writes (one case row, three event rows, the idempotency claim), each case one
 * transaction, no application in between.
 */
async function rawInsertBaseline(databaseUrl: string, clients: number, seconds: number): Promise<number> {
  const setup = new Client({ connectionString: databaseUrl });
  await setup.connect();
  await setup.query(`DROP TABLE IF EXISTS bench_raw_events; DROP TABLE IF EXISTS bench_raw_cases; DROP TABLE IF EXISTS bench_raw_keys`);
  await setup.query(`CREATE TABLE bench_raw_cases (LIKE cases INCLUDING ALL)`);
  await setup.query(`CREATE TABLE bench_raw_events (LIKE case_events INCLUDING DEFAULTS INCLUDING INDEXES)`);
  await setup.query(`CREATE TABLE bench_raw_keys (LIKE idempotency_keys INCLUDING ALL)`);
  const [sample] = (await setup.query(`SELECT * FROM cases ORDER BY reported_at DESC LIMIT 1`)).rows as Record<string, unknown>[];
  const connections = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new Client({ connectionString: databaseUrl });
      await c.connect();
      return c;
    }),
  );
  let written = 0;
  const writeOne = async (c: Client) => {
    await c.query('BEGIN');
    const id = randomUUID();
    await c.query(
      `INSERT INTO bench_raw_cases (id, code, tracking_token, source, category_code, priority, description, lat, lng, grid_id, area_path, status, assignee_id, reporter_id, department_ids, accept_due_at, handle_due_at, state, last_seq, reported_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, now())`,
      [id, randomUUID().slice(0, 15), randomUUID().slice(0, 16), sample['source'], sample['category_code'], sample['priority'], sample['description'], sample['lat'], sample['lng'], sample['grid_id'], sample['area_path'], sample['status'], sample['assignee_id'], sample['reporter_id'], sample['department_ids'], sample['accept_due_at'], sample['handle_due_at'], JSON.stringify(sample['state']), 3],
    );
    await c.query(`INSERT INTO bench_raw_keys (user_id, key, request_hash, status, response, case_id) VALUES ($1, $2, $3, 201, 'null', $4)`, [sample['reporter_id'], randomUUID(), randomUUID(), id]);
    for (const kind of ['reported', 'registered', 'dispatched']) {
      await c.query(`INSERT INTO bench_raw_events (case_id, kind, from_status, to_status, actor_id, at, data, area_path) VALUES ($1, $2, NULL, 'dispatched', $3, now(), '{}', $4)`, [id, kind, sample['reporter_id'], sample['area_path']]);
    }
    await c.query('COMMIT');
    written++;
  };
  await runFor(seconds * 1000, clients, (loop) => writeOne(connections[loop]));
  await Promise.all(connections.map((c) => c.end()));
  await setup.query(`DROP TABLE bench_raw_events; DROP TABLE bench_raw_cases; DROP TABLE bench_raw_keys`);
  await setup.end();
  return written;
}
