import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { OutboxMessageDto, OutboxSummary, outboxListQuerySchema } from '@grid/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { ClaimedOutboxMessage, NewOutboxMessage } from './outbox.types';

interface ListRow {
  id: string;
  channel: string;
  destination: string;
  client_name: string | null;
  order_key: string;
  event_id: string;
  kind: string;
  state: 'pending' | 'sent' | 'dropped';
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

/**
 * Only the first unsent message of each (channel, destination, order key) may go: a later one waits while an
 * earlier one is unsent, whatever their retry times. SKIP LOCKED lets every instance claim a disjoint batch; the
 * row locks last until the sender's transaction ends, so a sender killed mid-send leaves its messages pending.
 */
const CLAIM = `
  SELECT m.id, m.channel, m.destination, m.order_key, m.event_id, m.kind, m.payload, m.attempts
  FROM outbox_messages m
  WHERE m.state = 'pending' AND m.next_attempt_at <= now()
    AND NOT EXISTS (
      SELECT 1 FROM outbox_messages e
      WHERE e.state = 'pending' AND e.channel = m.channel AND e.destination = m.destination AND e.order_key = m.order_key AND e.id < m.id)
  ORDER BY m.next_attempt_at, m.id
  LIMIT $1
  FOR UPDATE OF m SKIP LOCKED`;

/** All SQL of the outbox (ADR 0014). */
@Injectable()
export class OutboxStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes messages in the caller's transaction, in order (their ids give the order per key). */
  async enqueue(manager: EntityManager, messages: readonly NewOutboxMessage[]): Promise<void> {
    for (const m of messages) {
      await manager.query(
        `INSERT INTO outbox_messages (channel, destination, order_key, event_id, kind, payload, case_id, case_event_seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [m.channel, m.destination, m.orderKey, m.eventId, m.kind, JSON.stringify(m.payload), m.caseId ?? null, m.caseEventSeq ?? null],
      );
    }
  }

  async claim(manager: EntityManager, limit: number): Promise<ClaimedOutboxMessage[]> {
    const rows = (await manager.query(CLAIM, [limit])) as {
      id: string;
      channel: string;
      destination: string;
      order_key: string;
      event_id: string;
      kind: string;
      payload: Record<string, unknown>;
      attempts: number;
    }[];
    return rows.map((r) => ({ id: r.id, channel: r.channel, destination: r.destination, orderKey: r.order_key, eventId: r.event_id, kind: r.kind, payload: r.payload, attempts: r.attempts }));
  }

  async markSent(manager: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length) await manager.query(`UPDATE outbox_messages SET state = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::bigint[])`, [ids]);
  }

  /** Messages that must never go (a resident stopped messages): kept, with the reason, but never tried again. */
  async markDropped(manager: EntityManager, dropped: readonly { id: string; error: string }[]): Promise<void> {
    if (!dropped.length) return;
    await manager.query(
      `UPDATE outbox_messages o SET state = 'dropped', attempts = o.attempts + 1, last_error = f.error FROM unnest($1::bigint[], $2::text[]) AS f(id, error) WHERE o.id = f.id`,
      [dropped.map((d) => d.id), dropped.map((d) => d.error)],
    );
  }

  async markFailed(manager: EntityManager, failures: readonly { id: string; error: string; delayMs: number }[]): Promise<void> {
    if (!failures.length) return;
    await manager.query(
      `UPDATE outbox_messages o SET attempts = o.attempts + 1, last_error = f.error, next_attempt_at = now() + f.delay_ms * interval '1 millisecond'
       FROM unnest($1::bigint[], $2::text[], $3::int[]) AS f(id, error, delay_ms) WHERE o.id = f.id`,
      [failures.map((f) => f.id), failures.map((f) => f.error), failures.map((f) => f.delayMs)],
    );
  }

  async list(query: z.output<typeof outboxListQuerySchema>): Promise<{ items: OutboxMessageDto[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => `$${params.push(v)}`;
    if (query.state) where.push(`m.state = ${param(query.state)}`);
    if (query.clientId) where.push(`m.channel = 'integration' AND m.destination = ${param(query.clientId)}`);
    if (query.orderKey) where.push(`m.order_key = ${param(query.orderKey)}`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM outbox_messages m ${filter}`, params)) as { total: number }[];
    const rows = (await this.dataSource.query(
      `SELECT m.*, c.name AS client_name FROM outbox_messages m
       LEFT JOIN integration_clients c ON m.channel = 'integration' AND c.id::text = m.destination
       ${filter} ORDER BY m.created_at DESC, m.id DESC LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    )) as ListRow[];
    return {
      total,
      items: rows.map((r) => ({
        id: String(r.id),
        channel: r.channel,
        destination: { clientId: r.destination, clientName: r.client_name ?? r.destination },
        orderKey: r.order_key,
        eventId: r.event_id,
        kind: r.kind,
        state: r.state,
        attempts: r.attempts,
        nextAttemptAt: r.state === 'pending' ? r.next_attempt_at.toISOString() : null,
        lastError: r.last_error,
        createdAt: r.created_at.toISOString(),
        sentAt: r.sent_at?.toISOString() ?? null,
      })),
    };
  }

  async summary(): Promise<OutboxSummary> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE state = 'pending')::int AS pending, count(*) FILTER (WHERE state = 'pending' AND attempts > 0)::int AS failing,
              count(*) FILTER (WHERE state = 'sent')::int AS sent, min(created_at) FILTER (WHERE state = 'pending') AS oldest
       FROM outbox_messages`,
    )) as { pending: number; failing: number; sent: number; oldest: Date | null }[];
    return { pending: row.pending, failing: row.failing, sent: row.sent, oldestPendingAt: row.oldest?.toISOString() ?? null };
  }
}
