import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An absolute lifetime for a sign-in: every refresh token of a family carries the moment the sign-in ends,
 * however often it is refreshed. Sign-ins made before this migration end 90 days from now.
 */
export class SessionLifetime1763900960000 implements MigrationInterface {
  name = 'SessionLifetime1763900960000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE refresh_tokens ADD COLUMN session_ends_at timestamptz`);
    await q.query(`UPDATE refresh_tokens SET session_ends_at = now() + interval '90 days'`);
    await q.query(`ALTER TABLE refresh_tokens ALTER COLUMN session_ends_at SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE refresh_tokens DROP COLUMN session_ends_at`);
  }
}
