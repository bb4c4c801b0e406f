import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { RealtimeGateway } from './realtime.gateway';
import { WorkerPositionService } from './worker-position.service';

@Module({
  imports: [AuthModule],
  providers: [RealtimeGateway, WorkerPositionService],
  exports: [WorkerPositionService],
})
export class RealtimeModule {}
