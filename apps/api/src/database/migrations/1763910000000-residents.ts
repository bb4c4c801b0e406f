import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Residents told and heard (issue 18, ADR 0018): result photos marked public for the tracking page; the residents
 * who get a case's notifications (its reporter, and those who follow it instead of reporting it again), each with
 * a token of their own to follow and to stop messages; the once-per-case notice of a missed promise; and the
 * outbox's messages to residents (one per event and recipient, `dropped` when the resident stopped them).
 */
export class Residents1763910000000 implements MigrationInterface {
  name = 'Residents1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE attachments ADD COLUMN public boolean NOT NULL DEFAULT false, ADD COLUMN public_marked_by uuid REFERENCES users(id), ADD COLUMN public_marked_at timestamptz`);
    await q.query(`
      CREATE TABLE case_subscribers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        role varchar(16) NOT NULL CHECK (role IN ('reporter', 'follower')),
        channel varchar(16) NOT NULL CHECK (channel IN ('sms', 'wechat')),
        contact varchar(64) NOT NULL,
        token varchar(32) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        stopped_at timestamptz,
        UNIQUE (case_id, channel, contact)
      )`);
    await q.query(`CREATE INDEX case_subscribers_case_idx ON case_subscribers (case_id)`);
    await q.query(`
      CREATE TABLE resident_case_notices (
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        kind varchar(24) NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, kind)
      )`);
    await q.query(`ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_state_check`);
    await q.query(`ALTER TABLE outbox_messages ADD CONSTRAINT outbox_messages_state_check CHECK (state IN ('pending', 'sent', 'dropped'))`);
    // One message per event and recipient: a hotline event and the residents' notices of it are several messages.
    await q.query(`ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_case_event_seq_key`);
    await q.query(`CREATE UNIQUE INDEX outbox_event_destination_idx ON outbox_messages (case_event_seq, channel, destination)`);
    await q.query(`CREATE INDEX outbox_case_idx ON outbox_messages (case_id, channel)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_case_idx`);
    await q.query(`DROP INDEX outbox_event_destination_idx`);
    await q.query(`DELETE FROM outbox_messages WHERE channel = 'resident'`);
    await q.query(`ALTER TABLE outbox_messages ADD CONSTRAINT outbox_messages_case_event_seq_key UNIQUE (case_event_seq)`);
    await q.query(`ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_state_check`);
    await q.query(`ALTER TABLE outbox_messages ADD CONSTRAINT outbox_messages_state_check CHECK (state IN ('pending', 'sent'))`);
    await q.query(`DROP TABLE resident_case_notices`);
    await q.query(`DROP TABLE case_subscribers`);
    await q.query(`ALTER TABLE attachments DROP COLUMN public, DROP COLUMN public_marked_by, DROP COLUMN public_marked_at`);
  }
}
