import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The briefing archive (issue 20): each briefing generated at the set time, once per kind, date, area (null: the
 * district) and language — the unique index is what lets several instances run the schedule without doubles.
 */
export class BriefingArchive1763912200000 implements MigrationInterface {
  name = 'BriefingArchive1763912200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE briefings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(8) NOT NULL CHECK (kind IN ('daily', 'weekly')),
        date date NOT NULL,
        area_id uuid REFERENCES areas(id),
        scope_name text NOT NULL,
        lang varchar(5) NOT NULL,
        html text NOT NULL,
        generated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX briefings_once_idx ON briefings (kind, date, coalesce(area_id, '00000000-0000-0000-0000-000000000000'::uuid), lang)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE briefings`);
  }
}
