import { Logger, OnModuleInit } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayConnection, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { REALTIME_NAMESPACE } from '@grid/contracts';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Metrics } from '../metrics/metrics.service';
import { CasePublisher } from '../realtime/case-publisher';
import type { RealtimeNamespace, RealtimeSocket } from '../realtime/realtime.types';
import { RedisConnection } from '../redis/redis-connection';
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

/**
 * After a Redis outage each instance resends to its own sockets what was recorded since the outage
 * began (less this margin, for an outage noticed late), once the other instances are surely back too
 * (node-redis retries at most every 5 s).
 */
const RESYNC_MARGIN_MS = 30_000;
const RESYNC_DELAY_MS = 6_000;

type Replayed = { seq: string; case_id: string; kind: StoredEvent['kind']; from_status: string | null; to_status: string; actor_id: string | null; at: Date; note: string | null; data: unknown };

const ackSchema = z.object({ seq: z.number().int().positive() });

/** The case side of the live channel: replay of missed events at connection, and delivery receipts. */
@WebSocketGateway({ namespace: REALTIME_NAMESPACE })
export class CaseLiveGateway implements OnGatewayConnection, OnModuleInit {
  private readonly logger = new Logger(CaseLiveGateway.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly publisher: CasePublisher,
    private readonly commands: CaseCommandService,
    private readonly redis: RedisConnection,
    private readonly metrics: Metrics,
  ) {}

  @WebSocketServer()
  server!: RealtimeNamespace;

  onModuleInit(): void {
    this.redis.onRecovered((downSince) => {
      const timer = setTimeout(() => void this.resync(new Date(downSince.getTime() - RESYNC_MARGIN_MS)), RESYNC_DELAY_MS);
      timer.unref();
    });
  }

  async handleConnection(socket: RealtimeSocket): Promise<void> {
    const user = socket.data.user;
    const since: unknown = socket.handshake.auth?.['since'];
    if (!user || typeof since !== 'number' || !Number.isInteger(since) || since < 0) return;
    const replayed = await this.replay(socket, { sinceSeq: since });
    if (replayed) socket.emit('replay.done', { lastSeq: replayed.length ? replayed[replayed.length - 1] : since, replayed: replayed.length });
  }

  /**
   * Pushes that could not cross to this instance while Redis was away: every socket here gets again what
   * was recorded in its scope since then (clients deduplicate by seq, so a repeat is harmless).
   */
  async resync(recordedSince: Date): Promise<void> {
    const sockets = [...(this.server?.sockets.values() ?? [])];
    let events = 0;
    for (const socket of sockets) events += (await this.replay(socket, { recordedSince }))?.length ?? 0;
    this.logger.log(`after the Redis outage, resent ${events} events to ${sockets.length} sockets`);
  }

  /** Sends the socket's missed events in its scope, in order; answers their seqs (null when it failed). */
  private async replay(socket: RealtimeSocket, from: { sinceSeq: number } | { recordedSince: Date }): Promise<number[] | null> {
    const user = socket.data.user;
    try {
      const scope = eventScopeCondition(user);
      const p = scope.params.length + 1;
      const window = 'sinceSeq' in from ? `(e.seq > $${p} OR (e.recorded_at > now() - interval '${LATE_COMMIT_WINDOW}'))` : `e.recorded_at >= $${p}`;
      const rows = (await this.dataSource.query(
        `SELECT e.seq, e.case_id, e.kind, e.from_status, e.to_status, e.actor_id, e.at, e.note, e.data
         FROM case_events e
         WHERE ${window} AND ${scope.sql}
         ORDER BY e.seq LIMIT ${REPLAY_LIMIT}`,
        [...scope.params, 'sinceSeq' in from ? from.sinceSeq : from.recordedSince],
      )) as Replayed[];
      const caseIds = [...new Set(rows.map((r) => r.case_id))];
      const cases = caseIds.length ? await this.dataSource.getRepository(CaseEntity).createQueryBuilder('c').where('c.id IN (:...caseIds)', { caseIds }).getMany() : [];
      const byId = new Map(cases.map((c) => [c.id, toCaseSummary(c)]));
      for (const r of rows) {
        const event = { seq: Number(r.seq), caseId: r.case_id, kind: r.kind, fromStatus: r.from_status, toStatus: r.to_status, actorId: r.actor_id, at: r.at.toISOString(), data: r.data } as StoredEvent;
        const summary = byId.get(r.case_id);
        if (summary) this.publisher.emitTo(socket, event, summary, user.id);
      }
      return rows.map((r) => Number(r.seq));
    } catch (error) {
      this.logger.warn(`replay for ${user.username} failed: ${(error as Error).message}`);
      return null;
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
