import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-ins counted per account and source address (issue 21: a lock per account let anyone lock
 * anyone out). The account-wide counters in `users` are no longer used; any lock they hold is lifted.
 */
export class LoginFailures1763901000000 implements MigrationInterface {
  name = 'LoginFailures1763901000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_failures (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        source varchar(64) NOT NULL,
        failures integer NOT NULL,
        last_failed_at timestamptz NOT NULL,
        next_attempt_at timestamptz NOT NULL,
        locked_until timestamptz,
        PRIMARY KEY (user_id, source)
      )`);
    await q.query(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE failed_logins <> 0 OR locked_until IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_failures`);
  }
}
