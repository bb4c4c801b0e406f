import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cases and their append-only timeline (issue 3). The `cases` row is a projection of its events: the
 * queryable columns are denormalised from `state`, the domain's full projection.
 */
export class Cases1763900300000 implements MigrationInterface {
  name = 'Cases1763900300000';

  async up(q: QueryRunner): Promise<void> {
    // Routing and SLA rules of the responsibility list that DESIGN leaves to data (null: the domain's default).
    await q.query(`ALTER TABLE categories ADD COLUMN kind varchar(16) CHECK (kind IN ('event', 'component'))`);
    await q.query(`ALTER TABLE categories ADD COLUMN auto_register boolean`);
    await q.query(`ALTER TABLE categories ADD COLUMN auto_dispatch boolean`);
    await q.query(`ALTER TABLE categories ADD COLUMN auto_escalate_on_overdue boolean`);

    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL UNIQUE,
        tracking_token varchar(32) NOT NULL UNIQUE,
        source varchar(16) NOT NULL,
        category_code varchar(64) NOT NULL REFERENCES categories(code) ON UPDATE CASCADE,
        priority varchar(16) NOT NULL CHECK (priority IN ('normal', 'urgent', 'emergency')),
        description text NOT NULL DEFAULT '',
        lat double precision NOT NULL,
        lng double precision NOT NULL,
        address varchar(256),
        grid_id uuid NOT NULL REFERENCES areas(id),
        area_path uuid[] NOT NULL,
        status varchar(16) NOT NULL,
        handling_area_id uuid REFERENCES areas(id),
        handling_department_id uuid REFERENCES departments(id),
        assignee_id uuid REFERENCES users(id),
        reporter_id uuid REFERENCES users(id),
        reporter_name varchar(64),
        reporter_phone varchar(20),
        department_ids uuid[] NOT NULL DEFAULT '{}',
        accept_due_at timestamptz,
        handle_due_at timestamptz,
        sla_state varchar(16) NOT NULL DEFAULT 'on_time' CHECK (sla_state IN ('on_time', 'warning', 'overdue')),
        suspended boolean NOT NULL DEFAULT false,
        merged_into uuid REFERENCES cases(id),
        state jsonb NOT NULL,
        last_seq bigint NOT NULL DEFAULT 0,
        reported_at timestamptz NOT NULL,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX cases_area_path_gin ON cases USING gin (area_path)`);
    await q.query(`CREATE INDEX cases_department_ids_gin ON cases USING gin (department_ids)`);
    await q.query(`CREATE INDEX cases_status_idx ON cases (status, reported_at DESC)`);
    await q.query(`CREATE INDEX cases_assignee_idx ON cases (assignee_id) WHERE assignee_id IS NOT NULL`);
    await q.query(`CREATE INDEX cases_category_idx ON cases (category_code, reported_at DESC)`);
    await q.query(`CREATE INDEX cases_location_idx ON cases (lat, lng)`);
    await q.query(`CREATE INDEX cases_open_due_idx ON cases (handle_due_at) WHERE status NOT IN ('closed', 'rejected', 'cancelled')`);

    await q.query(`
      CREATE TABLE case_events (
        seq bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        kind varchar(32) NOT NULL,
        from_status varchar(16),
        to_status varchar(16),
        actor_id uuid REFERENCES users(id),
        at timestamptz NOT NULL,
        note text,
        data jsonb NOT NULL DEFAULT '{}',
        area_path uuid[] NOT NULL,
        department_ids uuid[] NOT NULL DEFAULT '{}',
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_events_case_idx ON case_events (case_id, seq)`);
    await q.query(`CREATE INDEX case_events_kind_at_idx ON case_events (kind, at)`);
    // The timeline is append-only: history is corrected by new events, never by editing old ones.
    await q.query(`
      CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_events is append-only';
      END $$`);
    await q.query(`CREATE TRIGGER case_events_no_update BEFORE UPDATE OR DELETE ON case_events FOR EACH ROW EXECUTE FUNCTION case_events_append_only()`);

    // Race-free daily case numbers: one row per (prefix, day), incremented inside the reporting transaction.
    await q.query(`
      CREATE TABLE case_code_counters (
        prefix varchar(8) NOT NULL,
        day date NOT NULL,
        last integer NOT NULL,
        PRIMARY KEY (prefix, day)
      )`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL,
        key varchar(128) NOT NULL,
        request_hash varchar(64) NOT NULL,
        status integer NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);

    await q.query(`
      CREATE TABLE attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Null until the upload is referenced by a report or an action (the phone uploads first).
        case_id uuid REFERENCES cases(id),
        purpose varchar(16) NOT NULL CHECK (purpose IN ('report', 'progress', 'result', 'verification')),
        mime varchar(64) NOT NULL,
        size integer NOT NULL,
        storage_key varchar(256) NOT NULL,
        thumbnail_key varchar(256),
        lat double precision,
        lng double precision,
        taken_at timestamptz,
        distance_from_case_m double precision,
        far_from_case boolean NOT NULL DEFAULT false,
        uploaded_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX attachments_case_idx ON attachments (case_id)`);

    // Residents follow their case by token; a merged duplicate's reporter is told when the main case closes.
    await q.query(`CREATE INDEX cases_merged_into_idx ON cases (merged_into) WHERE merged_into IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attachments`);
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE case_code_counters`);
    await q.query(`DROP TABLE case_events`);
    await q.query(`DROP FUNCTION case_events_append_only`);
    await q.query(`DROP TABLE cases`);
    for (const column of ['kind', 'auto_register', 'auto_dispatch', 'auto_escalate_on_overdue']) await q.query(`ALTER TABLE categories DROP COLUMN ${column}`);
  }
}
