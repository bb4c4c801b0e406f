import { Module } from '@nestjs/common';
import { SystemModule } from '../system/system.module';
import { CalendarController } from './calendar.controller';
import { WorkCalendarService } from './work-calendar.service';

@Module({
  imports: [SystemModule],
  controllers: [CalendarController],
  providers: [WorkCalendarService],
  exports: [WorkCalendarService],
})
export class CalendarModule {}
