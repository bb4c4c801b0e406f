import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { AttachmentsModule } from '../attachments/attachments.module';
import { CasesModule } from '../cases/cases.module';
import { IntegrationsModule } from '../integrations/integrations.module';
import { OutboxModule } from '../outbox/outbox.module';
import { HotlineCategoryMappings } from './category-mappings.service';
import { HotlineBridge } from './hotline-bridge.service';
import { HotlineFiguresService } from './hotline-figures.service';
import { HotlineController } from './hotline.controller';
import { HotlineAdminController } from './hotline-admin.controller';
import { PhotoLinks } from './photo-links';
import { WorkOrderService } from './work-orders.service';

/** The 12345 hotline bridge (issue 18, ADR 0014): signed work orders in, the case's steps back out through the outbox. */
@Module({
  imports: [AreasModule, AttachmentsModule, CasesModule, IntegrationsModule, OutboxModule],
  controllers: [HotlineController, HotlineAdminController],
  providers: [HotlineCategoryMappings, WorkOrderService, HotlineBridge, PhotoLinks, HotlineFiguresService],
  exports: [WorkOrderService],
})
export class HotlineModule {}
