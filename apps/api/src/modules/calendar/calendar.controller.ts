import { Body, Controller, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  workCalendarDtoSchema,
  workingHoursSchema,
  yearScheduleSchema,
  type WorkCalendarDto,
  type WorkingHoursDto,
  type YearScheduleDto,
} from '@grid/contracts';
import { ApiContract } from '../../common/api-contract.decorator';
import { invalid } from '../../common/app-error';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { WorkCalendarService } from './work-calendar.service';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: WorkCalendarService) {}

  @Get()
  @ApiOperation({ summary: 'The working calendar of the SLA clocks: workdays, hours, holidays and make-up workdays per year, and how far this year and the next can be trusted' })
  @ApiContract({ response: workCalendarDtoSchema })
  get(): WorkCalendarDto {
    return this.calendar.view();
  }

  @Put('years/:year')
  @Roles('admin')
  @ApiOperation({ summary: 'Put in one year’s schedule (e.g. the State Council’s published one); open cases’ due times follow at once' })
  @ApiContract({ body: yearScheduleSchema, response: workCalendarDtoSchema })
  putYear(@CurrentUser() user: AuthUser, @Param('year', ParseIntPipe) year: number, @Body(new ZodValidationPipe(yearScheduleSchema)) body: YearScheduleDto): Promise<WorkCalendarDto> {
    if (body.year !== year) throw invalid(`the body is the schedule of ${body.year}, not ${year}`, { year: `must be ${year}` });
    return this.calendar.putYear(user, body);
  }

  @Put('hours')
  @Roles('admin')
  @ApiOperation({ summary: 'Set the workdays and working hours; open cases’ due times follow at once' })
  @ApiContract({ body: workingHoursSchema, response: workCalendarDtoSchema })
  putHours(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(workingHoursSchema)) body: WorkingHoursDto): Promise<WorkCalendarDto> {
    return this.calendar.putHours(user, body);
  }
}
