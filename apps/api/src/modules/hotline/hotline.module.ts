import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { AttachmentsModule } from '../attachments/attachments.module';
import { CasesModule } from '../cases/cases.module';
import { OutboxModule } from '../outbox/outbox.module';
import { HotlineCategoryMappings } from './category-mappings.service';
import { HotlineBridge } from './hotline-bridge.service';
import { HotlineFiguresService } from './hotline-figures.service';
import { HotlineController } from './hotline.controller';
import { IntegrationAdminController } from './integration-clients.controller';
import { IntegrationClientService } from './integration-clients.service';
import { PhotoLinks } from './photo-links';
import { SignedRequestVerifier } from './signed-request.verifier';
import { WorkOrderService } from './work-orders.service';

/** The 12345 hotline bridge (issue 18, ADR 0014): signed work orders in, the case's steps back out through the outbox. */
@Module({
  imports: [AreasModule, AttachmentsModule, CasesModule, OutboxModule],
  controllers: [HotlineController, IntegrationAdminController],
  providers: [IntegrationClientService, SignedRequestVerifier, HotlineCategoryMappings, WorkOrderService, HotlineBridge, PhotoLinks, HotlineFiguresService],
  exports: [IntegrationClientService, SignedRequestVerifier, WorkOrderService],
})
export class HotlineModule {}
