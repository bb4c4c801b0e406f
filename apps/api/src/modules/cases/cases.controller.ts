import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  CASE_ACTION_PATHS,
  CASE_WRITER_ROLES,
  caseActionBodySchemas,
  caseDetailSchema,
  caseListQuerySchema,
  caseListResponseSchema,
  caseMapQuerySchema,
  caseMapResponseSchema,
  createCaseSchema,
  type CaseActionPath,
  type CaseDetail,
  type CaseListResponse,
} from '@grid/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.decorator';
import { invalid } from '../../common/app-error';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ReportThrottlerGuard } from '../auth/report-throttler.guard';
import { CaseCommandService } from './case-commands.service';
import { CaseMapService } from './case-map.service';
import { CaseQueryService } from './case-query.service';

/** For the OpenAPI document: the body of any action (the path's action says which of these applies). */
const ANY_ACTION_BODY = z.union([...new Set<z.ZodType>(Object.values(caseActionBodySchemas))]);

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the first answer and applies nothing twice' };

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly commands: CaseCommandService,
    private readonly queries: CaseQueryService,
    private readonly map: CaseMapService,
  ) {}

  @Post()
  @Roles(...CASE_WRITER_ROLES)
  @UseGuards(ReportThrottlerGuard)
  @ApiOperation({ summary: 'Report a case: located to its grid, routed, registered and dispatched by category rules' })
  @ApiContract({ body: createCaseSchema, response: caseDetailSchema, status: 201 })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async create(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(createCaseSchema)) body: z.output<typeof createCaseSchema>,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseDetail> {
    const result = await this.commands.report(user, body, { key, method: req.method, path: req.path });
    res.status(result.status);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Get()
  @ApiOperation({ summary: 'Cases in the caller’s scope, filtered, sorted and paged' })
  @ApiContract({ query: caseListQuerySchema, response: caseListResponseSchema })
  list(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(caseListQuerySchema)) query: z.output<typeof caseListQuerySchema>): Promise<CaseListResponse> {
    return this.queries.list(user, query);
  }

  @Get('map')
  @ApiOperation({ summary: 'Every open case in the caller’s scope, compact and column-wise, for the command-centre map (ETag / If-None-Match)' })
  @ApiContract({ query: caseMapQuerySchema, response: caseMapResponseSchema, description: 'The open cases (304 without a body when If-None-Match names this version)' })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of a copy the caller holds: 304 when nothing changed' })
  async openOnMap(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(caseMapQuerySchema)) query: z.output<typeof caseMapQuerySchema>,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const answer = await this.map.open(user, query, ifNoneMatch);
    // Private: the answer depends on who asks; no-cache: the browser revalidates with the ETag every time.
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('ETag', answer.etag);
    if (answer.body === null) res.status(304).end();
    else res.type('application/json').send(answer.body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One case with its timeline, attachments, SLA clocks and the actions the caller may take' })
  @ApiContract({ response: caseDetailSchema })
  get(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<CaseDetail> {
    return this.queries.get(user, id);
  }

  @Post(':id/:action')
  @Roles(...CASE_WRITER_ROLES)
  @ApiOperation({ summary: `One step of the case flow: ${CASE_ACTION_PATHS.join(', ')}` })
  @ApiContract({ body: ANY_ACTION_BODY, response: caseDetailSchema })
  @ApiParam({ name: 'action', enum: CASE_ACTION_PATHS })
  @ApiHeader(IDEMPOTENCY_HEADER)
  async act(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('action') action: string,
    @Body() rawBody: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseDetail> {
    if (!isActionPath(action)) throw invalid(`unknown action "${action}"`, { action: `one of ${CASE_ACTION_PATHS.join(', ')}` });
    const body = new ZodValidationPipe(caseActionBodySchemas[action]).transform(rawBody);
    const result = await this.commands.act(user, id, action, body, { key, method: req.method, path: req.path });
    res.status(result.status);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }
}

function isActionPath(action: string): action is CaseActionPath {
  return (CASE_ACTION_PATHS as readonly string[]).includes(action);
}
