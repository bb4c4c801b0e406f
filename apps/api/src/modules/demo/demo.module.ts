import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { CasesModule } from '../cases/cases.module';
import { CategoriesModule } from '../categories/categories.module';
import { Open311Module } from '../open311/open311.module';
import { PeopleModule } from '../people/people.module';
import { RotaModule } from '../rota/rota.module';
import { SystemModule } from '../system/system.module';
import { TerritoryModule } from '../territory/territory.module';
import { UsersModule } from '../users/users.module';
import { DemoHistoryWriter } from './demo-history.writer';
import { DemoLoader } from './demo-loader.service';

@Module({
  imports: [AreasModule, UsersModule, SystemModule, CasesModule, Open311Module, TerritoryModule, PeopleModule, RotaModule, CategoriesModule],
  providers: [DemoLoader, DemoHistoryWriter],
  exports: [DemoLoader],
})
export class DemoModule {}
