import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reward and penalty points (奖惩) and the public notice (公示) of results (issue 23, ADR 0021).
 *
 * `assessment_adjustments`: dated points for a person, entered by an assessor with reason, evidence and
 * category, approved or rejected by another assessor (a CHECK keeps the two apart), appealable once approved.
 * `assessment_publications`: a level's ranking of a period as published, frozen (`rows`), with the last day of
 * its notice period; points dated inside a published period are refused.
 */
export class AdjustmentsAndPublications1763913100000 implements MigrationInterface {
  name = 'AdjustmentsAndPublications1763913100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assessment_adjustments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        date date NOT NULL,
        points numeric(7, 2) NOT NULL CHECK (points <> 0),
        category varchar(24) NOT NULL CHECK (category IN ('commendation', 'complaint_upheld', 'safety_incident', 'discipline', 'other')),
        reason text NOT NULL,
        evidence text NOT NULL DEFAULT '',
        attachment_ids uuid[] NOT NULL DEFAULT '{}',
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        entered_by uuid NOT NULL REFERENCES users(id),
        entered_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        decision_note text,
        appeal_status varchar(16) CHECK (appeal_status IN ('pending', 'upheld', 'rejected')),
        appeal_reason text,
        appeal_evidence text,
        appeal_attachment_ids uuid[],
        appealed_at timestamptz,
        appeal_decided_by uuid REFERENCES users(id),
        appeal_decided_at timestamptz,
        appeal_note text,
        CONSTRAINT assessment_adjustments_four_eyes CHECK (decided_by IS NULL OR decided_by <> entered_by)
      )`);
    await q.query(`CREATE INDEX assessment_adjustments_user_idx ON assessment_adjustments (user_id, date)`);
    // The ranking sums the counting points of a period per person.
    await q.query(`CREATE INDEX assessment_adjustments_counting_idx ON assessment_adjustments (date) INCLUDE (user_id, points) WHERE status = 'approved' AND appeal_status IS DISTINCT FROM 'upheld'`);
    await q.query(`CREATE INDEX assessment_adjustments_status_idx ON assessment_adjustments (status, entered_at)`);

    await q.query(`
      CREATE TABLE assessment_publications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        level varchar(16) NOT NULL,
        "from" date NOT NULL,
        "to" date NOT NULL CHECK ("to" >= "from"),
        config_version integer NOT NULL,
        rows jsonb NOT NULL,
        published_by uuid NOT NULL REFERENCES users(id),
        published_at timestamptz NOT NULL DEFAULT now(),
        notice_until date NOT NULL
      )`);
    await q.query(`CREATE INDEX assessment_publications_period_idx ON assessment_publications ("from", "to")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE assessment_publications`);
    await q.query(`DROP TABLE assessment_adjustments`);
  }
}
