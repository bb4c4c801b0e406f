import { Inject, Injectable } from '@nestjs/common';
import type { ResidentNoticeKind } from '@grid/contracts';
import { maskPhoneNumbersIn, residentMessageOf, residentNoticeOf } from '@grid/domain';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { CaseEventHooks, type CaseEventHook } from '../cases/case-event-hooks';
import type { CaseEntity } from '../cases/case.entity';
import type { StoredEvent } from '../cases/case-store';
import { OutboxSender, OutboxTransports } from '../outbox/outbox-sender.service';
import { OutboxStore } from '../outbox/outbox.store';
import { UndeliverableError, type ClaimedOutboxMessage, type NewOutboxMessage, type OutboxTransport } from '../outbox/outbox.types';
import { CaseSubscriptionStore, type CaseSubscription } from './case-subscriptions.store';
import { NOTIFICATION_ADAPTERS, type NotificationAdapters } from './notification-channel';

/** The outbox channel of messages to residents. */
export const RESIDENT_CHANNEL = 'resident';

/** What a resident message carries in the outbox: enough to send it and to show it in the case's send log. */
export interface ResidentPayload {
  caseId: string;
  caseCode: string;
  notice: ResidentNoticeKind;
  link: string;
  text: string;
  templateCode: string;
  params: Record<string, string>;
}

interface CaseFactsRow {
  id: string;
  code: string;
  tracking_token: string;
  handle_due_at: Date | null;
  sensitive: boolean;
  result: string | null;
}

/**
 * Residents told (issue 18, ADR 0018): each case event a resident hears of (accepted, a question, closed) becomes one
 * outbox message per subscribed resident, written in the event's transaction (a CaseEventHook); a missed promise is
 * written by the PromiseSweeper. The outbox delivers them through the channel's adapter (an OutboxTransport),
 * retrying with back-off; a resident who stopped messages is never sent one (dropped, even when already queued).
 */
@Injectable()
export class ResidentNotifier implements CaseEventHook, OutboxTransport {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    hooks: CaseEventHooks,
    transports: OutboxTransports,
    private readonly outbox: OutboxStore,
    private readonly sender: OutboxSender,
    private readonly subscriptions: CaseSubscriptionStore,
    @Inject(NOTIFICATION_ADAPTERS) private readonly adapters: NotificationAdapters,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    hooks.register(this);
    transports.register(RESIDENT_CHANNEL, this);
  }

  async written(manager: EntityManager, row: Pick<CaseEntity, 'id' | 'source'>, events: readonly StoredEvent[]): Promise<void> {
    const notices = events.flatMap((event) => {
      const notice = residentNoticeOf(event);
      return notice ? [{ event, notice }] : [];
    });
    if (!notices.length) return;
    const recipients = await this.subscriptions.active(manager, [row.id]);
    if (!recipients.length) return;
    const facts = await this.facts(manager, row.id);
    await this.enqueue(
      manager,
      notices.flatMap(({ event, notice }) => recipients.map((to) => this.messageOf(facts, to, notice.kind, notice.kind === 'resolved' ? facts.result : notice.text, event.seq))),
    );
  }

  /** The missed-promise notice of each case (the sweeper's), to everyone subscribed to it. */
  async promiseMissed(manager: EntityManager, caseIds: readonly string[]): Promise<number> {
    if (!caseIds.length) return 0;
    const recipients = await this.subscriptions.active(manager, caseIds);
    const messages: NewOutboxMessage[] = [];
    for (const id of caseIds) {
      const facts = await this.facts(manager, id);
      for (const to of recipients.filter((r) => r.caseId === id)) messages.push(this.messageOf(facts, to, 'overdue', null, null));
    }
    await this.enqueue(manager, messages);
    return messages.length;
  }

  async send(message: ClaimedOutboxMessage): Promise<void> {
    const payload = message.payload as unknown as ResidentPayload;
    const to = await this.subscriptions.byId(this.dataSource.manager, message.destination);
    if (!to) throw new UndeliverableError('the subscription no longer exists');
    if (to.stoppedAt) throw new UndeliverableError('the resident stopped messages');
    const adapter = this.adapters[to.channel];
    try {
      await adapter.send({ messageId: message.eventId, kind: payload.notice, contact: to.contact, link: payload.link, message: { templateCode: payload.templateCode, params: payload.params, text: payload.text } });
    } catch (error) {
      // A gateway's error may quote the number it refused: the outbox's last error is shown to staff, masked.
      const text = `${adapter.name}: ${maskPhoneNumbersIn((error as Error).message)}`;
      throw error instanceof UndeliverableError ? new UndeliverableError(text) : new Error(text);
    }
  }

  private async enqueue(manager: EntityManager, messages: NewOutboxMessage[]): Promise<void> {
    if (!messages.length) return;
    await this.outbox.enqueue(manager, messages);
    // The messages are visible once the transaction commits, a moment from now; the poll is the guarantee.
    setTimeout(() => this.sender.kick(), 20).unref();
  }

  private async facts(manager: EntityManager, caseId: string): Promise<CaseFactsRow> {
    const [facts] = (await manager.query(
      `SELECT c.id, c.code, c.tracking_token, c.handle_due_at, coalesce(cat.sensitive, false) AS sensitive,
              (SELECT e.note FROM case_events e WHERE e.case_id = c.id AND e.kind IN ('completed', 'self_handled') ORDER BY e.seq DESC LIMIT 1) AS result
       FROM cases c LEFT JOIN categories cat ON cat.code = c.category_code WHERE c.id = $1`,
      [caseId],
    )) as CaseFactsRow[];
    return facts;
  }

  private messageOf(facts: CaseFactsRow, to: CaseSubscription, kind: ResidentNoticeKind, text: string | null, seq: number | null): NewOutboxMessage {
    const link = `${this.config.publicUrl}/track/${to.role === 'reporter' ? facts.tracking_token : to.token}`;
    // A sensitive case's question or result never travels in a message: the resident is asked to get in touch.
    const message = residentMessageOf(kind, { caseCode: facts.code, link, promisedAt: facts.handle_due_at?.toISOString() ?? null, text: facts.sensitive ? null : text });
    const eventId = randomUUID();
    const payload: ResidentPayload = { caseId: facts.id, caseCode: facts.code, notice: kind, link, text: message.text, templateCode: message.templateCode, params: message.params };
    return { channel: RESIDENT_CHANNEL, destination: to.id, orderKey: facts.code, eventId, kind, payload: { ...payload }, caseId: facts.id, caseEventSeq: seq };
  }
}
