import { Global, Module } from '@nestjs/common';
import { RedisConnection } from './redis-connection';
import { RedisThrottlerStorage } from './redis-throttler-storage';

/** The instance's Redis connections (when REDIS_URL is set): the live channel between instances, shared rate limits. */
@Global()
@Module({
  providers: [RedisConnection, RedisThrottlerStorage],
  exports: [RedisConnection, RedisThrottlerStorage],
})
export class RedisModule {}
