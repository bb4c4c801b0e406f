import { Module } from '@nestjs/common';
import { AnalysisModule } from '../analysis/analysis.module';
import { BriefingService } from './briefing.service';
import { BriefingsController } from './briefings.controller';

/** 每日简报 (issue 20): the daily briefing of the caller's area, as a printable page. */
@Module({
  imports: [AnalysisModule],
  controllers: [BriefingsController],
  providers: [BriefingService],
})
export class BriefingsModule {}
