import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Open311 GeoReport v2 (issue 7): categories' extra fields, API keys of client apps, what each request brought. */
export class Open3111763900700000 implements MigrationInterface {
  name = 'Open3111763900700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE categories ADD COLUMN extra_fields jsonb NOT NULL DEFAULT '[]'`);
    // Only a hash of each key is kept; the key itself is shown once, when the CLI issues it.
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(64) NOT NULL,
        key_hash char(64) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        last_used_at timestamptz
      )`);
    // One live key per client name; a revoked name may be issued again.
    await q.query(`CREATE UNIQUE INDEX api_keys_live_name_idx ON api_keys (name) WHERE revoked_at IS NULL`);
    await q.query(`
      CREATE TABLE open311_requests (
        case_id uuid PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
        api_key_id uuid NOT NULL REFERENCES api_keys(id),
        attributes jsonb NOT NULL DEFAULT '{}',
        media_url varchar(1024),
        email varchar(254),
        device_id varchar(128),
        account_id varchar(128),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE open311_requests`);
    await q.query(`DROP TABLE api_keys`);
    await q.query(`ALTER TABLE categories DROP COLUMN extra_fields`);
  }
}
