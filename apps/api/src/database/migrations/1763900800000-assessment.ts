import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The assessment's projection (issue 6). Every insert into `case_events` marks its cases dirty (one
 * statement-level trigger, so a report writing several events costs one extra statement); the projector
 * recomputes one `assessment_facts` row per dirty case from its whole timeline with the domain's
 * `caseFacts`, and assessments aggregate the facts. Appeals and configuration versions live beside them.
 */
export class Assessment1763900800000 implements MigrationInterface {
  name = 'Assessment1763900800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE assessment_dirty (case_id uuid PRIMARY KEY, marked_at timestamptz NOT NULL DEFAULT now())`);
    // DO UPDATE (not DO NOTHING): an event committed while the projector deletes the mark waits for it and marks again.
    await q.query(`
      CREATE FUNCTION assessment_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO assessment_dirty (case_id) SELECT DISTINCT case_id FROM new_events
        ON CONFLICT (case_id) DO UPDATE SET marked_at = EXCLUDED.marked_at;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER case_events_assessment_dirty AFTER INSERT ON case_events REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION assessment_mark_dirty()`);
    await q.query(`INSERT INTO assessment_dirty (case_id) SELECT id FROM cases ON CONFLICT DO NOTHING`);

    await q.query(`
      CREATE TABLE assessment_facts (
        case_id uuid PRIMARY KEY REFERENCES cases(id),
        reported_at timestamptz NOT NULL,
        category_code varchar(64) NOT NULL,
        category_points double precision NOT NULL,
        priority varchar(16) NOT NULL,
        source varchar(16) NOT NULL,
        status varchar(16) NOT NULL,
        zone_id uuid NOT NULL,
        village_id uuid NOT NULL,
        grid_id uuid NOT NULL,
        reporter_id uuid,
        handler_id uuid,
        grid_worker_id uuid,
        department_ids uuid[] NOT NULL DEFAULT '{}',
        self_handled boolean NOT NULL,
        registered boolean NOT NULL,
        dispatched boolean NOT NULL,
        accepted boolean NOT NULL,
        handled boolean NOT NULL,
        closed boolean NOT NULL,
        valid_report boolean NOT NULL,
        reworked boolean NOT NULL,
        missed_report boolean NOT NULL,
        whistled boolean NOT NULL,
        accept_late_at timestamptz,
        handle_late_at timestamptz,
        case_late_at timestamptz,
        overdue_at timestamptz,
        accepted_at timestamptz,
        handled_at timestamptz,
        closed_at timestamptz,
        reworked_at timestamptz,
        response_hours double precision,
        handling_hours double precision,
        rating smallint,
        waived varchar(16)[] NOT NULL DEFAULT '{}',
        computed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX assessment_facts_reported_idx ON assessment_facts (reported_at)`);
    await q.query(`CREATE INDEX assessment_facts_zone_idx ON assessment_facts (zone_id, reported_at)`);
    await q.query(`CREATE INDEX assessment_facts_village_idx ON assessment_facts (village_id, reported_at)`);
    await q.query(`CREATE INDEX assessment_facts_grid_idx ON assessment_facts (grid_id, reported_at)`);
    await q.query(`CREATE INDEX assessment_facts_people_idx ON assessment_facts USING gin ((ARRAY[reporter_id, handler_id, grid_worker_id]))`);
    await q.query(`CREATE INDEX assessment_facts_departments_idx ON assessment_facts USING gin (department_ids)`);

    // A summoned department's part of a case (吹哨报到), with the case's areas for grouping without a join.
    await q.query(`
      CREATE TABLE assessment_department_facts (
        case_id uuid NOT NULL REFERENCES cases(id),
        department_id uuid NOT NULL,
        reported_at timestamptz NOT NULL,
        zone_id uuid NOT NULL,
        village_id uuid NOT NULL,
        grid_id uuid NOT NULL,
        reported_in boolean NOT NULL,
        report_in_late_at timestamptz,
        rating smallint,
        PRIMARY KEY (case_id, department_id)
      )`);
    await q.query(`CREATE INDEX assessment_department_facts_idx ON assessment_department_facts (reported_at)`);

    await q.query(`
      CREATE TABLE assessment_config_versions (
        version integer PRIMARY KEY,
        config jsonb NOT NULL,
        note varchar(500) NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE assessment_appeals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        kind varchar(16) NOT NULL CHECK (kind IN ('overdue', 'rework', 'missed_report')),
        appellant_id uuid NOT NULL REFERENCES users(id),
        department_id uuid REFERENCES departments(id),
        reason text NOT NULL,
        evidence text NOT NULL DEFAULT '',
        attachment_ids uuid[] NOT NULL DEFAULT '{}',
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'upheld', 'rejected')),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        decision_note text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One open or upheld appeal per attribution; a rejected one may be followed by a new one with new evidence.
    await q.query(`CREATE UNIQUE INDEX assessment_appeals_open_idx ON assessment_appeals (case_id, kind) WHERE status <> 'rejected'`);
    await q.query(`CREATE INDEX assessment_appeals_status_idx ON assessment_appeals (status, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE assessment_appeals`);
    await q.query(`DROP TABLE assessment_config_versions`);
    await q.query(`DROP TABLE assessment_department_facts`);
    await q.query(`DROP TABLE assessment_facts`);
    await q.query(`DROP TRIGGER case_events_assessment_dirty ON case_events`);
    await q.query(`DROP FUNCTION assessment_mark_dirty`);
    await q.query(`DROP TABLE assessment_dirty`);
  }
}
