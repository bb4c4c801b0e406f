import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { RealtimeGateway } from './realtime.gateway';
import { RedisConnection } from './redis-connection';
import { WorkerPositionService } from './worker-position.service';

@Module({
  imports: [AuthModule],
  providers: [RealtimeGateway, WorkerPositionService, RedisConnection],
  exports: [WorkerPositionService, RedisConnection],
})
export class RealtimeModule {}
