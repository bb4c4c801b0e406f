import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Territory, reference data and accounts (issue 2). */
export class Foundation1763900000000 implements MigrationInterface {
  name = 'Foundation1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE areas (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL UNIQUE,
        name varchar(128) NOT NULL,
        level varchar(16) NOT NULL CHECK (level IN ('district', 'zone', 'village', 'grid')),
        parent_id uuid REFERENCES areas(id) ON DELETE RESTRICT,
        path uuid[] NOT NULL DEFAULT '{}',
        boundary jsonb,
        centroid_lat double precision NOT NULL,
        centroid_lng double precision NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX areas_parent_idx ON areas (parent_id)`);
    await q.query(`CREATE INDEX areas_level_idx ON areas (level)`);
    await q.query(`CREATE INDEX areas_path_gin ON areas USING gin (path)`);

    await q.query(`
      CREATE TABLE departments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL UNIQUE,
        name varchar(128) NOT NULL,
        name_en varchar(128) NOT NULL
      )`);

    await q.query(`
      CREATE TABLE categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(64) NOT NULL UNIQUE,
        parent_code varchar(64) REFERENCES categories(code) ON UPDATE CASCADE,
        name varchar(128) NOT NULL,
        name_en varchar(128) NOT NULL,
        handling_level varchar(16) NOT NULL CHECK (handling_level IN ('district', 'zone', 'village', 'grid', 'department')),
        department_code varchar(32) REFERENCES departments(code) ON UPDATE CASCADE,
        clock varchar(16) NOT NULL CHECK (clock IN ('working', 'calendar')),
        time_limits jsonb NOT NULL,
        requires_verification boolean NOT NULL DEFAULT true,
        points integer NOT NULL DEFAULT 0,
        sensitive boolean NOT NULL DEFAULT false,
        sort_order integer NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true
      )`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(64) NOT NULL UNIQUE,
        password_hash varchar(255) NOT NULL,
        display_name varchar(64) NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('grid_worker', 'grid_leader', 'village_cadre', 'zone_leader',
          'dept_staff', 'dept_head', 'operator', 'assessor', 'admin')),
        area_id uuid REFERENCES areas(id) ON DELETE RESTRICT,
        department_id uuid REFERENCES departments(id) ON DELETE RESTRICT,
        phone varchar(20),
        active boolean NOT NULL DEFAULT true,
        token_version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (area_id IS NOT NULL OR department_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX users_area_idx ON users (area_id)`);
    await q.query(`CREATE INDEX users_department_idx ON users (department_id)`);

    await q.query(`
      CREATE TABLE settings (
        key varchar(64) PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE settings`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE categories`);
    await q.query(`DROP TABLE departments`);
    await q.query(`DROP TABLE areas`);
  }
}
