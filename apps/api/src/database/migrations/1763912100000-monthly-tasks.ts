import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 每月一题 (issue 20): a themed governance task opened from a hotspot or a recurrence list, with its grids and
 * category (what its cases and its before/after measure are counted over), its lead and co-units, milestones, and
 * the cases behind it when it was opened.
 */
export class MonthlyTasks1763912100000 implements MigrationInterface {
  name = 'MonthlyTasks1763912100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE monthly_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title varchar(120) NOT NULL,
        problem text NOT NULL,
        month varchar(7) NOT NULL,
        grid_ids uuid[] NOT NULL CHECK (cardinality(grid_ids) > 0),
        category_code varchar(64) REFERENCES categories(code) ON UPDATE CASCADE,
        source jsonb NOT NULL,
        lead jsonb NOT NULL,
        co_units jsonb NOT NULL DEFAULT '[]',
        milestones jsonb NOT NULL,
        case_ids uuid[] NOT NULL DEFAULT '{}',
        opened_at timestamptz NOT NULL DEFAULT now(),
        opened_by uuid NOT NULL REFERENCES users(id)
      )`);
    await q.query(`CREATE INDEX monthly_tasks_grids_gin ON monthly_tasks USING gin (grid_ids)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE monthly_tasks`);
  }
}
