import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROTA_TABLES = ['shifts', 'shift_patterns', 'leaves'];

/**
 * The duty rota (issue 17, ADR 0010): one-off shifts and weekly patterns of a grid or a department, leave with
 * a substitute, the phone's check-ins, and rota imports waiting to be applied. Every instance keeps the rota in
 * memory for intake; a change to it (or to the people) is announced on `rota_changed`.
 */
export class Rota1763901500000 implements MigrationInterface {
  name = 'Rota1763901500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE shifts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        area_id uuid REFERENCES areas(id),
        department_id uuid REFERENCES departments(id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        note varchar(200),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((area_id IS NULL) <> (department_id IS NULL)),
        CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX shifts_area_idx ON shifts (area_id, ends_at) WHERE area_id IS NOT NULL`);
    await q.query(`CREATE INDEX shifts_department_idx ON shifts (department_id, ends_at) WHERE department_id IS NOT NULL`);
    await q.query(`CREATE INDEX shifts_user_idx ON shifts (user_id, starts_at)`);
    await q.query(`CREATE INDEX shifts_ends_idx ON shifts (ends_at)`);
    await q.query(`
      CREATE TABLE shift_patterns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        area_id uuid REFERENCES areas(id),
        department_id uuid REFERENCES departments(id),
        weekdays smallint[] NOT NULL CHECK (cardinality(weekdays) BETWEEN 1 AND 7 AND weekdays <@ ARRAY[1,2,3,4,5,6,7]::smallint[]),
        start_time varchar(5) NOT NULL,
        end_time varchar(5) NOT NULL,
        valid_from date NOT NULL,
        valid_to date CHECK (valid_to IS NULL OR valid_to >= valid_from),
        skip_dates date[] NOT NULL DEFAULT '{}',
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((area_id IS NULL) <> (department_id IS NULL))
      )`);
    await q.query(`CREATE INDEX shift_patterns_area_idx ON shift_patterns (area_id)`);
    await q.query(`CREATE INDEX shift_patterns_department_idx ON shift_patterns (department_id)`);
    await q.query(`
      CREATE TABLE leaves (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        substitute_id uuid REFERENCES users(id) CHECK (substitute_id IS DISTINCT FROM user_id),
        reason varchar(200),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX leaves_user_idx ON leaves (user_id, ends_at)`);
    await q.query(`CREATE INDEX leaves_ends_idx ON leaves (ends_at)`);
    await q.query(`
      CREATE TABLE check_ins (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        area_id uuid NOT NULL REFERENCES areas(id),
        at timestamptz NOT NULL DEFAULT now(),
        local_date date NOT NULL,
        lat double precision NOT NULL,
        lng double precision NOT NULL,
        inside boolean NOT NULL,
        reason varchar(200),
        CHECK (inside OR reason IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX check_ins_user_date_idx ON check_ins (user_id, local_date)`);
    await q.query(`CREATE INDEX check_ins_date_idx ON check_ins (local_date)`);
    await q.query(`
      CREATE TABLE rota_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        file_name varchar(200) NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('valid', 'invalid', 'applied')),
        problems jsonb NOT NULL DEFAULT '[]'::jsonb,
        rows jsonb NOT NULL DEFAULT '[]'::jsonb,
        applied_at timestamptz
      )`);
    await q.query(`
      CREATE FUNCTION notify_rota_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('rota_changed', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const table of ROTA_TABLES) {
      await q.query(`CREATE TRIGGER ${table}_rota_changed AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION notify_rota_changed()`);
    }
    // The people matter only by role, area and whether active: a sign-in's bookkeeping (failed logins, token version) is no change.
    await q.query(`CREATE TRIGGER users_rota_changed AFTER INSERT OR DELETE OR UPDATE OF role, area_id, active ON users FOR EACH STATEMENT EXECUTE FUNCTION notify_rota_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...ROTA_TABLES, 'users']) await q.query(`DROP TRIGGER ${table}_rota_changed ON ${table}`);
    await q.query(`DROP FUNCTION notify_rota_changed`);
    for (const table of ['rota_imports', 'check_ins', 'leaves', 'shift_patterns', 'shifts']) await q.query(`DROP TABLE ${table}`);
  }
}
