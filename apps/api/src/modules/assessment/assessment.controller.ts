import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  appealDtoSchema,
  appealListQuerySchema,
  appealListResponseSchema,
  assessmentConfigVersionSchema,
  assessmentDrillQuerySchema,
  assessmentDrillResponseSchema,
  assessmentExportQuerySchema,
  assessmentLedgerQuerySchema,
  assessmentLedgerSchema,
  assessmentQuerySchema,
  assessmentResponseSchema,
  createAppealSchema,
  createConfigVersionSchema,
  decideAppealSchema,
  type AppealDto,
  type AppealListResponse,
  type AssessmentConfigVersion,
  type AssessmentDrillResponse,
  type AssessmentLedger,
  type AssessmentResponse,
} from '@grid/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { AssessmentAppealsService } from './assessment-appeals.service';
import { AssessmentConfigService } from './assessment-config.service';
import { exportTable, toCsv, toXlsx } from './assessment-export';
import { AssessmentService } from './assessment.service';

const ASSESSORS = ['assessor', 'admin'] as const;

@ApiTags('assessment')
@ApiBearerAuth()
@Controller('assessment')
export class AssessmentController {
  constructor(
    private readonly assessment: AssessmentService,
    private readonly appeals: AssessmentAppealsService,
    private readonly configs: AssessmentConfigService,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Figures, composite, grade, points, score and rank of every unit of a level in the caller’s scope for a period' })
  @ApiContract({ query: assessmentQuerySchema, response: assessmentResponseSchema })
  assess(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(assessmentQuerySchema)) query: z.output<typeof assessmentQuerySchema>): Promise<AssessmentResponse> {
    return this.assessment.assess(user, query);
  }

  @Get('export')
  @ApiOperation({ summary: 'The same assessment as CSV (UTF-8 with BOM) or Excel' })
  @ApiContract({ query: assessmentExportQuerySchema, produces: { 'text/csv': { type: 'string' }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { type: 'string', format: 'binary' } } })
  async export(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(assessmentExportQuerySchema)) query: z.output<typeof assessmentExportQuerySchema>,
    @Res() res: Response,
  ): Promise<void> {
    const result = await this.assessment.assess(user, query);
    const table = exportTable(result, query.lang);
    const name = `assessment-${query.level}-${query.from}-${query.to}`;
    if (query.format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`${name}.csv`).send(toCsv(table));
      return;
    }
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').attachment(`${name}.xlsx`).send(await toXlsx(table, `${query.level} ${query.from}`));
  }

  @Get('cases')
  @ApiOperation({ summary: 'Drill-down: the cases behind one figure of one unit' })
  @ApiContract({ query: assessmentDrillQuerySchema, response: assessmentDrillResponseSchema })
  drill(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(assessmentDrillQuerySchema)) query: z.output<typeof assessmentDrillQuerySchema>): Promise<AssessmentDrillResponse> {
    return this.assessment.drill(user, query);
  }

  @Get('ledger')
  @ApiOperation({ summary: 'A person’s point ledger: every gain and loss by case' })
  @ApiContract({ query: assessmentLedgerQuerySchema, response: assessmentLedgerSchema })
  ledger(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(assessmentLedgerQuerySchema)) query: z.output<typeof assessmentLedgerQuerySchema>): Promise<AssessmentLedger> {
    return this.assessment.ledger(user, query);
  }

  @Get('appeals')
  @ApiOperation({ summary: 'Appeals: all for assessors and admins, one’s own (and one’s department’s) for others' })
  @ApiContract({ query: appealListQuerySchema, response: appealListResponseSchema })
  listAppeals(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(appealListQuerySchema)) query: z.output<typeof appealListQuerySchema>): Promise<AppealListResponse> {
    return this.appeals.list(user, query);
  }

  @Post('appeals')
  @ApiOperation({ summary: 'Appeal an attribution (overdue, rework, missed report) that counts against the caller' })
  @ApiContract({ body: createAppealSchema, response: appealDtoSchema, status: 201 })
  appeal(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(createAppealSchema)) body: z.output<typeof createAppealSchema>): Promise<AppealDto> {
    return this.appeals.create(user, body);
  }

  @Post('appeals/:id/decide')
  @Roles(...ASSESSORS)
  @ApiOperation({ summary: 'Uphold or reject an appeal; an upheld one waives the attribution and the figures recompute' })
  @ApiContract({ body: decideAppealSchema, response: appealDtoSchema, status: 201 })
  decide(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodValidationPipe(decideAppealSchema)) body: z.output<typeof decideAppealSchema>,
  ): Promise<AppealDto> {
    return this.appeals.decide(user, id, body);
  }

  @Get('config')
  @ApiOperation({ summary: 'Configuration versions (weights, bands, point rules, coefficients), newest first' })
  @ApiContract({ response: z.array(assessmentConfigVersionSchema) })
  configVersions(): Promise<AssessmentConfigVersion[]> {
    return this.configs.list();
  }

  @Post('config')
  @Roles(...ASSESSORS)
  @ApiOperation({ summary: 'A new configuration version; earlier periods can be re-run under any version' })
  @ApiContract({ body: createConfigVersionSchema, response: assessmentConfigVersionSchema, status: 201 })
  async createConfig(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(createConfigVersionSchema)) body: z.output<typeof createConfigVersionSchema>): Promise<AssessmentConfigVersion> {
    const created = await this.configs.create(user, body);
    await this.audit.record({ action: 'assessment_config_created', actorId: user.id, username: user.username, detail: { version: created.version, note: body.note } });
    return created;
  }
}
