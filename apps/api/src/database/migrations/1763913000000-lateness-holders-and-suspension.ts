import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The fact columns an assessment aggregated before this migration. */
const OLD_AGGREGATED = [
  'status', 'source', 'zone_id', 'village_id', 'grid_id', 'reporter_id', 'handler_id', 'grid_worker_id', 'department_ids', 'self_handled', 'registered',
  'dispatched', 'accepted', 'handled', 'closed', 'valid_report', 'reworked', 'missed_report', 'whistled', 'accept_late_at', 'handle_late_at', 'case_late_at',
  'overdue_at', 'category_points', 'rating', 'response_hours', 'handling_hours',
];
/**
 * The fact columns an assessment aggregates (`AGGREGATED_FACT_COLUMNS`), as of this migration: the holders and the
 * suspension start join; `closed` leaves (it is `status = 'closed'`), as an index has at most 32 columns.
 */
const AGGREGATED = [
  ...OLD_AGGREGATED.filter((c) => c !== 'closed'),
  'overdue_holder_id', 'overdue_department_id', 'handle_late_holder_id', 'handle_late_department_id', 'suspended_since',
].join(', ');

/**
 * Two rules of the assessment an independent recomputation questioned (issue 23, ADR 0021):
 *
 * - Lateness is charged to who held the case when a clock ran out, not to whoever handled it last: each fact
 *   keeps the person and the department that held the case when it went overdue and when its handling clock ran
 *   out (`overdue_holder_id`, `handle_late_holder_id`, and their departments).
 * - Suspension (挂账) has a maximum in the scheme: a fact keeps since when an open case is suspended
 *   (`suspended_since`); the rollups get the two new counts (`suspended`, `over_suspended`, always 0 for the
 *   finished cases they hold, but every sum has its column).
 *
 * The covering indexes of live facts are rebuilt with the new columns, the people index takes the holders, and
 * every case is marked for the projector, which recomputes its facts and the rollup cells they count in (in
 * background runs of 10,000 cases; answers meanwhile say how many cases are not counted yet).
 */
export class LatenessHoldersAndSuspension1763913000000 implements MigrationInterface {
  name = 'LatenessHoldersAndSuspension1763913000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE assessment_facts
        ADD COLUMN overdue_holder_id uuid, ADD COLUMN overdue_department_id uuid,
        ADD COLUMN handle_late_holder_id uuid, ADD COLUMN handle_late_department_id uuid,
        ADD COLUMN suspended_since timestamptz`);
    await q.query(`ALTER TABLE assessment_rollups ADD COLUMN suspended integer NOT NULL DEFAULT 0, ADD COLUMN over_suspended integer NOT NULL DEFAULT 0`);
    await this.indexes(q, AGGREGATED, 'ARRAY[reporter_id, handler_id, grid_worker_id, overdue_holder_id, handle_late_holder_id]');
    await q.query(`INSERT INTO assessment_dirty (case_id) SELECT case_id FROM assessment_facts ON CONFLICT DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await this.indexes(q, OLD_AGGREGATED.join(', '), 'ARRAY[reporter_id, handler_id, grid_worker_id]');
    await q.query(`ALTER TABLE assessment_rollups DROP COLUMN suspended, DROP COLUMN over_suspended`);
    await q.query(`
      ALTER TABLE assessment_facts DROP COLUMN overdue_holder_id, DROP COLUMN overdue_department_id, DROP COLUMN handle_late_holder_id,
        DROP COLUMN handle_late_department_id, DROP COLUMN suspended_since`);
    await q.query(`INSERT INTO assessment_dirty (case_id) SELECT case_id FROM assessment_facts ON CONFLICT DO NOTHING`);
  }

  private async indexes(q: QueryRunner, included: string, people: string): Promise<void> {
    await q.query(`DROP INDEX assessment_facts_open_idx`);
    await q.query(`DROP INDEX assessment_facts_department_cases_idx`);
    await q.query(`DROP INDEX assessment_facts_people_idx`);
    await q.query(`CREATE INDEX assessment_facts_open_idx ON assessment_facts (reported_at) INCLUDE (${included}) WHERE status NOT IN ('closed', 'rejected', 'cancelled')`);
    await q.query(`CREATE INDEX assessment_facts_department_cases_idx ON assessment_facts (reported_at) INCLUDE (${included}) WHERE department_ids <> '{}'`);
    await q.query(`CREATE INDEX assessment_facts_people_idx ON assessment_facts USING gin ((${people}))`);
  }
}
