import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AreaEntity } from './area.entity';
import { AreasController } from './areas.controller';
import { AreasService } from './areas.service';
import { TerritoryWriter } from './territory-writer';

@Module({
  imports: [TypeOrmModule.forFeature([AreaEntity])],
  controllers: [AreasController],
  providers: [AreasService, TerritoryWriter],
  exports: [AreasService, TerritoryWriter],
})
export class AreasModule {}
