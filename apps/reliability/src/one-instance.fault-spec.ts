/**
 * One API process on a private PostgreSQL: the database restarted under load, a backup restored into a
 * fresh database, and a graceful shutdown (SIGTERM) with a request and a socket still open.
 */
import type { CaseDetail } from '@grid/contracts';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { Client } from 'pg';
import { ApiProcess, Postgres, runCli, sleep, stopAll, tempDir, waitFor } from './support/cluster';
import { AnswerLog, getJson, gridsWithWorkers, login, Phone, reportWithRetry, runClients, type ReportOutcome } from './support/clients';
import { recordFigures } from './support/figures';

describe('one API instance under database faults and shutdown', () => {
  let pg: Postgres;
  let databaseUrl: string;
  let api: ApiProcess;
  let db: Client;
  let operatorToken: string;
  let grids: Awaited<ReturnType<typeof gridsWithWorkers>>;

  beforeAll(async () => {
    pg = await Postgres.start();
    databaseUrl = await pg.database('grid');
    api = await ApiProcess.start('solo', databaseUrl);
    const admin = await login(api.url, 'admin');
    operatorToken = (await login(api.url, 'operator')).accessToken;
    grids = await gridsWithWorkers(api.url, admin.accessToken, 8);
  }, 240_000);

  afterAll(async () => {
    await db?.end().catch(() => undefined);
    await stopAll();
  }, 60_000);

  const report = (client: number, log: AnswerLog, label: string, deadlineMs?: number) =>
    reportWithRetry(() => [api.url], operatorToken, { categoryCode: 'city.litter', description: `${label} ${randomUUID()}`, location: grids[client % grids.length].grid.centroid }, log, deadlineMs);

  it('PostgreSQL restarted under load: 503 with Retry-After meanwhile, never a 500 or a stack; reconnects by itself; no acknowledged write lost', async () => {
    const log = new AnswerLog();
    const reads = new AnswerLog();
    let stop = false;
    const started = Date.now();
    const writers = runClients(8, () => stop, (client) => report(client, log, 'pg-restart'));
    // A reader too: the case list, as the desk polls it.
    const reader = runClients(1, () => stop, async () => {
      const res = await fetch(`${api.url}/api/cases?pageSize=5`, { headers: { authorization: `Bearer ${operatorToken}` } }).catch(() => null);
      if (res) reads.record(res.status, await res.text(), res.headers.get('retry-after'));
      await sleep(50);
    });
    await sleep(3_000);
    const stoppedAt = Date.now();
    await pg.stop();
    await sleep(5_000);
    const during503 = log.count(503) + reads.count(503);
    await pg.start();
    const startedAt = Date.now();
    const recoveredAfterMs = await waitFor('the API answers from the database again', async () => (await fetch(`${api.url}/api/health`)).status === 200, 30_000);
    await sleep(3_000);
    stop = true;
    const outcomes: ReportOutcome[] = await writers;
    await reader;

    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const stored = new Set((await db.query<{ description: string }>(`SELECT description FROM cases WHERE description LIKE 'pg-restart %'`)).rows.map((r) => r.description));
    const answered = outcomes.filter((o) => o.status === 201);
    const lost = answered.filter((o) => !stored.has(o.description));
    const gaveUp = outcomes.filter((o) => o.status !== 201);
    recordFigures('postgresRestart', {
      writers: 8,
      loadSeconds: Math.round((Date.now() - started) / 1000),
      outageMs: startedAt - stoppedAt,
      answersToWrites: log.summary(),
      answersToReads: reads.summary(),
      answers503DuringOutage: during503,
      retryAfterValues: [...new Set([...log.retryAfter, ...reads.retryAfter])],
      recoveredAfterMs,
      reportsAnswered201: answered.length,
      reportsRetriedThrough503: outcomes.filter((o) => o.retries.includes('503')).length,
      lost: lost.length,
      stackTracesSeen: log.leaks.length + reads.leaks.length,
    });
    expect(during503).toBeGreaterThan(0);
    expect(log.count(500) + reads.count(500)).toBe(0);
    expect([...log.byStatus.keys(), ...reads.byStatus.keys()].filter((s) => !['200', '201', '503'].includes(s) && !s.startsWith('network'))).toEqual([]);
    expect(log.retryAfter.length).toBe(log.count(503));
    expect(log.leaks).toEqual([]);
    expect(reads.leaks).toEqual([]);
    expect(gaveUp).toEqual([]);
    expect(lost).toEqual([]);
  }, 120_000);

  it('a reference change after the restart still reaches the instance (its LISTEN connection came back)', async () => {
    // Turning automatic registration off for a category must take effect at once, through NOTIFY.
    // The rule lives in the category's version in effect (ADR 0011); its table announces the change.
    const current = `category_code = 'city.litter' AND version = (SELECT max(version) FROM category_versions WHERE category_code = 'city.litter')`;
    const [{ auto_register: before }] = (await db.query<{ auto_register: boolean | null }>(`SELECT auto_register FROM category_versions WHERE ${current}`)).rows;
    await db.query(`UPDATE category_versions SET auto_register = false WHERE ${current}`);
    try {
      const made = await waitFor(
        'a new report follows the changed category',
        async () => (await report(0, new AnswerLog(), 'listen-check')).body?.status === 'reported',
        10_000,
      );
      expect(made).toBeLessThan(10_000);
    } finally {
      await db.query(`UPDATE category_versions SET auto_register = $1 WHERE ${current}`, [before]);
    }
  }, 30_000);

  it('backup and restore: a dump restored into a fresh database serves the same cases and timelines', async () => {
    // At least one write with an Idempotency-Key, whatever ran before: its stored answer must survive too.
    expect((await report(2, new AnswerLog(), 'before-backup')).status).toBe(201);
    const dir = tempDir('reliability-backup');
    const file = path.join(dir, 'grid.backup.gz');
    const backup = runCli(['backup', '--out', file], { DATABASE_URL: databaseUrl, DATA_DIR: dir });
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const restoredUrl = await pg.database('grid_restored');
    const restore = runCli(['restore', '--from', file], { DATABASE_URL: restoredUrl, DATA_DIR: dir });
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    // Restoring over data is refused.
    expect(runCli(['restore', '--from', file], { DATABASE_URL: restoredUrl, DATA_DIR: dir }).code).toBe(1);

    const restored = await ApiProcess.start('restored', restoredUrl, { LOAD_DEMO: 'never' });
    const token = (await login(restored.url, 'operator')).accessToken;
    const page = '/api/cases?pageSize=200&sort=code&count=exact';
    const [origList, copyList] = await Promise.all([getJson<{ total: number; items: { id: string }[] }>(api.url, operatorToken, page), getJson<{ total: number; items: { id: string }[] }>(restored.url, token, page)]);
    expect(copyList.total).toBe(origList.total);
    expect(copyList.items.map((c) => c.id)).toEqual(origList.items.map((c) => c.id));
    for (const { id } of origList.items.slice(0, 20)) {
      const [orig, copy] = await Promise.all([getJson<CaseDetail>(api.url, operatorToken, `/api/cases/${id}`), getJson<CaseDetail>(restored.url, token, `/api/cases/${id}`)]);
      expect(copy.timeline).toEqual(orig.timeline);
      expect({ ...copy, allowedActions: null }).toEqual({ ...orig, allowedActions: null });
    }
    // The restored database carries on: new cases get new numbers and sequence values.
    const next = await reportWithRetry(() => [restored.url], token, { categoryCode: 'city.litter', description: `after-restore ${randomUUID()}`, location: grids[0].grid.centroid }, new AnswerLog());
    expect(next.status).toBe(201);
    expect(origList.items.map((c) => c.id)).not.toContain(next.caseId);
    recordFigures('backup', { cases: origList.total, backupBytes: fs.statSync(file).size, backupOutput: backup.stdout.trim(), restoreOutput: restore.stdout.trim() });
    await restored.stop();
  }, 180_000);

  it('graceful shutdown: SIGTERM lets a slow request finish, refuses new connections, closes sockets so clients reconnect, then exits 0', async () => {
    const worker = grids[1].worker;
    const phone = new Phone(worker.username, (await login(api.url, worker.username)).accessToken, () => [api.url]);
    await phone.connect();
    // A phone on a slow link: the request's body trickles in over two seconds.
    const description = `slow-upload ${randomUUID()}`;
    const slow = slowPost(api.url, '/api/cases', operatorToken, JSON.stringify({ categoryCode: 'city.litter', description, location: grids[1].grid.centroid }), 2_000);
    await sleep(300);
    const signalledAt = Date.now();
    const stopped = api.stop('SIGTERM');
    await sleep(300);
    const refused = await fetch(`${api.url}/api/health`).then(
      (r) => `HTTP ${r.status}`,
      (e: { cause?: { code?: string } }) => e.cause?.code ?? 'error',
    );
    const answer = await slow;
    const exit = await stopped;
    phone.close();
    recordFigures('gracefulShutdown', {
      slowRequest: answer.status,
      newConnectionDuringDrain: refused,
      socketDisconnectReason: phone.lastDisconnect,
      exit: exit.code,
      shutdownMs: Date.now() - signalledAt,
    });
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body).description).toBe(description);
    expect(refused).toBe('ECONNREFUSED');
    expect(phone.lastDisconnect).toBe('transport close');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(api.tail()).not.toMatch(/error while stopping/);
  }, 60_000);
});

/** POSTs `body` in small pieces over `overMs`, like a phone on a poor link; answers status and body. */
function slowPost(baseUrl: string, path: string, token: string, body: string, overMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${baseUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    const pieces = 10;
    const size = Math.ceil(body.length / pieces);
    let sent = 0;
    const timer = setInterval(() => {
      req.write(body.slice(sent, sent + size));
      sent += size;
      if (sent >= body.length) {
        clearInterval(timer);
        req.end();
      }
    }, overMs / pieces);
  });
}
