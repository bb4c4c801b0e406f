import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Duplicate candidates now come from the open cases held in memory by every instance (`CaseDuplicateFinder`), so
 * nothing reads the GiST index of open cases by category and position any more; every new case still paid for
 * writing into it.
 */
export class OpenCasesInMemory1763900990000 implements MigrationInterface {
  name = 'OpenCasesInMemory1763900990000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_open_category_point_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX cases_open_category_point_idx ON cases USING gist (category_code, point(lng, lat))
      WHERE status NOT IN ('closed', 'rejected', 'cancelled') AND merged_into IS NULL`);
  }
}
