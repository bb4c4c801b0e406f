import { Module } from '@nestjs/common';
import { AnalysisModule } from '../analysis/analysis.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { BriefingArchiveService } from './briefing-archive.service';
import { BriefingService } from './briefing.service';
import { BriefingsController } from './briefings.controller';

/** 每日简报 / 周报 (issue 20): briefings of the caller's area as printable pages, on demand and at a set time (archived, pushed). */
@Module({
  imports: [AnalysisModule, RealtimeModule],
  controllers: [BriefingsController],
  providers: [BriefingService, BriefingArchiveService],
})
export class BriefingsModule {}
