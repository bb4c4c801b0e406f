import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The one-statement report (issue 3's intake figure): a report's idempotency claim names the case it
 * created, so a retry answers with that case instead of a stored copy of the first answer; and the
 * duplicate lookup of every report reads a narrow index of open cases by category and place.
 */
export class IntakePath1763900650000 implements MigrationInterface {
  name = 'IntakePath1763900650000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys ADD COLUMN case_id uuid REFERENCES cases(id)`);
    await q.query(`
      CREATE INDEX cases_open_category_location_idx ON cases (category_code, lat, lng)
      WHERE status NOT IN ('closed', 'rejected', 'cancelled') AND merged_into IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_open_category_location_idx`);
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN case_id`);
  }
}
