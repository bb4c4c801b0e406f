import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Duplicate candidates by nearest neighbour: a GiST index of open cases by category and position answers
 * "the nearest open cases of this category" by walking the index in distance order (K-nearest), a few rows
 * read however many cases crowd one spot; the B-tree on (category, lat, lng) it replaces read every case in
 * the search box. btree_gist (a trusted extension shipped with PostgreSQL) lets the category share the index.
 */
export class DuplicateNearest1763900970000 implements MigrationInterface {
  name = 'DuplicateNearest1763900970000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`
      CREATE INDEX cases_open_category_point_idx ON cases USING gist (category_code, point(lng, lat))
      WHERE status NOT IN ('closed', 'rejected', 'cancelled') AND merged_into IS NULL`);
    await q.query(`DROP INDEX cases_open_category_location_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX cases_open_category_location_idx ON cases (category_code, lat, lng)
      WHERE status NOT IN ('closed', 'rejected', 'cancelled') AND merged_into IS NULL`);
    await q.query(`DROP INDEX cases_open_category_point_idx`);
  }
}
