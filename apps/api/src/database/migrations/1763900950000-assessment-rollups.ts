import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Histogram buckets of a duration (the domain's `DURATION_BOUNDS_HOURS` has 21 bounds: 22 buckets). */
const BUCKETS = Array.from({ length: 22 }, (_, k) => k);
const COUNTS = [
  'reported', 'self_handled', 'registered', 'dispatched', 'accepted_on_time', 'should_accept', 'handled', 'handled_on_time', 'should_handle', 'closed',
  'closed_on_time', 'should_close', 'reworked', 'overdue', 'rated', 'missed_reports', 'whistled', 'valid_reports', 'good_ratings', 'poor_ratings',
  ...BUCKETS.map((k) => `rh${k}`), ...BUCKETS.map((k) => `hh${k}`),
];
const SUMS = ['valid_report_points', 'rating_sum', 'response_hours_sum', 'handling_hours_sum'];
/** The fact columns an assessment aggregates (`AGGREGATED_FACT_COLUMNS`), as of this migration. */
const AGGREGATED = [
  'status', 'source', 'zone_id', 'village_id', 'grid_id', 'reporter_id', 'handler_id', 'grid_worker_id', 'department_ids', 'self_handled', 'registered',
  'dispatched', 'accepted', 'handled', 'closed', 'valid_report', 'reworked', 'missed_report', 'whistled', 'accept_late_at', 'handle_late_at', 'case_late_at',
  'overdue_at', 'category_points', 'rating', 'response_hours', 'handling_hours',
].join(', ');

/**
 * Monthly rollups of finished cases (issue 6, an assessment of 1,000,000 cases in < 1 s). A closed, rejected or
 * cancelled case's facts no longer depend on the moment of judgement, and every count, sum and histogram adds
 * up, so `assessment_rollups` holds them per (month, grid): one row for the grid, one per person the grid's
 * cases count for. The projector recomputes the cells of the cases it projects in the same transaction;
 * assessments sum the rows of whole months and aggregate live only open cases (a partial index) and the
 * finished cases of the partial months at a period's edges; department figures come live through another
 * partial index.
 *
 * Backfill: every cell holding finished facts is queued in `assessment_rollup_stale`, and the projector
 * rolls them up in bounded batches after the deploy (a long aggregation inside the migration would hold the
 * deploy). Until a month's cells are all rolled up, assessments read that month live, as before: slower, never
 * wrong.
 */
export class AssessmentRollups1763900950000 implements MigrationInterface {
  name = 'AssessmentRollups1763900950000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assessment_rollups (
        month date NOT NULL,
        grid_id uuid NOT NULL,
        zone_id uuid NOT NULL,
        village_id uuid NOT NULL,
        person_id uuid,
        ${COUNTS.map((c) => `${c} integer NOT NULL DEFAULT 0`).join(',\n        ')},
        ${SUMS.map((c) => `${c} double precision NOT NULL DEFAULT 0`).join(',\n        ')},
        CONSTRAINT assessment_rollups_cell_key UNIQUE NULLS NOT DISTINCT (month, grid_id, person_id)
      )`);
    await q.query(`CREATE INDEX assessment_rollups_zone_idx ON assessment_rollups (zone_id, month)`);
    await q.query(`CREATE INDEX assessment_rollups_village_idx ON assessment_rollups (village_id, month)`);
    await q.query(`CREATE TABLE assessment_rollup_stale (month date NOT NULL, grid_id uuid NOT NULL, PRIMARY KEY (month, grid_id))`);

    // What an answer aggregates live: open cases, and the few cases a department is on. The indexes carry every
    // column the aggregation reads, so that it scans them alone (the cases lie scattered over the whole table).
    await q.query(`CREATE INDEX assessment_facts_open_idx ON assessment_facts (reported_at) INCLUDE (${AGGREGATED}) WHERE status NOT IN ('closed', 'rejected', 'cancelled')`);
    await q.query(`CREATE INDEX assessment_facts_department_cases_idx ON assessment_facts (reported_at) INCLUDE (${AGGREGATED}) WHERE department_ids <> '{}'`);
    // The projector claims the oldest marks: without an index every batch of a large catch-up sorted them all.
    await q.query(`CREATE INDEX assessment_dirty_marked_idx ON assessment_dirty (marked_at)`);

    await q.query(`
      INSERT INTO assessment_rollup_stale (month, grid_id)
      SELECT DISTINCT date_trunc('month', reported_at AT TIME ZONE 'Asia/Shanghai')::date, grid_id
      FROM assessment_facts WHERE status IN ('closed', 'rejected', 'cancelled')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX assessment_dirty_marked_idx`);
    await q.query(`DROP INDEX assessment_facts_department_cases_idx`);
    await q.query(`DROP INDEX assessment_facts_open_idx`);
    await q.query(`DROP TABLE assessment_rollup_stale`);
    await q.query(`DROP TABLE assessment_rollups`);
  }
}
