import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The command-centre map reads every open case in scope (GET /api/cases/map). Open cases are a small
 * part of a territory's history: a partial index finds them without reading closed ones. Only the grid
 * id is indexed (it never changes), so the index adds little to each case update.
 */
export class CaseMap1763900850000 implements MigrationInterface {
  name = 'CaseMap1763900850000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX cases_open_grid_idx ON cases (grid_id) WHERE status NOT IN ('closed', 'rejected', 'cancelled')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_open_grid_idx`);
  }
}
