import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recurrence at intake (issue 20): "was a case of this category closed near here in the last N days?" walks a GiST
 * index of closed cases by category, position and closing time, a few rows read however long the history is. The
 * open cases near a report come from the duplicate index (`cases_open_category_point_idx`).
 */
export class RecurrenceIndex1763912000000 implements MigrationInterface {
  name = 'RecurrenceIndex1763912000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`
      CREATE INDEX cases_closed_category_point_idx ON cases USING gist (category_code, point(lng, lat), closed_at)
      WHERE closed_at IS NOT NULL AND merged_into IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_closed_category_point_idx`);
  }
}
