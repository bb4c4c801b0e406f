import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { outboxBackoffMs } from '@grid/domain';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { OutboxStore } from './outbox.store';
import { UndeliverableError, type ClaimedOutboxMessage, type OutboxTransport } from './outbox.types';

/** Messages claimed and sent together, in parallel (never two of one order key: see the claim). */
export const OUTBOX_BATCH = 64;

/** The channels messages travel on; features register theirs at start. */
@Injectable()
export class OutboxTransports {
  private readonly transports = new Map<string, OutboxTransport>();

  register(channel: string, transport: OutboxTransport): void {
    this.transports.set(channel, transport);
  }

  get(channel: string): OutboxTransport | undefined {
    return this.transports.get(channel);
  }
}

/**
 * The sender on every instance (ADR 0014): claims due messages with FOR UPDATE SKIP LOCKED, sends them, marks them
 * sent or schedules their retry with exponential back-off, all in the claim's transaction. It looks every
 * OUTBOX_POLL_MS, at once when told of new messages, and goes on while batches come full.
 */
@Injectable()
export class OutboxSender implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxSender.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: OutboxStore,
    private readonly transports: OutboxTransports,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.outbox.pollMs > 0) this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** New messages were committed: look now rather than at the next poll. */
  kick(): void {
    if (this.stopped || this.config.outbox.pollMs === 0) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** Sends what is due until nothing is; answers how many messages were tried. For tests and the CLI. */
  async drain(): Promise<number> {
    let tried = 0;
    for (;;) {
      const n = await this.drainOnce();
      tried += n;
      if (n < OUTBOX_BATCH) return tried;
    }
  }

  /** One batch in one transaction: claimed, sent, and marked. */
  async drainOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const claimed = await this.store.claim(manager, OUTBOX_BATCH);
      if (!claimed.length) return 0;
      const outcomes = await Promise.all(claimed.map((m) => this.sendOne(m)));
      const { retryBaseMs, retryMaxMs } = this.config.outbox;
      await this.store.markSent(
        manager,
        claimed.filter((_, i) => outcomes[i] === null).map((m) => m.id),
      );
      await this.store.markDropped(
        manager,
        claimed.flatMap((m, i) => (outcomes[i]?.retry === false ? [{ id: m.id, error: outcomes[i].error }] : [])),
      );
      await this.store.markFailed(
        manager,
        claimed.flatMap((m, i) => (outcomes[i]?.retry ? [{ id: m.id, error: outcomes[i].error, delayMs: outboxBackoffMs(m.attempts + 1, retryBaseMs, retryMaxMs, Math.random()) }] : [])),
      );
      return claimed.length;
    });
  }

  /** Null when delivered; else the reason, and whether to try again (a message that must never go is dropped). */
  private async sendOne(message: ClaimedOutboxMessage): Promise<{ error: string; retry: boolean } | null> {
    const transport = this.transports.get(message.channel);
    if (!transport) return { error: `no transport for channel ${message.channel}`, retry: true };
    try {
      await transport.send(message);
      return null;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { error: `${(error as Error).message}${cause ? ` (${cause})` : ''}`.slice(0, 500), retry: !(error instanceof UndeliverableError) };
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.run().finally(() => {
        this.running = null;
        const next = this.again ? 0 : this.config.outbox.pollMs;
        this.again = false;
        this.schedule(next);
      });
    }, ms);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    try {
      while (!this.stopped && (await this.drainOnce()) === OUTBOX_BATCH);
    } catch (error) {
      this.logger.warn(`outbox: ${(error as Error).message}`);
    }
  }
}
