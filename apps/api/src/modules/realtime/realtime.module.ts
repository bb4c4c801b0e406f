import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CasePublisher } from './case-publisher';
import { PositionsController } from './positions.controller';
import { RealtimeGateway } from './realtime.gateway';
import { RedisConnection } from './redis-connection';
import { WorkerPositionService } from './worker-position.service';

@Module({
  imports: [AuthModule],
  controllers: [PositionsController],
  providers: [RealtimeGateway, WorkerPositionService, RedisConnection, CasePublisher],
  exports: [WorkerPositionService, RedisConnection, CasePublisher],
})
export class RealtimeModule {}
