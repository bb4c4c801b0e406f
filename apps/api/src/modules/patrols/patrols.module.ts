import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { PatrolCommandService } from './patrol-commands.service';
import { PatrolQueryService } from './patrol-query.service';
import { PatrolsController } from './patrols.controller';

@Module({
  imports: [AreasModule],
  controllers: [PatrolsController],
  providers: [PatrolCommandService, PatrolQueryService],
  exports: [PatrolQueryService],
})
export class PatrolsModule {}
