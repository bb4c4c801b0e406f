import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refresh tokens (issue 8): short-lived access tokens are renewed with a refresh token that rotates on
 * every use. Only a SHA-256 of each token is stored; a family links the tokens of one sign-in, so reuse
 * of a rotated token (a stolen copy) revokes the whole family.
 */
export class RefreshTokens1763900900000 implements MigrationInterface {
  name = 'RefreshTokens1763900900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id)`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE refresh_tokens`);
  }
}
