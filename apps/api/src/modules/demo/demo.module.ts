import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';

import { UsersModule } from '../users/users.module';
import { SystemModule } from '../system/system.module';
import { CasesModule } from '../cases/cases.module';
import { Open311Module } from '../open311/open311.module';
import { DemoHistoryWriter } from './demo-history.writer';
import { DemoLoader } from './demo-loader.service';

@Module({
  imports: [AreasModule, UsersModule, SystemModule, CasesModule, Open311Module],
  providers: [DemoLoader, DemoHistoryWriter],
  exports: [DemoLoader],
})
export class DemoModule {}
