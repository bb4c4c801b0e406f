import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { CasesModule } from '../cases/cases.module';
import { ApiKeyService } from './api-keys.service';
import { Open311Controller } from './open311.controller';
import { Open311Service } from './open311.service';
import { Open311ThrottlerGuard } from './open311-throttler.guard';

/** Open311 GeoReport v2 under /open311/v2 (outside the /api prefix), and the API keys of its clients. */
@Module({
  imports: [AreasModule, CasesModule],
  controllers: [Open311Controller],
  providers: [Open311Service, ApiKeyService, Open311ThrottlerGuard],
  exports: [ApiKeyService],
})
export class Open311Module {}
