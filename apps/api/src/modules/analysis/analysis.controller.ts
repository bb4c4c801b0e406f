import { Body, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ANALYSIS_ROLES,
  createMonthlyTaskSchema,
  hotspotQuerySchema,
  hotspotResponseSchema,
  milestoneDoneSchema,
  MONTHLY_TASK_OPENERS,
  monthlyTaskListSchema,
  monthlyTaskSchema,
  recurrenceListSchema,
  recurrenceQuerySchema,
  trendQuerySchema,
  trendResponseSchema,
  type TrendResponse,
  type HotspotResponse,
  type MonthlyTask,
  type MonthlyTaskList,
  type RecurrenceList,
} from '@grid/contracts';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { HotspotService } from './hotspot.service';
import { MonthlyTaskService } from './monthly-task.service';
import { RecurrenceListService } from './recurrence-list.service';
import { TrendService } from './trend.service';

@ApiTags('analysis')
@ApiBearerAuth()
@Controller('analysis')
@Roles(...ANALYSIS_ROLES)
export class AnalysisController {
  constructor(
    private readonly hotspotService: HotspotService,
    private readonly recurrenceService: RecurrenceListService,
    private readonly monthlyTasks: MonthlyTaskService,
    private readonly trendService: TrendService,
  ) {}

  @Get('trends')
  @ApiOperation({ summary: 'Weekly counts up to yesterday with the same weeks last year, a four-week seasonal forecast with its band, and the categories rising beyond theirs' })
  @ApiContract({ query: trendQuerySchema, response: trendResponseSchema })
  trends(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(trendQuerySchema)) query: z.output<typeof trendQuerySchema>): Promise<TrendResponse> {
    return this.trendService.trends(user, query);
  }

  @Get('hotspots')
  @ApiOperation({ summary: 'Hotspots of a period (Getis–Ord Gi* over the grids, Benjamini–Hochberg), per category and area, with each grid’s statistics' })
  @ApiContract({ query: hotspotQuerySchema, response: hotspotResponseSchema })
  hotspots(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(hotspotQuerySchema)) query: z.output<typeof hotspotQuerySchema>): Promise<HotspotResponse> {
    return this.hotspotService.hotspots(user, query);
  }

  @Get('recurrences')
  @ApiOperation({ summary: 'Reports of the period at a place where a case of their category had been closed shortly before, with the unit that closed it' })
  @ApiContract({ query: recurrenceQuerySchema, response: recurrenceListSchema })
  recurrences(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(recurrenceQuerySchema)) query: z.output<typeof recurrenceQuerySchema>): Promise<RecurrenceList> {
    return this.recurrenceService.list(user, query);
  }

  @Post('monthly-tasks')
  @Roles(...MONTHLY_TASK_OPENERS)
  @ApiOperation({ summary: '每月一题: open a themed governance task from a hotspot or a recurrence list (grids in the caller’s scope)' })
  @ApiContract({ body: createMonthlyTaskSchema, response: monthlyTaskSchema, status: 201 })
  openMonthlyTask(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(createMonthlyTaskSchema)) body: z.output<typeof createMonthlyTaskSchema>): Promise<MonthlyTask> {
    return this.monthlyTasks.open(user, body);
  }

  @Get('monthly-tasks')
  @ApiOperation({ summary: '每月一题 tasks touching the caller’s area, newest first, each with its before/after measure' })
  @ApiContract({ response: monthlyTaskListSchema })
  listMonthlyTasks(@CurrentUser() user: AuthUser): Promise<MonthlyTaskList> {
    return this.monthlyTasks.list(user);
  }

  @Get('monthly-tasks/:id')
  @ApiOperation({ summary: 'One 每月一题 task with the cases behind it and its before/after measure' })
  @ApiContract({ response: monthlyTaskSchema })
  monthlyTask(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<MonthlyTask> {
    return this.monthlyTasks.get(user, id);
  }

  @Post('monthly-tasks/:id/milestones/:index')
  @ApiOperation({ summary: 'Mark a milestone of a 每月一题 task done (or not)' })
  @ApiContract({ body: milestoneDoneSchema, response: monthlyTaskSchema, status: 201 })
  milestone(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('index', new ParseIntPipe()) index: number,
    @Body(new ZodValidationPipe(milestoneDoneSchema)) body: z.output<typeof milestoneDoneSchema>,
  ): Promise<MonthlyTask> {
    return this.monthlyTasks.milestone(user, id, index, body.done);
  }
}
