import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  adjustmentDtoSchema,
  adjustmentListQuerySchema,
  adjustmentListResponseSchema,
  appealAdjustmentSchema,
  createAdjustmentSchema,
  createPublicationSchema,
  decideAdjustmentAppealSchema,
  decideAdjustmentSchema,
  publicationDtoSchema,
  publicationListSchema,
  type AdjustmentDto,
  type AdjustmentListResponse,
  type PublicationDto,
  type PublicationSummary,
} from '@grid/contracts';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ReportThrottlerGuard } from '../auth/report-throttler.guard';
import { AssessmentAdjustmentsService } from './assessment-adjustments.service';
import { AssessmentPublicationsService } from './assessment-publications.service';

const ASSESSORS = ['assessor', 'admin'] as const;
const id = new ParseUUIDPipe();

/** Reward and penalty points (奖惩) and the public notice of results (公示): issue 23, ADR 0021. */
@ApiTags('assessment')
@ApiBearerAuth()
@Controller('assessment')
export class AssessmentAdjustmentsController {
  constructor(
    private readonly adjustments: AssessmentAdjustmentsService,
    private readonly publications: AssessmentPublicationsService,
  ) {}

  @Get('adjustments')
  @ApiOperation({ summary: 'Reward and penalty points: all for assessors, one’s own for everybody else' })
  @ApiContract({ query: adjustmentListQuerySchema, response: adjustmentListResponseSchema })
  list(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(adjustmentListQuerySchema)) query: z.output<typeof adjustmentListQuerySchema>): Promise<AdjustmentListResponse> {
    return this.adjustments.list(user, query);
  }

  @Post('adjustments')
  @Roles(...ASSESSORS)
  @UseGuards(ReportThrottlerGuard)
  @ApiOperation({ summary: 'Enter dated reward or penalty points for a person (pending a second assessor’s approval)' })
  @ApiContract({ body: createAdjustmentSchema, response: adjustmentDtoSchema, status: 201 })
  create(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(createAdjustmentSchema)) body: z.output<typeof createAdjustmentSchema>): Promise<AdjustmentDto> {
    return this.adjustments.create(user, body);
  }

  @Post('adjustments/:id/decide')
  @Roles(...ASSESSORS)
  @ApiOperation({ summary: 'Approve or reject points another assessor entered' })
  @ApiContract({ body: decideAdjustmentSchema, response: adjustmentDtoSchema, status: 201 })
  decide(@CurrentUser() user: AuthUser, @Param('id', id) adjustmentId: string, @Body(new ZodValidationPipe(decideAdjustmentSchema)) body: z.output<typeof decideAdjustmentSchema>): Promise<AdjustmentDto> {
    return this.adjustments.decide(user, adjustmentId, body);
  }

  @Post('adjustments/:id/appeal')
  @UseGuards(ReportThrottlerGuard)
  @ApiOperation({ summary: 'Appeal approved points (the person they are for), until the notice period of their results ends' })
  @ApiContract({ body: appealAdjustmentSchema, response: adjustmentDtoSchema, status: 201 })
  appeal(@CurrentUser() user: AuthUser, @Param('id', id) adjustmentId: string, @Body(new ZodValidationPipe(appealAdjustmentSchema)) body: z.output<typeof appealAdjustmentSchema>): Promise<AdjustmentDto> {
    return this.adjustments.appeal(user, adjustmentId, body);
  }

  @Post('adjustments/:id/appeal/decide')
  @Roles(...ASSESSORS)
  @ApiOperation({ summary: 'Uphold (the points no longer count) or reject an appeal against points' })
  @ApiContract({ body: decideAdjustmentAppealSchema, response: adjustmentDtoSchema, status: 201 })
  decideAppeal(
    @CurrentUser() user: AuthUser,
    @Param('id', id) adjustmentId: string,
    @Body(new ZodValidationPipe(decideAdjustmentAppealSchema)) body: z.output<typeof decideAdjustmentAppealSchema>,
  ): Promise<AdjustmentDto> {
    return this.adjustments.decideAppeal(user, adjustmentId, body);
  }

  @Get('publications')
  @ApiOperation({ summary: 'Published results (公示), newest first' })
  @ApiContract({ response: publicationListSchema })
  listPublications(): Promise<PublicationSummary[]> {
    return this.publications.list();
  }

  @Get('publications/:id')
  @ApiOperation({ summary: 'One published ranking as it was published: names, posts, grades, stars; its notice period' })
  @ApiContract({ response: publicationDtoSchema })
  publication(@Param('id', id) publicationId: string): Promise<PublicationDto> {
    return this.publications.get(publicationId);
  }

  @Post('publications')
  @Roles(...ASSESSORS)
  @ApiOperation({ summary: 'Publish a level’s results of a period for notice; the period is then closed to new points' })
  @ApiContract({ body: createPublicationSchema, response: publicationDtoSchema, status: 201 })
  publish(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(createPublicationSchema)) body: z.output<typeof createPublicationSchema>): Promise<PublicationDto> {
    return this.publications.publish(user, body);
  }
}
