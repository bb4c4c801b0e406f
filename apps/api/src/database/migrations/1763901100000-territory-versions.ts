import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Territory versions (ADR 0008): `areas` keeps the current tree that routing, outlines and scope read
 * (areas gone from the territory stay, retired, because old cases point at them); every version keeps a
 * snapshot of its areas; imports wait in `territory_imports` with their problems until applied; a case
 * records the version it was routed under (a column default, so the intake path needs no change).
 */
export class TerritoryVersions1763901100000 implements MigrationInterface {
  name = 'TerritoryVersions1763901100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE areas
        ADD COLUMN retired_at timestamptz,
        ADD COLUMN population integer,
        ADD COLUMN households integer,
        ADD COLUMN staff_quota integer`);
    await q.query(`
      CREATE TABLE territory_versions (
        version integer PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES users(id),
        created_by_name varchar(64),
        source varchar(256) NOT NULL,
        area_count integer NOT NULL,
        summary jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`
      CREATE TABLE territory_version_areas (
        version integer NOT NULL REFERENCES territory_versions(version),
        area_id uuid NOT NULL REFERENCES areas(id),
        code varchar(32) NOT NULL,
        name varchar(128) NOT NULL,
        level varchar(16) NOT NULL,
        parent_id uuid,
        boundary jsonb,
        population integer,
        households integer,
        staff_quota integer,
        PRIMARY KEY (version, area_id)
      )`);
    await q.query(`
      CREATE TABLE territory_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_name varchar(256) NOT NULL,
        status varchar(16) NOT NULL,
        declared_crs varchar(8) NOT NULL,
        features jsonb NOT NULL,
        mapping jsonb NOT NULL,
        problems jsonb NOT NULL,
        summary jsonb NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        applied_version integer REFERENCES territory_versions(version),
        applied_at timestamptz
      )`);
    await q.query(`CREATE FUNCTION current_territory_version() RETURNS integer LANGUAGE sql STABLE AS $$ SELECT max(version) FROM territory_versions $$`);
    await q.query(`ALTER TABLE cases ADD COLUMN territory_version integer`);
    // An existing territory becomes version 1, and the cases routed so far were routed under it.
    await q.query(`
      INSERT INTO territory_versions (version, source, area_count)
      SELECT 1, 'territory before versioning', count(*) FROM areas HAVING count(*) > 0`);
    await q.query(`
      INSERT INTO territory_version_areas (version, area_id, code, name, level, parent_id, boundary)
      SELECT 1, id, code, name, level, parent_id, boundary FROM areas WHERE EXISTS (SELECT 1 FROM territory_versions)`);
    await q.query(`UPDATE cases SET territory_version = 1 WHERE EXISTS (SELECT 1 FROM territory_versions)`);
    await q.query(`ALTER TABLE cases ALTER COLUMN territory_version SET DEFAULT current_territory_version()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases DROP COLUMN territory_version`);
    await q.query(`DROP FUNCTION current_territory_version`);
    await q.query(`DROP TABLE territory_imports`);
    await q.query(`DROP TABLE territory_version_areas`);
    await q.query(`DROP TABLE territory_versions`);
    await q.query(`ALTER TABLE areas DROP COLUMN retired_at, DROP COLUMN population, DROP COLUMN households, DROP COLUMN staff_quota`);
  }
}
