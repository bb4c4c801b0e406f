import { Inject, Injectable } from '@nestjs/common';
import type { HotlineStatusEvent } from '@grid/contracts';
import { hotlineStatusOf } from '@grid/domain';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { CaseEventHooks, type CaseEventHook } from '../cases/case-event-hooks';
import type { CaseEntity } from '../cases/case.entity';
import type { StoredEvent } from '../cases/case-store';
import { OutboxSender, OutboxTransports } from '../outbox/outbox-sender.service';
import { OutboxStore } from '../outbox/outbox.store';
import type { ClaimedOutboxMessage, OutboxTransport } from '../outbox/outbox.types';
import { signedHeaders } from '@grid/integration-kit';
import { IntegrationClientService } from '../integrations/integration-clients.service';
import { PhotoLinks } from './photo-links';

/** The channel of signed POSTs to an integration client's callback URL. */
export const INTEGRATION_CHANNEL = 'integration';

/**
 * The way back to the hotline: each step of a hotline case it must hear of becomes an outbox message in the
 * transaction of the case event (a CaseEventHook), and the outbox delivers it as a signed POST to the client's
 * callback (an OutboxTransport); the receiver deduplicates by `eventId`.
 */
@Injectable()
export class HotlineBridge implements CaseEventHook, OutboxTransport {
  constructor(
    hooks: CaseEventHooks,
    transports: OutboxTransports,
    private readonly outbox: OutboxStore,
    private readonly sender: OutboxSender,
    private readonly clients: IntegrationClientService,
    private readonly photos: PhotoLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    hooks.register(this);
    transports.register(INTEGRATION_CHANNEL, this);
  }

  async written(manager: EntityManager, row: Pick<CaseEntity, 'id' | 'source'>, events: readonly StoredEvent[]): Promise<void> {
    if (row.source !== 'hotline') return;
    // Reopened by the resident: not resolved after all, for the 三率 too (the hotline's vocabulary has no such step to send).
    if (events.some((e) => e.kind === 'reopened')) await manager.query(`UPDATE work_orders SET resolved_at = NULL WHERE case_id = $1`, [row.id]);
    const steps = events.flatMap((event) => {
      const status = hotlineStatusOf(event);
      return status ? [{ event, status }] : [];
    });
    if (!steps.length) return;
    const [order] = (await manager.query(`SELECT client_id, order_no FROM work_orders WHERE case_id = $1 FOR NO KEY UPDATE`, [row.id])) as { client_id: string; order_no: string }[];
    if (!order) return;
    await this.outbox.enqueue(
      manager,
      steps.map(({ event, status }) => {
        const eventId = randomUUID();
        const payload: HotlineStatusEvent = {
          eventId,
          orderNo: order.order_no,
          kind: status.kind,
          at: status.at,
          ...(status.text ? { text: status.text } : {}),
          ...(status.photoIds ? { photos: status.photoIds.map((id) => this.photos.url(id)) } : {}),
          ...(status.score !== undefined ? { score: status.score } : {}),
          ...(status.hours !== undefined ? { hours: status.hours } : {}),
        };
        return { channel: INTEGRATION_CHANNEL, destination: order.client_id, orderKey: order.order_no, eventId, kind: status.kind, payload: { ...payload }, caseId: row.id, caseEventSeq: event.seq };
      }),
    );
    const resolved = steps.find((s) => s.status.kind === 'resolved');
    if (resolved) await manager.query(`UPDATE work_orders SET resolved_at = coalesce(resolved_at, $2) WHERE case_id = $1`, [row.id, resolved.status.at]);
    const returned = steps.find((s) => s.status.kind === 'returned');
    if (returned) await manager.query(`UPDATE work_orders SET state = 'returned', return_approved_by = $2 WHERE case_id = $1`, [row.id, returned.event.actorId]);
    // The messages are visible once the action commits, a moment from now; the poll is the guarantee.
    setTimeout(() => this.sender.kick(), 20).unref();
  }

  async send(message: ClaimedOutboxMessage): Promise<void> {
    const client = await this.clients.live(message.destination);
    if (!client) throw new Error('the client is revoked or unknown');
    if (!client.callbackUrl) throw new Error('the client has no callback URL');
    const body = JSON.stringify(message.payload);
    const response = await fetch(client.callbackUrl, { method: 'POST', headers: signedHeaders(client.id, client.secret, body), body, signal: AbortSignal.timeout(this.config.outbox.timeoutMs) });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  }
}
