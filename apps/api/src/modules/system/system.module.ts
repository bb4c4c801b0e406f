import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SettingEntity } from './setting.entity';
import { SettingsService } from './settings.service';
import { SystemController } from './system.controller';

@Module({
  imports: [TypeOrmModule.forFeature([SettingEntity])],
  controllers: [SystemController],
  providers: [SettingsService],
  exports: [SettingsService],
})
export class SystemModule {}
