import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  PATROL_ROLES,
  PATROL_VIEWER_ROLES,
  appendTrackSchema,
  endPatrolSchema,
  patrolDetailSchema,
  patrolListQuerySchema,
  patrolListResponseSchema,
  patrolSummarySchema,
  patrolVisitDtoSchema,
  recordVisitSchema,
  startPatrolSchema,
  type PatrolDetail,
  type PatrolListResponse,
  type PatrolSummary,
  type PatrolVisitDto,
} from '@grid/contracts';
import type { Response } from 'express';
import type { z } from 'zod';
import { ApiContract } from '../../common/api-contract.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { PatrolCommandService } from './patrol-commands.service';
import { PatrolQueryService } from './patrol-query.service';

const READER_ROLES = [...new Set([...PATROL_ROLES, ...PATROL_VIEWER_ROLES])];

@ApiTags('patrols')
@ApiBearerAuth()
@Controller('patrols')
export class PatrolsController {
  constructor(
    private readonly commands: PatrolCommandService,
    private readonly queries: PatrolQueryService,
  ) {}

  @Post()
  @Roles(...PATROL_ROLES)
  @ApiOperation({ summary: 'Start a patrol (id made by the phone: starting it again answers 200 with the same patrol)' })
  @ApiContract({ body: startPatrolSchema, response: patrolSummarySchema, status: 201 })
  async start(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(startPatrolSchema)) body: z.output<typeof startPatrolSchema>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PatrolSummary> {
    const result = await this.commands.start(user, body);
    res.status(result.status);
    return result.body;
  }

  @Post(':id/points')
  @HttpCode(200)
  @Roles(...PATROL_ROLES)
  @ApiOperation({ summary: 'Append a batch of track points (merged by instant: a resent batch changes nothing); answers the patrol with its new distance' })
  @ApiContract({ body: appendTrackSchema, response: patrolSummarySchema })
  appendPoints(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodValidationPipe(appendTrackSchema)) body: z.output<typeof appendTrackSchema>,
  ): Promise<PatrolSummary> {
    return this.commands.appendPoints(user, id, body);
  }

  @Post(':id/visits')
  @Roles(...PATROL_ROLES)
  @ApiOperation({ summary: 'Record a visit to a household or a place (id made by the phone: recording it again answers 200)' })
  @ApiContract({ body: recordVisitSchema, response: patrolVisitDtoSchema, status: 201 })
  async recordVisit(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodValidationPipe(recordVisitSchema)) body: z.output<typeof recordVisitSchema>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PatrolVisitDto> {
    const result = await this.commands.recordVisit(user, id, body);
    res.status(result.status);
    return result.body;
  }

  @Post(':id/end')
  @HttpCode(200)
  @Roles(...PATROL_ROLES)
  @ApiOperation({ summary: 'End the patrol (ending it again at the same time changes nothing)' })
  @ApiContract({ body: endPatrolSchema, response: patrolSummarySchema })
  end(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodValidationPipe(endPatrolSchema)) body: z.output<typeof endPatrolSchema>,
  ): Promise<PatrolSummary> {
    return this.commands.end(user, id, body);
  }

  @Get()
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: 'Patrols: a worker’s own; a leader’s, those in their area; newest first' })
  @ApiContract({ query: patrolListQuerySchema, response: patrolListResponseSchema })
  list(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(patrolListQuerySchema)) query: z.output<typeof patrolListQuerySchema>): Promise<PatrolListResponse> {
    return this.queries.list(user, query);
  }

  @Get(':id')
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: 'One patrol with its cleaned track and its visits' })
  @ApiContract({ response: patrolDetailSchema })
  get(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<PatrolDetail> {
    return this.queries.get(user, id);
  }
}
