import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 12345 hotline bridge (issue 18, ADR 0014): integration clients and the signatures they used (replay
 * protection across instances), work orders and the hotline's category mapping, and a generic outbox of messages
 * to other systems, sent in order per order key.
 */
export class HotlineBridge1763901600000 implements MigrationInterface {
  name = 'HotlineBridge1763901600000';

  async up(q: QueryRunner): Promise<void> {
    // The secret must be read back to check HMACs: it is kept encrypted with a key derived from the server secret.
    await q.query(`
      CREATE TABLE integration_clients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(64) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('hotline', 'sensor')),
        callback_url varchar(1024),
        secret_cipher text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX integration_clients_live_name_idx ON integration_clients (name) WHERE revoked_at IS NULL`);
    // A signature seen within the timestamp window is a replay; rows older than the window are pruned.
    await q.query(`
      CREATE TABLE integration_nonces (
        client_id uuid NOT NULL REFERENCES integration_clients(id) ON DELETE CASCADE,
        signature char(64) NOT NULL,
        seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (client_id, signature)
      )`);
    await q.query(`CREATE INDEX integration_nonces_seen_idx ON integration_nonces (seen_at)`);
    await q.query(`
      CREATE TABLE work_orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id uuid NOT NULL REFERENCES integration_clients(id),
        order_no varchar(64) NOT NULL,
        state varchar(24) NOT NULL CHECK (state IN ('placed', 'awaiting_placement', 'returned')),
        case_id uuid UNIQUE REFERENCES cases(id) ON DELETE SET NULL,
        content text NOT NULL,
        address varchar(256),
        lat double precision,
        lng double precision,
        hotline_category varchar(128) NOT NULL,
        category_code varchar(64) NOT NULL,
        category_unmapped boolean NOT NULL DEFAULT false,
        priority varchar(16) NOT NULL,
        deadline timestamptz,
        notes text,
        caller_name varchar(64),
        caller_phone varchar(20),
        received_at timestamptz NOT NULL DEFAULT now(),
        placed_at timestamptz,
        placed_by uuid REFERENCES users(id),
        resolved_at timestamptz,
        return_reason text,
        return_requested_at timestamptz,
        return_requested_by uuid REFERENCES users(id),
        return_approved_by uuid REFERENCES users(id),
        UNIQUE (client_id, order_no)
      )`);
    await q.query(`CREATE INDEX work_orders_queue_idx ON work_orders (received_at) WHERE state = 'awaiting_placement' OR category_unmapped`);
    await q.query(`CREATE INDEX work_orders_received_idx ON work_orders (received_at)`);
    await q.query(`
      CREATE TABLE hotline_category_mappings (
        hotline_category varchar(128) PRIMARY KEY,
        category_code varchar(64) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id)
      )`);
    // A starting mapping of common 12345 category names; admins edit it (PUT /api/admin/hotline/category-mappings/…).
    await q.query(
      `INSERT INTO hotline_category_mappings (hotline_category, category_code) SELECT * FROM unnest($1::text[], $2::text[])`,
      [
        ['*', '政策咨询', '噪声扰民', '噪音扰民', '暴露垃圾', '垃圾清运', '道路坑洼', '道路破损', '公共设施', '占道经营', '乱停乱放', '违章搭建', '违法建设', '水电气', '消费投诉', '扬尘污染', '污水直排', '邻里纠纷', '劳资纠纷', '拖欠工资'],
        ['livelihood.enquiry', 'livelihood.enquiry', 'order.noise', 'order.noise', 'city.litter', 'city.garbage_collection', 'livelihood.road', 'livelihood.road', 'city.facility', 'street.vending', 'street.parking', 'construction.structure', 'construction.structure', 'livelihood.utilities', 'livelihood.consumer', 'ecology.dust', 'ecology.sewage', 'dispute.neighbour', 'dispute.wages', 'dispute.wages'],
      ],
    );
    // Generic: a channel (`integration`: a signed POST to a client's callback; later SMS, WeChat…) and its destination.
    await q.query(`
      CREATE TABLE outbox_messages (
        id bigserial PRIMARY KEY,
        channel varchar(32) NOT NULL DEFAULT 'integration',
        destination varchar(256) NOT NULL,
        order_key varchar(64) NOT NULL,
        event_id uuid NOT NULL UNIQUE,
        kind varchar(32) NOT NULL,
        payload jsonb NOT NULL,
        state varchar(8) NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        case_id uuid REFERENCES cases(id) ON DELETE SET NULL,
        case_event_seq bigint UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    // The sender's two questions: what is due, and is an earlier message of the same order still unsent.
    await q.query(`CREATE INDEX outbox_due_idx ON outbox_messages (next_attempt_at, id) WHERE state = 'pending'`);
    await q.query(`CREATE INDEX outbox_order_idx ON outbox_messages (channel, destination, order_key, id) WHERE state = 'pending'`);
    await q.query(`CREATE INDEX outbox_created_idx ON outbox_messages (created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox_messages`);
    await q.query(`DROP TABLE hotline_category_mappings`);
    await q.query(`DROP TABLE work_orders`);
    await q.query(`DROP TABLE integration_nonces`);
    await q.query(`DROP TABLE integration_clients`);
  }
}
