import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Patrols and their visits (issue 6): the assessment counts days on patrol, households and places
 * visited, and kilometres (到村入户频次、里程). Ids come from the phone (a patrol may start offline).
 * `points` keeps every point received ([{lat, lng, at, accuracy}] in time order); `distance_m` is measured
 * on the cleaned track and kept in step with it.
 */
export class Patrols1763900750000 implements MigrationInterface {
  name = 'Patrols1763900750000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE patrols (
        id uuid PRIMARY KEY,
        worker_id uuid NOT NULL REFERENCES users(id),
        grid_id uuid NOT NULL REFERENCES areas(id),
        area_path uuid[] NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz CHECK (ended_at IS NULL OR ended_at >= started_at),
        distance_m double precision NOT NULL DEFAULT 0 CHECK (distance_m >= 0),
        points jsonb NOT NULL DEFAULT '[]'::jsonb,
        point_count integer NOT NULL DEFAULT 0,
        visit_count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX patrols_worker_started_idx ON patrols (worker_id, started_at)`);
    await q.query(`CREATE INDEX patrols_started_idx ON patrols (started_at)`);
    await q.query(`CREATE INDEX patrols_area_path_idx ON patrols USING gin (area_path)`);
    await q.query(`
      CREATE TABLE patrol_visits (
        id uuid PRIMARY KEY,
        patrol_id uuid NOT NULL REFERENCES patrols(id) ON DELETE CASCADE,
        worker_id uuid NOT NULL REFERENCES users(id),
        grid_id uuid NOT NULL REFERENCES areas(id),
        area_path uuid[] NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('household', 'place')),
        label varchar(100) NOT NULL,
        lat double precision NOT NULL,
        lng double precision NOT NULL,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX patrol_visits_patrol_idx ON patrol_visits (patrol_id, at)`);
    await q.query(`CREATE INDEX patrol_visits_worker_at_idx ON patrol_visits (worker_id, at)`);
    await q.query(`CREATE INDEX patrol_visits_area_path_idx ON patrol_visits USING gin (area_path)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE patrol_visits`);
    await q.query(`DROP TABLE patrols`);
  }
}
