import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A report writes its case's assessment facts in the statement that writes the case (issue 3: intake). The facts
 * row records the last event it reflects (`through_seq`), and the trigger marks a case dirty only for events its
 * facts do not reflect yet, so a new report is no longer read back by the projector. Every later event still
 * marks its case, as before; facts written by the projector leave `through_seq` at its own reading.
 */
export class FactsAtIntake1763900980000 implements MigrationInterface {
  name = 'FactsAtIntake1763900980000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assessment_facts ADD COLUMN through_seq bigint`);
    await q.query(`
      CREATE OR REPLACE FUNCTION assessment_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO assessment_dirty (case_id)
        SELECT DISTINCT e.case_id FROM new_events e
        WHERE NOT EXISTS (SELECT 1 FROM assessment_facts f WHERE f.case_id = e.case_id AND f.through_seq >= e.seq)
        ON CONFLICT (case_id) DO UPDATE SET marked_at = EXCLUDED.marked_at;
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION assessment_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO assessment_dirty (case_id) SELECT DISTINCT case_id FROM new_events
        ON CONFLICT (case_id) DO UPDATE SET marked_at = EXCLUDED.marked_at;
        RETURN NULL;
      END $$`);
    await q.query(`ALTER TABLE assessment_facts DROP COLUMN through_seq`);
  }
}
