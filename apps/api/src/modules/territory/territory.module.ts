import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { TerritoryController, AdminTerritoryController } from './territory.controller';
import { TerritoryImportsService } from './territory-imports.service';
import { TerritoryVersionsService } from './territory-versions.service';

/** Territory imports and versions (ADR 0008); the areas module keeps the current tree and its index. */
@Module({
  imports: [AreasModule],
  controllers: [AdminTerritoryController, TerritoryController],
  providers: [TerritoryImportsService, TerritoryVersionsService],
  exports: [TerritoryImportsService],
})
export class TerritoryModule {}
