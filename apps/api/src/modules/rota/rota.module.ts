import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { CheckInService } from './check-in.service';
import { DutyHolderSource } from './duty-holders.source';
import { OnDutyController } from './on-duty.controller';
import { OnDutyService } from './on-duty.service';
import { RotaAccess } from './rota-access';
import { RotaAdminController } from './rota-admin.controller';
import { RotaAdminService } from './rota-admin.service';
import { RotaImportService } from './rota-import.service';
import { RotaIndexService } from './rota-index.service';
import { RotaStore } from './rota.store';

@Module({
  imports: [AreasModule],
  controllers: [RotaAdminController, OnDutyController],
  providers: [RotaStore, RotaAccess, DutyHolderSource, RotaIndexService, RotaAdminService, OnDutyService, CheckInService, RotaImportService],
  exports: [RotaIndexService, RotaImportService],
})
export class RotaModule {}
