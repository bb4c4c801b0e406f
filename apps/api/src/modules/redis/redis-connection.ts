import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createClient } from 'redis';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

type RedisClient = ReturnType<typeof createClient>;

/**
 * The pair of Redis connections the socket.io adapter needs (publish, subscribe), when REDIS_URL is set.
 * They reconnect by themselves; while Redis is away each instance keeps serving its own sockets and
 * /api/health reports the live channel as degraded.
 */
@Injectable()
export class RedisConnection implements OnModuleDestroy {
  private readonly logger = new Logger(RedisConnection.name);
  readonly pub: RedisClient | null;
  readonly sub: RedisClient | null;
  /** Since when Redis has been unreachable (null while it is up): pushes between instances were dropped. */
  private downSince: Date | null = null;
  private readonly recoveryListeners: ((downSince: Date) => void)[] = [];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (!config.redisUrl) {
      this.pub = this.sub = null;
      return;
    }
    this.pub = createClient({
      url: config.redisUrl,
      // Publishing into a dead connection must fail fast, not pile up in memory until Redis returns.
      disableOfflineQueue: true,
      socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000), connectTimeout: 3_000 },
    });
    // The subscriber keeps its queue: node-redis replays subscriptions when the connection returns.
    this.sub = this.pub.duplicate({ disableOfflineQueue: false });
    for (const [name, client] of [['publisher', this.pub], ['subscriber', this.sub]] as const) {
      client.on('error', (error: Error) => {
        this.downSince ??= new Date();
        this.logger.warn(`redis ${name}: ${error.message}`);
      });
      client.on('ready', () => {
        this.logger.log(`redis ${name} ready`);
        this.recovered();
      });
    }
  }

  /** Calls `listener` each time Redis is reachable again after an outage, with when the outage began. */
  onRecovered(listener: (downSince: Date) => void): void {
    this.recoveryListeners.push(listener);
  }

  private recovered(): void {
    const since = this.downSince;
    if (!since || !this.ready) return;
    this.downSince = null;
    this.logger.log(`redis reachable again after ${Date.now() - since.getTime()} ms`);
    for (const listener of this.recoveryListeners) listener(since);
  }

  get enabled(): boolean {
    return this.pub !== null;
  }

  /**
   * The two clients as socket.io's adapter should see them: the adapter fires commands without awaiting
   * them, so a command refused while Redis is away (or cut off at shutdown) is logged here and dropped
   * instead of becoming an unhandled rejection.
   */
  adapterClients(): { pub: RedisClient; sub: RedisClient } | null {
    if (!this.pub || !this.sub) return null;
    return { pub: this.quiet(this.pub, 'publisher'), sub: this.quiet(this.sub, 'subscriber') };
  }

  private quiet(client: RedisClient, name: string): RedisClient {
    let warned = false;
    const onRefused = (error: Error) => {
      if (!warned) this.logger.warn(`redis ${name}: command dropped while Redis is away (${error.message})`);
      warned = true;
      return undefined;
    };
    return new Proxy(client, {
      get: (target, prop) => {
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const result: unknown = value.apply(target, args);
          return result instanceof Promise ? result.catch(onRefused) : result;
        };
      },
    });
  }

  /** Tells the other instances on `channel`; dropped, as the live channel's pushes are, while Redis is away. */
  publish(channel: string, message: string): void {
    this.adapterClients()?.pub.publish(channel, message);
  }

  /** Hears what the instances publish on `channel` (this one included); node-redis renews the subscription after an outage. */
  subscribe(channel: string, listener: (message: string) => void): void {
    this.adapterClients()?.sub.subscribe(channel, listener);
  }

  get ready(): boolean {
    return Boolean(this.pub?.isReady && this.sub?.isReady);
  }

  /** Starts connecting; resolves when both connections are up or after `waitMs`, whichever is first. */
  async connect(waitMs = 3_000): Promise<boolean> {
    if (!this.pub || !this.sub) return false;
    const both = Promise.all([this.pub.connect(), this.sub.connect()]).then(() => true);
    both.catch(() => undefined);
    return Promise.race([both, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), waitMs).unref())]);
  }

  async onModuleDestroy(): Promise<void> {
    for (const client of [this.pub, this.sub]) {
      if (client?.isReady) await client.quit().catch(() => client.destroy());
      else if (client?.isOpen) client.destroy();
    }
  }
}
