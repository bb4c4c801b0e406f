/**
 * A city's year by SQL (issue 25): cases cloned from the demo's simulated history onto every grid of the territory,
 * set-based (`INSERT … SELECT generate_series`), with their timelines. Each clone is a valid case: the template's
 * projected state and every event of its timeline (so the demo's proportions of event kinds, statuses, categories,
 * sources and priorities), moved to another grid (its area ids, its grid worker) and back in time by whole quarters
 * (every timestamp in the state, the events and the columns), with its own id, code and tracking token. One clone
 * in a hundred is of a case still open (the demo's open cases, as of now); the others are closed, rejected or
 * cancelled. Photos' rows are not cloned (the demo history has none). Assessment facts are not written (the
 * projector's catch-up is measured apart): the load runs with triggers off (`session_replication_role = replica`,
 * which needs a superuser), the foreign keys being right by construction.
 */
import type { Client } from 'pg';

/** The quarters a clone may be moved back by: a year of history from the demo's 90 days. */
const QUARTERS = 4;
const QUARTER_DAYS = 91;
/** Cases written per transaction. */
const CHUNK = 250_000;
/** Codes of generated cases start so (the API's own prefix is configured and differs). */
export const SCALE_CODE_PREFIX = 'SC';

export interface ScaleGrowth {
  /** Generated cases in the database after this step, and how many this step wrote. */
  cases: number;
  added: number;
  events: number;
  seconds: number;
  /** The secondary indexes built again after the load (as CREATE INDEX would on a table of this size), included in `seconds`. */
  indexSeconds: number;
  /** VACUUM ANALYZE after the load (what autovacuum would do within minutes), included in `seconds`. */
  vacuumSeconds: number;
}

/**
 * The templates: every case of the demo history not merged into another (a merged duplicate names its main case),
 * with its timeline, shifted back by 0…3 quarters (times in the state too), and the ids a clone replaces.
 */
export async function prepareTemplates(db: Client): Promise<{ templates: number; open: number; grids: number }> {
  await db.query(`
    CREATE OR REPLACE FUNCTION bench_shift_times(j jsonb, d interval) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
    BEGIN
      CASE jsonb_typeof(j)
        WHEN 'object' THEN RETURN (SELECT coalesce(jsonb_object_agg(k, bench_shift_times(v, d)), '{}'::jsonb) FROM jsonb_each(j) AS e(k, v));
        WHEN 'array' THEN RETURN (SELECT coalesce(jsonb_agg(bench_shift_times(v, d) ORDER BY n), '[]'::jsonb) FROM jsonb_array_elements(j) WITH ORDINALITY AS a(v, n));
        WHEN 'string' THEN
          IF (j #>> '{}') ~ '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z$' THEN
            RETURN to_jsonb(to_char(((j #>> '{}')::timestamptz + d) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
          END IF;
          RETURN j;
        ELSE RETURN j;
      END CASE;
    END $$`);
  await db.query(`DROP TABLE IF EXISTS bench_scale_grid, bench_scale_template, bench_scale_template_event`);
  // The grids with a grid worker (a territory import may have added grids nobody works in yet), numbered 0…n-1.
  await db.query(`
    CREATE UNLOGGED TABLE bench_scale_grid AS
    SELECT (row_number() OVER (ORDER BY g.code) - 1)::int AS n, g.id, g.path, g.lat, g.lng, g.worker_id
    FROM (
      SELECT a.code, a.id, a.path || a.id AS path, a.centroid_lat AS lat, a.centroid_lng AS lng,
             (SELECT u.id FROM users u WHERE u.area_id = a.id AND u.role = 'grid_worker' AND u.active ORDER BY u.username LIMIT 1) AS worker_id
      FROM areas a WHERE a.level = 'grid' AND a.retired_at IS NULL
    ) g
    WHERE g.worker_id IS NOT NULL AND cardinality(g.path) = 4`);
  await db.query(`CREATE UNIQUE INDEX ON bench_scale_grid (n)`);
  // Templates by kind (open or not), numbered within it; the grid worker a clone's worker replaces.
  await db.query(
    `CREATE UNLOGGED TABLE bench_scale_template AS
     WITH t AS (
       SELECT c.*, c.status NOT IN ('closed', 'rejected', 'cancelled') AS open,
              (row_number() OVER (PARTITION BY c.status NOT IN ('closed', 'rejected', 'cancelled') ORDER BY c.reported_at, c.id) - 1)::int AS n,
              (SELECT u.id FROM users u WHERE u.area_id = c.grid_id AND u.role = 'grid_worker' ORDER BY u.username LIMIT 1) AS worker_id,
              (SELECT count(*) FROM case_events e WHERE e.case_id = c.id)::int AS events
       FROM cases c
       WHERE c.merged_into IS NULL AND cardinality(c.area_path) = 4 AND c.code NOT LIKE '${SCALE_CODE_PREFIX}%'
     )
     SELECT t.n, q.quarter,
            t.id, t.open, t.worker_id, t.events, t.source, t.category_code, t.category_version, t.priority, t.description, t.lat, t.lng, t.address,
            t.grid_id, t.area_path, t.status, t.handling_area_id, t.handling_department_id, t.assignee_id, t.reporter_id, t.reporter_name, t.reporter_phone,
            t.department_ids, t.sla_state, t.suspended, t.next_sla_check_at + q.shift AS next_sla_check_at,
            t.accept_due_at + q.shift AS accept_due_at, t.handle_due_at + q.shift AS handle_due_at,
            t.reported_at + q.shift AS reported_at, t.closed_at + q.shift AS closed_at,
            (CASE WHEN q.quarter = 0 THEN t.state ELSE bench_shift_times(t.state, q.shift) END)::text AS state
     FROM t CROSS JOIN LATERAL (
       SELECT g AS quarter, make_interval(days => -g * ${QUARTER_DAYS}) AS shift FROM generate_series(0, CASE WHEN t.open THEN 0 ELSE ${QUARTERS - 1} END) g
     ) q`,
  );
  await db.query(`CREATE UNIQUE INDEX ON bench_scale_template (open, n, quarter)`);
  await db.query(`
    CREATE UNLOGGED TABLE bench_scale_template_event AS
    SELECT t.id AS template_id, t.quarter, (row_number() OVER (PARTITION BY t.id, t.quarter ORDER BY e.seq) - 1)::int AS ord,
           e.kind, e.from_status, e.to_status, e.actor_id, e.at + make_interval(days => -t.quarter * ${QUARTER_DAYS}) AS at, e.note,
           (CASE WHEN t.quarter = 0 THEN e.data ELSE bench_shift_times(e.data, make_interval(days => -t.quarter * ${QUARTER_DAYS})) END)::text AS data,
           e.department_ids
    FROM bench_scale_template t JOIN case_events e ON e.case_id = t.id`);
  await db.query(`CREATE INDEX ON bench_scale_template_event (template_id, quarter)`);
  await db.query(`ANALYZE bench_scale_grid; ANALYZE bench_scale_template; ANALYZE bench_scale_template_event`);
  const [counts] = (
    await db.query(`SELECT count(*) FILTER (WHERE NOT open AND quarter = 0)::int AS closed, count(*) FILTER (WHERE open)::int AS open, (SELECT count(*)::int FROM bench_scale_grid) AS grids FROM bench_scale_template`)
  ).rows as { closed: number; open: number; grids: number }[];
  if (!counts.open || !counts.closed || !counts.grids) throw new Error(`the demo gives nothing to clone: ${JSON.stringify(counts)} (start the server with DEMO_HISTORY_DAYS > 0)`);
  return { templates: counts.closed + counts.open, open: counts.open, grids: counts.grids };
}

/** How many generated cases the database holds. */
export async function generatedCases(db: Client): Promise<number> {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM cases WHERE code >= $1 AND code < $2`, [SCALE_CODE_PREFIX, `${SCALE_CODE_PREFIX.slice(0, -1)}${String.fromCharCode(SCALE_CODE_PREFIX.charCodeAt(SCALE_CODE_PREFIX.length - 1) + 1)}`]);
  return (rows[0] as { n: number }).n;
}

/**
 * Adds generated cases until the database holds `target` of them (nothing when it holds as many), in chunks of
 * 250,000 each written in report order (the secondary indexes dropped before and built again after), then VACUUM ANALYZE. Clone i takes the i-th template of its kind round the
 * list, the quarter (i ÷ templates) mod 4, and grid (i × 7919) mod grids (a prime stride spreads neighbours).
 */
export async function growTo(db: Client, target: number, log: (line: string) => void = () => undefined): Promise<ScaleGrowth> {
  const started = performance.now();
  const from = await generatedCases(db);
  const [{ closed, open, grids }] = (
    await db.query(`SELECT count(*) FILTER (WHERE NOT open AND quarter = 0)::int AS closed, count(*) FILTER (WHERE open)::int AS open, (SELECT count(*)::int FROM bench_scale_grid) AS grids FROM bench_scale_template`)
  ).rows as { closed: number; open: number; grids: number }[];
  let events = 0;
  let indexSeconds = 0;
  // A bulk load builds the secondary indexes afterwards (sorted, in one pass each) rather than row by row.
  const indexes = target > from ? await dropSecondaryIndexes(db) : [];
  await db.query(`SET session_replication_role = replica`);
  try {
    for (let low = from; low < target; low += CHUNK) {
      const high = Math.min(target, low + CHUNK);
      await db.query('BEGIN');
      await db.query(
        `CREATE TEMP TABLE bench_scale_chunk ON COMMIT DROP AS
         WITH draw AS (
           SELECT i, i % 100 = 0 AS open, CASE WHEN i % 100 = 0 THEN (i / 100) % $3 ELSE (i - i / 100 - 1) % $4 END AS n,
                  CASE WHEN i % 100 = 0 THEN 0 ELSE ((i - i / 100 - 1) / $4) % ${QUARTERS} END AS quarter, (i * 7919) % $5 AS grid
           FROM generate_series($1::bigint, $2::bigint - 1) AS i
         )
         SELECT d.i, gen_random_uuid() AS id, t.id AS template_id, t.quarter, t.events, t.reported_at, g.id AS grid_id, g.path, g.worker_id,
                g.lat + (random() - 0.5) * 0.002 AS lat, g.lng + (random() - 0.5) * 0.002 AS lng
         FROM draw d JOIN bench_scale_template t ON t.open = d.open AND t.n = d.n AND t.quarter = d.quarter JOIN bench_scale_grid g ON g.n = d.grid`,
        [low, high, open, closed, grids],
      );
      // The template's ids in its state and events become the clone's: case, grid, village, zone, grid worker (if its
      // grid has one still: a territory import may have left it without).
      const swap = (column: string) =>
        `replace(replace(replace(replace(replace(${column}, t.id::text, b.id::text), t.grid_id::text, b.grid_id::text), t.area_path[3]::text, b.path[3]::text), t.area_path[2]::text, b.path[2]::text), coalesce(t.worker_id, b.worker_id)::text, b.worker_id::text)`;
      const moved = (column: string) => `CASE WHEN t.${column} = t.worker_id THEN b.worker_id ELSE t.${column} END`;
      const location = `jsonb_build_object('lat', round(b.lat::numeric, 6), 'lng', round(b.lng::numeric, 6))`;
      const area = (column: string) => `CASE t.${column} WHEN t.grid_id THEN b.grid_id WHEN t.area_path[3] THEN b.path[3] WHEN t.area_path[2] THEN b.path[2] ELSE t.${column} END`;
      // The events first (seqs from the sequence, in order within each case, interleaved with whatever the
      // running server appends), then the cases with their newest seq, in one statement.
      const [written] = (
        await db.query(`
        WITH ev AS (
          INSERT INTO case_events (case_id, kind, from_status, to_status, actor_id, at, note, data, area_path, department_ids, recorded_at)
          SELECT b.id, e.kind, e.from_status, e.to_status, CASE WHEN e.actor_id = t.worker_id THEN b.worker_id ELSE e.actor_id END,
                 e.at, e.note, CASE WHEN e.kind = 'reported' THEN jsonb_set(${swap('e.data')}::jsonb, '{location}', ${location}) ELSE ${swap('e.data')}::jsonb END,
                 b.path, e.department_ids, e.at
          FROM bench_scale_chunk b JOIN bench_scale_template t ON t.id = b.template_id AND t.quarter = b.quarter
            JOIN bench_scale_template_event e ON e.template_id = b.template_id AND e.quarter = b.quarter
          ORDER BY b.i, e.ord
          RETURNING case_id, seq
        ), newest AS (
          SELECT case_id, max(seq) AS seq FROM ev GROUP BY case_id
        ), written AS (
          INSERT INTO cases (id, code, tracking_token, source, category_code, category_version, priority, description, lat, lng, address, grid_id, area_path, status,
                             handling_area_id, handling_department_id, assignee_id, reporter_id, reporter_name, reporter_phone, department_ids, accept_due_at, handle_due_at,
                             sla_state, suspended, state, last_seq, reported_at, closed_at, next_sla_check_at)
          SELECT b.id, '${SCALE_CODE_PREFIX}' || to_char(b.reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad(b.i::text, 9, '0'), md5(b.id::text),
                 t.source, t.category_code, t.category_version, t.priority, t.description, round(b.lat::numeric, 6)::float8, round(b.lng::numeric, 6)::float8, t.address,
                 b.grid_id, b.path, t.status, ${area('handling_area_id')}, t.handling_department_id, ${moved('assignee_id')}, ${moved('reporter_id')},
                 t.reporter_name, t.reporter_phone, t.department_ids, t.accept_due_at, t.handle_due_at, t.sla_state, t.suspended,
                 jsonb_set(${swap('t.state')}::jsonb, '{location}', ${location}),
                 n.seq, t.reported_at, t.closed_at, t.next_sla_check_at
          FROM bench_scale_chunk b JOIN bench_scale_template t ON t.id = b.template_id AND t.quarter = b.quarter JOIN newest n ON n.case_id = b.id
          ORDER BY t.reported_at, b.i
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM ev)::int AS events, (SELECT count(*) FROM written)::int AS cases`)
      ).rows as { events: number; cases: number }[];
      events += written.events;
      await db.query('COMMIT');
      log(`  ${high.toLocaleString('en')} cases (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await db.query(`SET session_replication_role = origin`);
    const indexesStarted = performance.now();
    await db.query(`SET maintenance_work_mem = '256MB'`);
    for (const index of indexes) await db.query(index.definition);
    indexSeconds = round1((performance.now() - indexesStarted) / 1000);
    if (indexes.length) log(`  ${indexes.length} indexes built again in ${indexSeconds} s`);
  }
  const vacuumStarted = performance.now();
  if (target > from) {
    await db.query(`VACUUM ANALYZE cases`);
    await db.query(`VACUUM ANALYZE case_events`);
  }
  const done = performance.now();
  return { cases: Math.max(from, target), added: Math.max(0, target - from), events, seconds: round1((done - started) / 1000), indexSeconds, vacuumSeconds: round1((done - vacuumStarted) / 1000) };
}

/** Drops the non-unique indexes of cases and case_events; answers their definitions, to build them again. */
async function dropSecondaryIndexes(db: Client): Promise<{ name: string; definition: string }[]> {
  const { rows } = await db.query(`
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
    FROM pg_index i WHERE i.indrelid IN ('cases'::regclass, 'case_events'::regclass) AND NOT i.indisunique AND NOT i.indisprimary`);
  const indexes = rows as { name: string; definition: string }[];
  for (const index of indexes) await db.query(`DROP INDEX ${index.name}`);
  return indexes;
}

/** Drops the generator's helper tables and function (the generated cases stay). */
export async function dropTemplates(db: Client): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS bench_scale_grid, bench_scale_template, bench_scale_template_event`);
  await db.query(`DROP FUNCTION IF EXISTS bench_shift_times(jsonb, interval)`);
}

const round1 = (n: number) => Math.round(n * 10) / 10;
