import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Lockout after repeated failed logins, and an audit log of logins and admin actions (issue 8). */
export class Security1763900600000 implements MigrationInterface {
  name = 'Security1763900600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN failed_logins integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE users ADD COLUMN locked_until timestamptz`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        username varchar(64),
        action varchar(48) NOT NULL,
        ip varchar(64),
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at DESC)`);
    await q.query(`CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`ALTER TABLE users DROP COLUMN locked_until`);
    await q.query(`ALTER TABLE users DROP COLUMN failed_logins`);
  }
}
