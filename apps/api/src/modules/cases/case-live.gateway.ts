import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayConnection, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { REALTIME_NAMESPACE } from '@grid/contracts';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Metrics } from '../metrics/metrics.service';
import { CasePublisher } from '../realtime/case-publisher';
import type { RealtimeSocket } from '../realtime/realtime.types';
import { CaseEntity } from './case.entity';
import { CaseCommandService } from './case-commands.service';
import { toCaseSummary } from './case-projection';
import { eventScopeCondition } from './case-scope';
import type { StoredEvent } from './case-store';

/** Events replayed per connection at most; a client further behind reloads its lists instead. */
const REPLAY_LIMIT = 2_000;
/**
 * `seq` comes from a sequence, so a transaction that started earlier can commit a smaller seq after a
 * larger one was pushed. Replay therefore also resends what was recorded in the last two minutes at or
 * below `since`; clients deduplicate by seq, so a repeat is harmless and nothing falls in the gap.
 */
const LATE_COMMIT_WINDOW = '2 minutes';

const ackSchema = z.object({ seq: z.number().int().positive() });

/** The case side of the live channel: replay of missed events at connection, and delivery receipts. */
@WebSocketGateway({ namespace: REALTIME_NAMESPACE })
export class CaseLiveGateway implements OnGatewayConnection {
  private readonly logger = new Logger(CaseLiveGateway.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly publisher: CasePublisher,
    private readonly commands: CaseCommandService,
    private readonly metrics: Metrics,
  ) {}

  async handleConnection(socket: RealtimeSocket): Promise<void> {
    const user = socket.data.user;
    const since: unknown = socket.handshake.auth?.['since'];
    if (!user || typeof since !== 'number' || !Number.isInteger(since) || since < 0) return;
    try {
      const scope = eventScopeCondition(user);
      const rows = (await this.dataSource.query(
        `SELECT e.seq, e.case_id, e.kind, e.from_status, e.to_status, e.actor_id, e.at, e.note, e.data
         FROM case_events e
         WHERE (e.seq > $${scope.params.length + 1} OR (e.recorded_at > now() - interval '${LATE_COMMIT_WINDOW}'))
           AND ${scope.sql}
         ORDER BY e.seq LIMIT ${REPLAY_LIMIT}`,
        [...scope.params, since],
      )) as { seq: string; case_id: string; kind: StoredEvent['kind']; from_status: string | null; to_status: string; actor_id: string | null; at: Date; note: string | null; data: unknown }[];
      const caseIds = [...new Set(rows.map((r) => r.case_id))];
      const cases = caseIds.length ? await this.dataSource.getRepository(CaseEntity).createQueryBuilder('c').where('c.id IN (:...caseIds)', { caseIds }).getMany() : [];
      const byId = new Map(cases.map((c) => [c.id, toCaseSummary(c)]));
      for (const r of rows) {
        const event = { seq: Number(r.seq), caseId: r.case_id, kind: r.kind, fromStatus: r.from_status, toStatus: r.to_status, actorId: r.actor_id, at: r.at.toISOString(), data: r.data } as StoredEvent;
        const summary = byId.get(r.case_id);
        if (summary) this.publisher.emitTo(socket, event, summary, user.id);
      }
      socket.emit('replay.done', { lastSeq: rows.length ? Number(rows[rows.length - 1].seq) : since, replayed: rows.length });
    } catch (error) {
      this.logger.warn(`replay for ${user.username} failed: ${(error as Error).message}`);
    }
  }

  /** The phone got a `case.assigned`: record the delivery (once per dispatch) on the case's timeline. */
  @SubscribeMessage('case.ack')
  async onAck(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() body: unknown): Promise<{ ok: boolean }> {
    const ack = ackSchema.safeParse(body);
    if (!ack.success) return { ok: false };
    const user = socket.data.user;
    const [dispatch] = (await this.dataSource.query(`SELECT case_id, at FROM case_events WHERE seq = $1 AND kind = 'dispatched' AND data->>'assigneeId' = $2`, [ack.data.seq, user.id])) as { case_id: string; at: Date }[];
    if (!dispatch) return { ok: false };
    // The push latency the dispatcher sees on the timeline: from the dispatch to the phone's receipt.
    const latencyMs = Math.max(0, Date.now() - dispatch.at.getTime());
    try {
      const result = await this.commands.act(user, dispatch.case_id, 'acknowledge', { note: `delivered to the phone ${latencyMs} ms after dispatch` }, { key: `ack-${ack.data.seq}`, method: 'WS', path: 'case.ack' });
      if (!result.replayed) this.metrics.pushDelivery.observe(latencyMs / 1000);
      return { ok: true };
    } catch (error) {
      // Already acknowledged, or the case moved on (accepted before the receipt arrived): nothing to record.
      this.logger.debug(`ack ${ack.data.seq}: ${(error as Error).message}`);
      return { ok: false };
    }
  }
}
