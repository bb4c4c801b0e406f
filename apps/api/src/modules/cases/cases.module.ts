import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { AttachmentsModule } from '../attachments/attachments.module';
import { CalendarModule } from '../calendar/calendar.module';
import { CategoriesModule } from '../categories/categories.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { RotaModule } from '../rota/rota.module';
import { CaseCommandService } from './case-commands.service';
import { CaseContextLoader } from './case-context.service';
import { CaseDuplicateFinder } from './case-duplicates';
import { CaseEventHooks } from './case-event-hooks';
import { CaseNumberAllocator } from './case-numbers';
import { ReportWriter } from './report-writer';
import { CaseLiveGateway } from './case-live.gateway';
import { CaseMapService } from './case-map.service';
import { CaseQueryService } from './case-query.service';
import { CaseRecurrenceFinder } from './case-recurrence';
import { CaseSlaService } from './case-sla.service';
import { CaseStore } from './case-store';
import { CasesController } from './cases.controller';
import { PublicCasesController } from './public-cases.controller';
import { PublicCaseService } from './public-case.service';
import { TrackingLookupController } from './tracking-lookup.controller';
import { SlaSweeper } from './sla-sweeper.service';

@Module({
  imports: [AreasModule, AttachmentsModule, CalendarModule, CategoriesModule, IdempotencyModule, RealtimeModule, RotaModule],
  controllers: [CasesController, PublicCasesController, TrackingLookupController],
  providers: [CaseLiveGateway, CaseCommandService, CaseQueryService, CaseStore, CaseContextLoader, CaseSlaService, CaseDuplicateFinder, CaseNumberAllocator, ReportWriter, SlaSweeper, CaseMapService, CaseEventHooks, PublicCaseService, CaseRecurrenceFinder],
  exports: [CaseEventHooks, CaseDuplicateFinder, CaseRecurrenceFinder, CaseCommandService, CaseQueryService, CaseStore, CaseSlaService, SlaSweeper, CaseContextLoader],
})
export class CasesModule {}
