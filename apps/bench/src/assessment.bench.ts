/**
 * The quarter's assessment over 1,000,000 cases (issue 6): cases and their assessment facts are generated
 * straight into PostgreSQL with generate_series on the 10,000-grid benchmark territory (as the projector
 * would have written them), their rollup cells queued as the migration queues them on an existing database
 * and rolled up by the server's projector (the backfill, timed), then `GET /api/assessment` is timed at every
 * level, beside the raw limit of the same server: one bare scan of the quarter's facts.
 */
import * as os from 'node:os';
import { Client } from 'pg';
import { login, type BenchServer } from './server';
import { summarize, type LatencySummary } from './stats';

export interface AssessmentBenchResult {
  cases: number;
  grids: number;
  loadSeconds: number;
  /** The backfill: cells rolled up by the server's projector after the load, and how long it took. */
  rollups: { seconds: number; cells: number };
  quarter: { from: string; to: string };
  levels: { level: string; caller: string; rows: number; bytes: number; latencyMs: LatencySummary }[];
  rawScanMs: LatencySummary;
  /** The machine's 1-minute load average before and after the timed calls (other work shares its cores). */
  load: { before: number; after: number };
}

const FROM = '2026-07-01';
const TO = '2026-09-30';

/** Loads `cases` cases reported over the quarter (seeded: the same figures every run), with their facts. */
export async function loadAssessmentCases(databaseUrl: string, cases: number): Promise<{ grids: number; seconds: number }> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const started = performance.now();
  try {
    await db.query(`SELECT setseed(0.20261123)`);
    await db.query(`
      CREATE TEMP TABLE bench_grid AS
      SELECT (row_number() OVER (ORDER BY a.code)) - 1 AS n, a.id, a.path, a.centroid_lat AS lat, a.centroid_lng AS lng,
             (SELECT u.id FROM users u WHERE u.area_id = a.id AND u.role = 'grid_worker' ORDER BY u.username LIMIT 1) AS worker_id
      FROM areas a WHERE a.level = 'grid'`);
    const [{ grids }] = (await db.query(`SELECT count(*)::int AS grids FROM bench_grid`)).rows as { grids: number }[];
    const departments = (await db.query(`SELECT id FROM departments ORDER BY code`)).rows.map((r: { id: string }) => r.id);
    // One row per case with its random draws; cases and facts are both derived from it.
    await db.query(
      `CREATE TEMP TABLE bench_case AS
       SELECT i, gen_random_uuid() AS id, g.id AS grid_id, g.path, g.lat, g.lng, g.worker_id,
              $2::timestamptz + random() * ($3::timestamptz - $2::timestamptz) AS reported_at,
              random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5
       FROM generate_series(0, $1 - 1) AS i JOIN bench_grid g ON g.n = (i::bigint * 7919) % ${grids}`,
      [cases, `${FROM}T00:00:00+08:00`, `${TO}T23:59:59+08:00`],
    );
    await db.query(`
      ALTER TABLE bench_case ADD COLUMN source varchar, ADD COLUMN status varchar;
      UPDATE bench_case SET source = CASE WHEN r1 < 0.15 THEN 'hotline' ELSE 'grid_report' END,
                            status = CASE WHEN r2 < 0.02 THEN 'cancelled' WHEN r2 < 0.05 THEN 'in_progress' ELSE 'closed' END`);
    await db.query(`
      INSERT INTO cases (id, code, tracking_token, source, category_code, category_version, priority, description, lat, lng, grid_id, area_path, status, assignee_id, reporter_id, state, reported_at, closed_at)
      SELECT id, 'BM' || i, md5(i::text), source, 'city.litter', 1, 'normal', '', lat, lng, grid_id, path || grid_id, status, worker_id,
             CASE WHEN source = 'grid_report' THEN worker_id END, '{}'::jsonb, reported_at,
             CASE WHEN status = 'closed' THEN reported_at + interval '1 day' * r5 * 3 END
      FROM bench_case`);
    await db.query(
      `INSERT INTO assessment_facts (case_id, reported_at, category_code, category_points, priority, source, status, zone_id, village_id, grid_id,
         reporter_id, handler_id, grid_worker_id, department_ids, self_handled, registered, dispatched, accepted, handled, closed, valid_report,
         reworked, missed_report, whistled, accept_late_at, handle_late_at, case_late_at, overdue_at, accepted_at, handled_at, closed_at, reworked_at,
         response_hours, handling_hours, rating, overdue_holder_id, handle_late_holder_id)
       SELECT id, reported_at, 'city.litter', 1, 'normal', source, status, path[2], path[3], grid_id,
         CASE WHEN source = 'grid_report' THEN worker_id END, worker_id, worker_id,
         CASE WHEN r5 < 0.04 THEN ARRAY[($1::uuid[])[1 + (i % array_length($1::uuid[], 1))]] ELSE '{}'::uuid[] END,
         source = 'grid_report' AND r3 < 0.05, status <> 'cancelled', status <> 'cancelled', status <> 'cancelled',
         status = 'closed', status = 'closed', status <> 'cancelled', r4 < 0.08, source = 'hotline', r5 < 0.04,
         CASE WHEN r4 > 0.97 AND status <> 'cancelled' THEN reported_at + interval '2 hours' END,
         CASE WHEN r3 > 0.9 AND status <> 'cancelled' THEN reported_at + interval '3 days' WHEN status = 'in_progress' THEN reported_at + interval '5 days' END,
         CASE WHEN r3 > 0.92 AND status <> 'cancelled' THEN reported_at + interval '4 days' WHEN status = 'in_progress' THEN reported_at + interval '6 days' END,
         CASE WHEN r3 > 0.9 AND status <> 'cancelled' THEN reported_at + interval '3 days' WHEN status = 'in_progress' THEN reported_at + interval '5 days' END,
         CASE WHEN status <> 'cancelled' THEN reported_at + interval '1 hour' * r4 * 4 END,
         CASE WHEN status = 'closed' THEN reported_at + interval '1 hour' * r5 * 72 END,
         CASE WHEN status = 'closed' THEN reported_at + interval '1 day' * r5 * 3 END,
         CASE WHEN r4 < 0.08 THEN reported_at + interval '1 day' END,
         CASE WHEN status <> 'cancelled' THEN r4 * 4 END,
         CASE WHEN status = 'closed' THEN r5 * 72 END,
         CASE WHEN status = 'closed' AND r1 > 0.3 THEN 1 + floor(r2 * 5)::int END,
         worker_id, worker_id
       FROM bench_case`,
      [departments],
    );
    await db.query(`
      INSERT INTO assessment_department_facts (case_id, department_id, reported_at, zone_id, village_id, grid_id, reported_in, report_in_late_at, rating)
      SELECT f.case_id, f.department_ids[1], f.reported_at, f.zone_id, f.village_id, f.grid_id, true, NULL, 4 FROM assessment_facts f WHERE f.whistled`);
    await db.query(`DELETE FROM assessment_dirty`);
    // As a migration onto an existing database does: every cell with finished cases is queued for its rollup.
    await db.query(`
      INSERT INTO assessment_rollup_stale (month, grid_id)
      SELECT DISTINCT date_trunc('month', reported_at AT TIME ZONE 'Asia/Shanghai')::date, grid_id FROM assessment_facts WHERE status IN ('closed', 'rejected', 'cancelled')
      ON CONFLICT DO NOTHING`);
    await db.query(`VACUUM ANALYZE cases`);
    await db.query(`VACUUM ANALYZE assessment_facts`);
    await db.query(`VACUUM ANALYZE assessment_department_facts`);
    return { grids, seconds: Math.round((performance.now() - started) / 100) / 10 };
  } finally {
    await db.end();
  }
}

/** Waits until the server's projector has rolled up every queued cell (the backfill); answers the seconds and cells. */
export async function waitForRollups(databaseUrl: string): Promise<{ seconds: number; cells: number }> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const started = performance.now();
  try {
    for (;;) {
      const [{ queued }] = (await db.query(`SELECT count(*)::int AS queued FROM assessment_rollup_stale`)).rows as { queued: number }[];
      if (queued === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const [{ cells }] = (await db.query(`SELECT count(DISTINCT (month, grid_id))::int AS cells FROM assessment_rollups`)).rows as { cells: number }[];
    await db.query(`VACUUM ANALYZE assessment_rollups`);
    return { seconds: Math.round((performance.now() - started) / 100) / 10, cells };
  } finally {
    await db.end();
  }
}

async function timeGet(url: string, token: string, runs: number): Promise<{ latencyMs: LatencySummary; rows: number; bytes: number }> {
  const samples: number[] = [];
  let rows = 0;
  let bytes = 0;
  for (let i = 0; i <= runs; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    const text = await res.text();
    if (!res.ok) throw new Error(`${url}: ${res.status} ${text.slice(0, 300)}`);
    // The first call warms caches (and projects anything dirty): not counted.
    if (i > 0) samples.push(performance.now() - started);
    rows = (JSON.parse(text) as { rows: unknown[] }).rows.length;
    bytes = text.length;
  }
  return { latencyMs: summarize(samples), rows, bytes };
}

export async function assessmentBench(server: BenchServer, { cases = 1_000_000, runs = 5 } = {}): Promise<AssessmentBenchResult> {
  const loaded = await loadAssessmentCases(server.databaseUrl, cases);
  const rollups = await waitForRollups(server.databaseUrl);
  const assessor = await login(server.url, 'assessor');
  const zoneLeader = await login(server.url, 'zone01');
  const levels: AssessmentBenchResult['levels'] = [];
  const loadBefore = os.loadavg()[0];
  for (const [level, caller, token, page] of [
    ['zone', 'assessor', assessor, null],
    ['village', 'assessor', assessor, null],
    ['grid', 'assessor', assessor, null],
    ['worker', 'assessor', assessor, null],
    ['department', 'assessor', assessor, null],
    ['grid', 'zone01', zoneLeader, null],
    // What the web page asks for: a page of 500 of the 10,000 rows.
    ['grid', 'assessor', assessor, 500],
    ['worker', 'assessor', assessor, 500],
  ] as const) {
    const timed = await timeGet(`${server.url}/api/assessment?level=${level}&from=${FROM}&to=${TO}${page ? `&pageSize=${page}` : ''}`, token, runs);
    levels.push({ level, caller: page ? `${caller}, a page of ${page}` : caller, ...timed });
  }
  const db = new Client({ connectionString: server.databaseUrl });
  await db.connect();
  const raw: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const started = performance.now();
    await db.query(`SELECT count(*), sum(response_hours) FROM assessment_facts WHERE reported_at >= $1 AND reported_at < $2`, [`${FROM}T00:00:00+08:00`, `${TO}T23:59:59.999+08:00`]);
    if (i > 0) raw.push(performance.now() - started);
  }
  await db.end();
  const load = { before: round1(loadBefore), after: round1(os.loadavg()[0]) };
  return { cases, grids: loaded.grids, loadSeconds: loaded.seconds, rollups, quarter: { from: FROM, to: TO }, levels, rawScanMs: summarize(raw), load };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
