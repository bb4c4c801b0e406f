import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The last known position of each field worker, for the command-centre map after a reload (issue 4). */
export class WorkerPositions1763900200000 implements MigrationInterface {
  name = 'WorkerPositions1763900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE worker_positions (
        user_id uuid PRIMARY KEY REFERENCES users(id),
        lat double precision NOT NULL,
        lng double precision NOT NULL,
        accuracy double precision,
        at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE worker_positions`);
  }
}
