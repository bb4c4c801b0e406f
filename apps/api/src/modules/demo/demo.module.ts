import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';

import { UsersModule } from '../users/users.module';
import { SystemModule } from '../system/system.module';
import { DemoLoader } from './demo-loader.service';

@Module({
  imports: [AreasModule, UsersModule, SystemModule],
  providers: [DemoLoader],
  exports: [DemoLoader],
})
export class DemoModule {}
