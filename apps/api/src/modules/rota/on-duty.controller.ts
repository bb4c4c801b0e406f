import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { checkInDtoSchema, checkInSchema, dutyBoardRowSchema, myDutyResponseSchema, onDutyQuerySchema, onDutyResponseSchema, type CheckInDto, type CheckInRequest, type DutyBoardRow, type MyDutyResponse, type OnDutyResponse } from '@grid/contracts';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { CheckInService } from './check-in.service';
import { OnDutyService } from './on-duty.service';

const boardQuerySchema = z.object({ areaId: z.uuid().optional() });

/** Who is on duty (any signed-in caller, within their scope), and the phone's check-in. */
@ApiTags('rota')
@ApiBearerAuth()
@Controller()
export class OnDutyController {
  constructor(
    private readonly onDuty: OnDutyService,
    private readonly checkIns: CheckInService,
  ) {}

  @Get('areas/:id/on-duty')
  @ApiOperation({ summary: 'Who is on duty in a grid at an instant (default now), and whom a new case would go to and why ({users, assigneeId, rule})' })
  @ApiContract({ query: onDutyQuerySchema, response: onDutyResponseSchema })
  @ApiQuery({ name: 'at', required: false, description: 'ISO instant' })
  forGrid(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string, @Query(new ZodValidationPipe(onDutyQuerySchema)) query: z.output<typeof onDutyQuerySchema>): Promise<OnDutyResponse> {
    return this.onDuty.forGrid(user, id, query.at);
  }

  @Get('departments/:id/on-duty')
  @ApiOperation({ summary: 'Whom a case of the department would go to at an instant (default now) and why, from its rota ({users, assigneeId, rule, rota}; rota false: the department as a whole)' })
  @ApiQuery({ name: 'at', required: false, description: 'ISO instant' })
  forDepartment(@Param('id', new ParseUUIDPipe()) id: string, @Query(new ZodValidationPipe(onDutyQuerySchema)) query: z.output<typeof onDutyQuerySchema>): Promise<OnDutyResponse> {
    return this.onDuty.forDepartment(id, query.at);
  }

  @Get('rota/board')
  @ApiOperation({ summary: 'Each grid under an area (default: the caller’s) with who is on duty now and whether they checked in (the desk and the wall)' })
  @ApiContract({ query: boardQuerySchema, response: z.array(dutyBoardRowSchema) })
  @ApiQuery({ name: 'areaId', required: false, format: 'uuid' })
  board(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(boardQuerySchema)) query: z.output<typeof boardQuerySchema>): Promise<DutyBoardRow[]> {
    return this.onDuty.board(user, query.areaId);
  }

  @Post('shifts/check-in')
  @ApiOperation({ summary: 'Check in at the start of a shift: inside the grid of the shift, or with a reason (409 without a shift now)' })
  @ApiContract({ body: checkInSchema, response: checkInDtoSchema, status: 201 })
  checkIn(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(checkInSchema)) body: CheckInRequest): Promise<CheckInDto> {
    return this.checkIns.checkIn(user, body);
  }

  @Get('shifts/mine')
  @ApiOperation({ summary: 'The caller’s duty now (or starting within 30 minutes) and today’s check-in' })
  @ApiContract({ response: myDutyResponseSchema })
  mine(@CurrentUser() user: AuthUser): Promise<MyDutyResponse> {
    return this.checkIns.mine(user);
  }
}
