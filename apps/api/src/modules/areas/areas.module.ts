import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AreaEntity } from './area.entity';
import { AreaIndexService } from './area-index.service';
import { AreaOutlinesService } from './area-outlines.service';
import { AreasController } from './areas.controller';
import { AreasService } from './areas.service';
import { TerritoryWriter } from './territory-writer';

@Module({
  imports: [TypeOrmModule.forFeature([AreaEntity])],
  controllers: [AreasController],
  providers: [AreasService, TerritoryWriter, AreaIndexService, AreaOutlinesService],
  exports: [AreasService, TerritoryWriter, AreaIndexService],
})
export class AreasModule {}
