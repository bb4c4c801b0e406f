import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { TerritoryRerouter } from './territory-rerouter';
import { TerritoryController, AdminTerritoryController } from './territory.controller';
import { TerritoryEditsService } from './territory-edits.service';
import { TerritoryImportsService } from './territory-imports.service';
import { TerritoryVersionsService } from './territory-versions.service';

/** Territory imports and versions (ADR 0008); the areas module keeps the current tree and its index. */
@Module({
  imports: [AreasModule, RealtimeModule],
  controllers: [AdminTerritoryController, TerritoryController],
  providers: [TerritoryImportsService, TerritoryEditsService, TerritoryVersionsService, TerritoryRerouter],
  exports: [TerritoryImportsService],
})
export class TerritoryModule {}
