import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The desk at a city's size (issue 25, ADR 0022): one index per sort of `GET /api/cases` (keyset order: the sort's
 * value, then the id, both in the sort's direction; nullable times through coalesce with ±infinity so that nulls
 * come last either way), the reporter for the scope's "cases I reported", the open cases by SLA state, and the
 * text search: the lower-cased character bigrams of code, description and address in a GIN index, which serve
 * Chinese words of two characters (垃圾) and address fragments (老街) where trigrams cannot.
 *
 * Built CONCURRENTLY, so a running system keeps writing cases meanwhile (minutes per index at 10,000,000 rows): not
 * possible inside a transaction, so this migration runs outside one (`transaction = false`; the runner migrates
 * with `transaction: 'each'` under its advisory lock). A build that failed half-way leaves an INVALID index of the
 * same name: it is dropped and built again, so running the migration again is always safe.
 */
/** The text the search's bigrams are taken from (the index's expression: the list's query must spell it so). */
export const CASE_SEARCH_DOCUMENT = `(c.code::text || ' ' || c.description || ' ' || coalesce(c.address, '')::text)`;

/** Most urgent first: the priority sort's leading key (the index's expression, spelled so by the list's query). */
export const CASE_URGENCY = `(CASE c.priority WHEN 'emergency' THEN 2 WHEN 'urgent' THEN 1 ELSE 0 END)`;

const INDEXES: readonly [name: string, definition: string][] = [
  ['cases_reported_idx', `cases (reported_at, id)`],
  ['cases_handle_due_first_idx', `cases ((coalesce(handle_due_at, 'infinity'::timestamptz)), id)`],
  ['cases_handle_due_last_idx', `cases ((coalesce(handle_due_at, '-infinity'::timestamptz)), id)`],
  ['cases_closed_first_idx', `cases ((coalesce(closed_at, 'infinity'::timestamptz)), id)`],
  ['cases_closed_last_idx', `cases ((coalesce(closed_at, '-infinity'::timestamptz)), id)`],
  ['cases_urgency_idx', `cases (${CASE_URGENCY.replace(/c\./g, '')}, reported_at, id)`],
  // Open cases are the newest and the latest due: walking a whole-table index from the other end would read
  // nearly every closed case before the first open one.
  ['cases_open_reported_idx', `cases (reported_at, id) WHERE status NOT IN ('closed', 'rejected', 'cancelled')`],
  ['cases_open_handle_due_idx', `cases ((coalesce(handle_due_at, 'infinity'::timestamptz)), id) WHERE status NOT IN ('closed', 'rejected', 'cancelled')`],
  ['cases_reporter_idx', `cases (reporter_id) WHERE reporter_id IS NOT NULL`],
  ['cases_sla_idx', `cases (sla_state, reported_at, id) WHERE sla_state <> 'on_time'`],
  ['cases_search_grams_gin', `cases USING gin (case_search_grams(${CASE_SEARCH_DOCUMENT.replace(/c\./g, '')}))`],
];

export class DeskAtScale1763914000000 implements MigrationInterface {
  name = 'DeskAtScale1763914000000';
  transaction = false as const;

  async up(q: QueryRunner): Promise<void> {
    // Distinct lower-cased bigrams of a text (a one-character text: that character). Immutable, so an index
    // can hold it and the planner folds it on a constant query.
    await q.query(`
      CREATE OR REPLACE FUNCTION case_search_grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT CASE WHEN length(t) < 2 THEN ARRAY[lower(t)]
          ELSE ARRAY(SELECT DISTINCT substr(lower(t), i, 2) FROM generate_series(1, length(t) - 1) AS i) END
      $$`);
    for (const [name, definition] of INDEXES) {
      const [invalid] = (await q.query(`SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1 AND NOT i.indisvalid`, [name])) as unknown[];
      if (invalid) await q.query(`DROP INDEX CONCURRENTLY ${name}`);
      await q.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS ${name} ON ${definition}`);
    }
    await q.query(`ANALYZE cases`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`);
    await q.query(`DROP FUNCTION IF EXISTS case_search_grams(text)`);
  }
}
