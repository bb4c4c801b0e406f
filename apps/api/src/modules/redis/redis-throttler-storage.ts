import { Injectable, Logger } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import { RedisConnection } from './redis-connection';

/** What a hit answers (the package does not export the record's type from its entry point). */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Counts a hit and answers [hits, ms until the window ends, blocked 0/1, ms until the block ends]. A fixed
 * window per key; the first hit over the limit blocks the key for `blockDuration`.
 */
const HIT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local window = redis.call('PTTL', KEYS[1])
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then return {hits, window, 1, blocked} end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {hits, window, 1, tonumber(ARGV[3])}
end
return {hits, window, 0, 0}`;

/**
 * Rate limits (logins, reports, Open311 keys) counted across every instance when REDIS_URL is set, so that
 * N instances do not allow N times the limit. Without Redis, or while it is unreachable, each instance
 * counts on its own (the in-memory store of @nestjs/throttler): a limit loosened for a while, never an
 * outage of the API.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly local = new ThrottlerStorageService();
  private warned = false;

  constructor(private readonly redis: RedisConnection) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const client = this.redis.pub;
    if (client?.isReady) {
      try {
        const name = `throttle:${throttlerName}:${key}`;
        const [hits, windowMs, blocked, blockMs] = (await client.eval(HIT, { keys: [name, `${name}:blocked`], arguments: [String(ttl), String(limit), String(blockDuration)] })) as number[];
        this.warned = false;
        return { totalHits: hits, timeToExpire: Math.ceil(windowMs / 1000), isBlocked: blocked === 1, timeToBlockExpire: Math.ceil(blockMs / 1000) };
      } catch (error) {
        if (!this.warned) this.logger.warn(`rate limits counted per instance while Redis does not answer: ${(error as Error).message}`);
        this.warned = true;
      }
    }
    return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
  }
}
