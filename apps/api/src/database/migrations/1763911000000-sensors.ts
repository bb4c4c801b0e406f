import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sensors (物联感知, issue 18, ADR 0019): the per-kind rules that route alarms, the device registry (and its checked
 * imports), and one alarm record per case a device opened — the repeats are counted on it, not written as events. A
 * partial unique index allows one open alarm per device: two instances racing to open a case for the same device
 * cannot both commit.
 */
export class Sensors1763911000000 implements MigrationInterface {
  name = 'Sensors1763911000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sensor_rules (
        kind varchar(32) PRIMARY KEY CHECK (kind ~ '^[a-z][a-z0-9_]{1,31}$'),
        name varchar(64) NOT NULL,
        name_en varchar(64) NOT NULL,
        category_code varchar(64) NOT NULL,
        department_code varchar(32) REFERENCES departments(code) ON UPDATE CASCADE,
        priority varchar(16) NOT NULL CHECK (priority IN ('normal', 'urgent', 'emergency')),
        on_recovery varchar(8) NOT NULL CHECK (on_recovery IN ('close', 'verify', 'note')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id)
      )`);
    // A starting set; admins edit it (PUT /api/admin/sensor-rules/:kind). Departments: the category's.
    await q.query(
      `INSERT INTO sensor_rules (kind, name, name_en, category_code, priority, on_recovery)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [
        ['smoke', 'water_level', 'manhole', 'gas', 'dust', 'noise', 'displacement'],
        ['烟感', '水位', '井盖', '可燃气体', '扬尘', '噪声', '地灾位移'],
        ['Smoke detector', 'Water level', 'Manhole cover', 'Combustible gas', 'Dust', 'Noise', 'Ground displacement'],
        ['safety.fire', 'emergency.flood', 'city.facility', 'safety.gas', 'ecology.dust', 'order.noise', 'safety.geohazard'],
        ['urgent', 'urgent', 'normal', 'emergency', 'normal', 'normal', 'urgent'],
        ['verify', 'verify', 'close', 'verify', 'close', 'close', 'verify'],
      ],
    );
    await q.query(`
      CREATE TABLE devices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(64) NOT NULL,
        kind varchar(32) NOT NULL REFERENCES sensor_rules(kind) ON UPDATE CASCADE,
        name varchar(128),
        address varchar(256),
        lat double precision NOT NULL,
        lng double precision NOT NULL,
        grid_id uuid NOT NULL REFERENCES areas(id),
        area_path uuid[] NOT NULL,
        department_code varchar(32) REFERENCES departments(code) ON UPDATE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      )`);
    // A retired device's code may be given to a new one.
    await q.query(`CREATE UNIQUE INDEX devices_live_code_idx ON devices (code) WHERE retired_at IS NULL`);
    await q.query(`CREATE INDEX devices_area_path_idx ON devices USING gin (area_path)`);
    await q.query(`
      CREATE TABLE device_alarms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        device_id uuid NOT NULL REFERENCES devices(id),
        case_id uuid NOT NULL UNIQUE REFERENCES cases(id),
        kind varchar(32) NOT NULL,
        alarms integer NOT NULL DEFAULT 1,
        first_at timestamptz NOT NULL,
        last_at timestamptz NOT NULL,
        last_value double precision,
        recovered_at timestamptz,
        opened_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX device_alarms_open_idx ON device_alarms (device_id) WHERE ended_at IS NULL`);
    await q.query(`CREATE INDEX device_alarms_device_idx ON device_alarms (device_id, opened_at DESC)`);
    await q.query(`
      CREATE TABLE device_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_name varchar(255) NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('valid', 'invalid', 'applied')),
        encoding varchar(16) NOT NULL,
        row_count integer NOT NULL,
        devices jsonb NOT NULL,
        problems jsonb NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        applied_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE device_imports`);
    await q.query(`DROP TABLE device_alarms`);
    await q.query(`DROP TABLE devices`);
    await q.query(`DROP TABLE sensor_rules`);
  }
}
