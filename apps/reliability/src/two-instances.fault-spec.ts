/**
 * Two API processes on one PostgreSQL, sharing rooms through a private redis-server: Redis killed and
 * restarted, one instance killed with SIGKILL under load, and SLA sweepers on two instances whose
 * clocks disagree by 30 days.
 */
import type { AreaDto, UserDto } from '@grid/contracts';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { Client } from 'pg';
import { ApiProcess, Postgres, Redis, sleep, stopAll, waitFor } from './support/cluster';
import { AnswerLog, gridsWithWorkers, login, Phone, reportWithRetry, runClients, type ReportOutcome } from './support/clients';
import { recordFigures } from './support/figures';

const CLIENTS = 16;
const DAY_MS = 24 * 3_600_000;

describe('two API instances, PostgreSQL and Redis under faults', () => {
  let pg: Postgres;
  let redis: Redis;
  let databaseUrl: string;
  let a: ApiProcess;
  let b: ApiProcess;
  let db: Client;
  let operatorToken: string;
  let fixtures: { grid: AreaDto; worker: UserDto }[];
  const phones: Phone[] = [];

  beforeAll(async () => {
    pg = await Postgres.start();
    databaseUrl = await pg.database('grid');
    redis = await Redis.start();
    a = await ApiProcess.start('a', databaseUrl, { REDIS_URL: redis.url });
    b = await ApiProcess.start('b', databaseUrl, { REDIS_URL: redis.url });
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const admin = await login(a.url, 'admin');
    operatorToken = (await login(a.url, 'operator')).accessToken;
    fixtures = await gridsWithWorkers(a.url, admin.accessToken, CLIENTS + 2);
  }, 240_000);

  afterAll(async () => {
    phones.forEach((p) => p.close());
    await db?.end().catch(() => undefined);
    await stopAll();
  }, 60_000);

  /** A phone for `worker`, preferring `home` and falling back to any instance still running. */
  async function phoneOf(worker: UserDto, home: ApiProcess, others: ApiProcess[]): Promise<Phone> {
    const token = (await login(home.url, worker.username)).accessToken;
    const phone = new Phone(worker.username, token, () => [home, ...others].filter((i) => i.running).map((i) => i.url));
    await phone.connect();
    phones.push(phone);
    return phone;
  }

  const reportIn = (grid: AreaDto, via: () => string[], log: AnswerLog, label: string) =>
    reportWithRetry(via, operatorToken, { categoryCode: 'city.litter', description: `${label} ${randomUUID()}`, location: jitter(grid.centroid) }, log);

  it('Redis down and back: HTTP unaffected, each instance serves its own sockets, cross-instance delivery resumes by itself', async () => {
    const [onA, onB] = fixtures;
    const phoneA = await phoneOf(onA.worker, a, []);
    const phoneB = await phoneOf(onB.worker, b, []);
    const log = new AnswerLog();
    const viaA = () => [a.url];
    const viaB = () => [b.url];

    // Healthy: a report through A reaches the phone on B.
    const before = await reportIn(onB.grid, viaA, log, 'redis-before');
    await waitFor('cross-instance push before the fault', () => phoneB.assigned.has(before.caseId as string), 10_000);

    await redis.kill();
    const downAt = Date.now();
    await sleep(500);
    const health = await fetch(`${a.url}/api/health`);
    const healthBody = (await health.json()) as { status: string };
    // Reports keep flowing through both instances; each pushes to its own sockets.
    let stop = false;
    const during = runClients(4, () => stop, (client) => reportIn(client % 2 ? onB.grid : onA.grid, client % 2 ? viaB : viaA, log, 'redis-down'));
    const localA = await reportIn(onA.grid, viaA, log, 'redis-down-local');
    const localB = await reportIn(onB.grid, viaB, log, 'redis-down-local');
    const crossWhileDown = await reportIn(onB.grid, viaA, log, 'redis-down-cross');
    await waitFor('local pushes while Redis is down', () => phoneA.assigned.has(localA.caseId as string) && phoneB.assigned.has(localB.caseId as string), 10_000);
    await sleep(2_000);
    stop = true;
    const reportsWhileDown = await during;

    await redis.start();
    const restartedAt = Date.now();
    // Cross-instance delivery comes back without restarting anything: probe until a push crosses again.
    let probes = 0;
    const resumedAfterMs = await waitFor(
      'cross-instance delivery after Redis returns',
      async () => {
        probes++;
        const probe = await reportIn(onB.grid, viaA, log, 'redis-probe');
        return waitFor('probe push', () => phoneB.assigned.has(probe.caseId as string), 1_000).then(
          () => true,
          () => false,
        );
      },
      30_000,
    );
    // The push that could not cross while Redis was away is not lost: once Redis is back, each instance
    // resends to its own sockets what was recorded during the outage, and the connected phone gets it.
    const missedLive = !phoneB.assigned.has(crossWhileDown.caseId as string);
    await waitFor('the missed push resent to the connected phone', () => phoneB.assigned.has(crossWhileDown.caseId as string), 20_000);
    const resentAt = Date.now();
    expect(phoneB.reconnects).toEqual([]);

    const answered = [...reportsWhileDown, localA, localB, crossWhileDown];
    expect(answered.every((r) => r.status === 201)).toBe(true);
    expect(log.count(500)).toBe(0);
    expect(health.status).toBe(200);
    expect(healthBody.status).toBe('degraded');
    recordFigures('redis', {
      outageMs: restartedAt - downAt,
      reportsDuringOutage: answered.length,
      answersDuringOutage: log.summary(),
      healthDuringOutage: `${health.status} ${healthBody.status}`,
      localPushesDuringOutage: 'delivered',
      crossInstancePushDuringOutage: missedLive ? 'not live; resent after Redis returned' : 'delivered',
      missedPushResentAfterMs: resentAt - restartedAt,
      crossInstanceResumedAfterMs: resumedAfterMs,
      probesUntilResumed: probes,
    });
  }, 120_000);

  it('kill -9 of one instance while 16 clients report: every answered report exists once with its events, every case.assigned reaches its worker', async () => {
    const targets = fixtures.slice(2, 2 + CLIENTS);
    const instances = [a, b];
    // Half of the phones on each instance; a phone on the killed one reconnects to the other with `since`.
    const workerPhones = await Promise.all(targets.map((t, i) => phoneOf(t.worker, instances[i % 2], [instances[(i + 1) % 2]])));
    const log = new AnswerLog();
    const started = Date.now();
    let killedAt = 0;
    const killer = sleep(4_000).then(async () => {
      killedAt = Date.now();
      await a.stop('SIGKILL');
    });
    // Each client prefers its own instance and, on a connection error, retries the other with the same key.
    const outcomes: ReportOutcome[] = await runClients(CLIENTS, () => Date.now() - started > 10_000, (client) =>
      reportIn(targets[client].grid, () => (client % 2 ? [b.url, a.url] : [a.url, b.url]), log, 'kill9'),
    );
    await killer;

    const answered = outcomes.filter((o) => o.status === 201);
    const interrupted = outcomes.filter((o) => o.retries.some((r) => r.startsWith('network')));
    // Every answered report: one row, its events on record, dispatched to the grid's worker.
    const rows = (
      await db.query<{ id: string; description: string; assignee_id: string | null; kinds: string[]; seqs: string[] }>(
        `SELECT c.id, c.description, c.assignee_id, array_agg(e.kind ORDER BY e.seq) AS kinds, array_agg(e.seq ORDER BY e.seq) AS seqs
         FROM cases c JOIN case_events e ON e.case_id = c.id WHERE c.description LIKE 'kill9 %' GROUP BY c.id`,
      )
    ).rows;
    const byDescription = new Map<string, typeof rows>();
    for (const row of rows) byDescription.set(row.description, [...(byDescription.get(row.description) ?? []), row]);
    const duplicated = [...byDescription.values()].filter((r) => r.length > 1).length;
    const lost = answered.filter((o) => {
      const found = byDescription.get(o.description) ?? [];
      if (found.length !== 1 || found[0].id !== o.caseId) return true;
      const stored = new Set(found[0].seqs.map(Number));
      return !(o.body?.timeline ?? []).every((e) => stored.has(e.seq)) || !found[0].kinds.includes('dispatched');
    });
    const unanswered = outcomes.length - answered.length;

    // Every case.assigned reaches its worker's phone, live or by replay after the reconnect.
    const phoneOfUser = new Map(targets.map((t, i) => [t.worker.id, workerPhones[i]]));
    const expected = rows.filter((r) => r.assignee_id && phoneOfUser.has(r.assignee_id));
    const undelivered = () => expected.filter((r) => !phoneOfUser.get(r.assignee_id as string)?.assigned.has(r.id));
    await waitFor('every case.assigned delivered', () => undelivered().length === 0, 20_000).catch(() => undefined);
    const reconnects = workerPhones.flatMap((p) => p.reconnects);

    recordFigures('kill9', {
      clients: CLIENTS,
      loadSeconds: 10,
      killedAfterMs: killedAt - started,
      reportsSent: outcomes.length,
      answered201: answered.length,
      unanswered,
      interruptedByCrashThenRetried: interrupted.length,
      answers: log.summary(),
      lost: lost.length,
      duplicated,
      assignedPushesExpected: expected.length,
      assignedPushesMissing: undelivered().length,
      phonesReconnected: reconnects.length,
      reconnectMsMax: Math.max(0, ...reconnects.map((r) => r.replayedAt - r.droppedAt)),
      eventsReplayedOnReconnect: reconnects.reduce((n, r) => n + r.replayed, 0),
    });
    expect(unanswered).toBe(0);
    expect(lost).toEqual([]);
    expect(duplicated).toBe(0);
    expect(expected.length).toBe(rows.length);
    expect(undelivered()).toEqual([]);
    expect(reconnects.length).toBe(CLIENTS / 2);
    expect(log.count(500)).toBe(0);
  }, 120_000);

  it('an instance killed between a commit and its push: the retry answered by the other instance pushes case.assigned', async () => {
    // A comes back with a preloaded fault: it kills itself the moment PostgreSQL confirms the commit of
    // the marked report, before it can push or answer. The worker's phone stays connected to B throughout.
    const marker = `crash-${randomUUID()}`;
    await a.restart({ NODE_OPTIONS: `--require ${path.join(__dirname, 'support/crash-after-commit.js')}`, CRASH_MARKER: marker });
    const { grid, worker } = fixtures[1];
    const phone = await phoneOf(worker, b, []);
    const outcome = await reportWithRetry(() => [a.url, b.url], operatorToken, { categoryCode: 'city.litter', description: `${marker} committed, then killed`, location: jitter(grid.centroid) }, new AnswerLog());
    expect(a.running).toBe(false);
    expect(outcome.retries[0]).toMatch(/^network/);
    expect(outcome.status).toBe(201);
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM cases WHERE description LIKE $1`, [`${marker}%`]);
    expect(rows.map((r) => r.id)).toEqual([outcome.caseId]);
    const deliveredAfterMs = await waitFor('case.assigned on the phone connected to the surviving instance', () => phone.assigned.has(outcome.caseId as string), 10_000).catch(() => null);
    recordFigures('killBetweenCommitAndPush', { answered: outcome.status, attempts: outcome.retries.length + 1, storedCases: rows.length, pushDelivered: deliveredAfterMs !== null, deliveredAfterMs });
    expect(deliveredAfterMs).not.toBeNull();
    expect(phone.reconnects).toEqual([]);
  }, 120_000);

  it('two sweepers whose clocks disagree by 30 days write each SLA event once', async () => {
    // A comes back (a crashed instance restarted) with the right clock; C starts with its clock 30 days
    // ahead, as a host whose time jumped. Both sweep every second while reports keep coming.
    await a.restart({ SLA_SWEEP_SECONDS: '1', NODE_OPTIONS: '', CRASH_MARKER: '' });
    const c = await ApiProcess.start('c-clock+30d', databaseUrl, {
      REDIS_URL: redis.url,
      SLA_SWEEP_SECONDS: '1',
      CLOCK_OFFSET_MS: String(30 * DAY_MS),
      NODE_OPTIONS: `--require ${path.join(__dirname, 'support/shifted-clock.js')}`,
    });
    const log = new AnswerLog();
    const started = Date.now();
    const outcomes = await runClients(4, () => Date.now() - started > 8_000, (client) => reportIn(fixtures[client].grid, () => [a.url, b.url], log, 'sweep'));
    const newCases = outcomes.filter((o) => o.status === 201).map((o) => o.caseId as string);
    // Every case reported under load goes red on C's clock: wait until C's sweeps have reached them all.
    await waitFor(
      'the jumped clock marks the new cases overdue',
      async () => (await db.query(`SELECT count(*)::int AS n FROM case_events WHERE kind = 'sla_overdue' AND case_id = ANY($1)`, [newCases])).rows[0].n === newCases.length,
      60_000,
    );
    await sleep(3_000); // a few more sweeps of both instances over the same cases
    await c.stop();
    const duplicates = (
      await db.query<{ case_id: string; kind: string; n: number }>(
        `SELECT case_id, kind, count(*)::int AS n FROM case_events WHERE kind IN ('sla_warning', 'sla_overdue') GROUP BY case_id, kind HAVING count(*) > 1`,
      )
    ).rows;
    const totals = (await db.query<{ kind: string; n: number }>(`SELECT kind, count(*)::int AS n FROM case_events WHERE kind IN ('sla_warning', 'sla_overdue') GROUP BY kind ORDER BY kind`)).rows;
    recordFigures('sweepers', {
      instances: 'a (right clock) + c (clock +30 days), both sweeping every second',
      reportsDuringSweeps: newCases.length,
      slaEventsWritten: Object.fromEntries(totals.map((t) => [t.kind, t.n])),
      duplicateSlaEvents: duplicates.length,
    });
    expect(newCases.length).toBeGreaterThan(0);
    expect(duplicates).toEqual([]);
  }, 150_000);
});

/** A point a few metres from `at`, so reports are not all at one spot. */
function jitter(at: { lat: number; lng: number }): { lat: number; lng: number } {
  return { lat: at.lat + (Math.random() - 0.5) * 0.0004, lng: at.lng + (Math.random() - 0.5) * 0.0004 };
}
