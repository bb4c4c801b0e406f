import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  followCaseResponseSchema,
  followCaseSchema,
  nearbyCasesQuerySchema,
  nearbyCasesSchema,
  notificationLogSchema,
  stopNotificationsResponseSchema,
  type FollowCaseResponse,
  type NearbyCases,
  type NotificationLog,
  type StopNotificationsResponse,
} from '@grid/contracts';
import type { z } from 'zod';
import { ApiContract } from '../../common/api-contract.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Public } from '../auth/auth.decorators';
import { PublicThrottlerGuard } from '../auth/public-throttler.guard';
import { ResidentWriteThrottlerGuard } from '../auth/resident-write-throttler.guard';
import { checkedToken } from '../cases/public-cases.controller';
import { ResidentsService } from './residents.service';

/** Residents told and heard without an account (README "Residents told and heard", ADR 0018). */
@ApiTags('public')
@Controller('public')
export class PublicResidentsController {
  constructor(private readonly residents: ResidentsService) {}

  @Public()
  @Get('nearby-cases')
  @UseGuards(PublicThrottlerGuard)
  @ApiOperation({ summary: 'Open cases of a category near a point (already reported?), before a resident reports' })
  @ApiContract({ query: nearbyCasesQuerySchema, response: nearbyCasesSchema })
  nearby(@Query(new ZodValidationPipe(nearbyCasesQuerySchema)) query: z.output<typeof nearbyCasesQuerySchema>): Promise<NearbyCases> {
    return this.residents.nearby(query);
  }

  @Public()
  @Post('follows')
  @UseGuards(ResidentWriteThrottlerGuard)
  @ApiOperation({ summary: 'Follow an open case instead of reporting it again: the phone (or WeChat openid) gets its notifications' })
  @ApiContract({ body: followCaseSchema, response: followCaseResponseSchema, status: 201 })
  follow(@Body(new ZodValidationPipe(followCaseSchema)) body: z.output<typeof followCaseSchema>): Promise<FollowCaseResponse> {
    return this.residents.follow(body);
  }

  @Public()
  @Post('cases/:token/stop-notifications')
  @HttpCode(200)
  @UseGuards(ResidentWriteThrottlerGuard)
  @ApiOperation({ summary: 'Stop messages about this case to the holder of the token (the reporter or a follower)' })
  @ApiContract({ response: stopNotificationsResponseSchema })
  stop(@Param('token') token: string): Promise<StopNotificationsResponse> {
    return this.residents.stop(checkedToken(token));
  }
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseNotificationsController {
  constructor(private readonly residents: ResidentsService) {}

  @Get(':id/notifications')
  @ApiOperation({ summary: 'The send log of the messages to the case’s residents (contacts masked)' })
  @ApiContract({ response: notificationLogSchema })
  log(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<NotificationLog> {
    return this.residents.log(user, id);
  }
}
