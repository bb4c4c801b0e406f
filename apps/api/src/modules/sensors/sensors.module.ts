import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { CasesModule } from '../cases/cases.module';
import { IntegrationsModule } from '../integrations/integrations.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { DeviceAlarmService } from './device-alarms.service';
import { DeviceImportService } from './device-import.service';
import { DeviceLive } from './device-live';
import { DeviceImportsController, DevicesAdminController } from './devices-admin.controller';
import { DeviceRegistry } from './devices.service';
import { SensorCaseHook } from './sensor-case.hook';
import { SensorRules } from './sensor-rules.service';
import { SensorsController } from './sensors.controller';

/** Sensors (物联感知, issue 18, ADR 0019): the device registry, signed alarms that open or join one case per device, the wall's layer. */
@Module({
  imports: [AreasModule, CasesModule, IntegrationsModule, RealtimeModule],
  controllers: [SensorsController, DeviceImportsController, DevicesAdminController],
  providers: [SensorRules, DeviceRegistry, DeviceImportService, DeviceAlarmService, DeviceLive, SensorCaseHook],
  exports: [DeviceImportService],
})
export class SensorsModule {}
