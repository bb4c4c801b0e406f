import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the SLA sweeper must next look at a case: the earliest moment one of its running clocks turns
 * yellow or red without its event written yet. Computed with the projection; null when nothing is pending.
 */
export class SlaSweep1763900400000 implements MigrationInterface {
  name = 'SlaSweep1763900400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN next_sla_check_at timestamptz`);
    await q.query(`CREATE INDEX cases_next_sla_check_idx ON cases (next_sla_check_at) WHERE next_sla_check_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases DROP COLUMN next_sla_check_at`);
  }
}
