import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { CasePublisher } from './case-publisher';
import { PositionsController } from './positions.controller';
import { RealtimeGateway } from './realtime.gateway';
import { WorkerPositionService } from './worker-position.service';

@Module({
  imports: [AuthModule, UsersModule],
  controllers: [PositionsController],
  providers: [RealtimeGateway, WorkerPositionService, CasePublisher],
  exports: [WorkerPositionService, CasePublisher, RealtimeGateway],
})
export class RealtimeModule {}
