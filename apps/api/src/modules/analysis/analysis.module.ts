import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { CasesModule } from '../cases/cases.module';
import { AnalysisController } from './analysis.controller';
import { GridAdjacencyStore } from './grid-adjacency.store';
import { HotspotService } from './hotspot.service';
import { MonthlyTaskService } from './monthly-task.service';
import { RecurrenceListService } from './recurrence-list.service';
import { TrendService } from './trend.service';

/** 研判: hotspots, recurrences and 每月一题 tasks (issue 20, ADR 0020). */
@Module({
  imports: [AreasModule, CasesModule],
  controllers: [AnalysisController],
  providers: [GridAdjacencyStore, HotspotService, RecurrenceListService, MonthlyTaskService, TrendService],
  exports: [HotspotService, RecurrenceListService],
})
export class AnalysisModule {}
