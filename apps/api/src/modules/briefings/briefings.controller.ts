import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ANALYSIS_ROLES, briefingArchiveSchema, dailyBriefingQuerySchema, type BriefingArchive } from '@grid/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.decorator';
import { invalid } from '../../common/app-error';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { BriefingArchiveService } from './briefing-archive.service';
import { briefingHtml } from './briefing-html';
import { BriefingService, type BriefingKind } from './briefing.service';

@ApiTags('briefings')
@ApiBearerAuth()
@Controller('briefings')
@Roles(...ANALYSIS_ROLES)
export class BriefingsController {
  constructor(
    private readonly briefings: BriefingService,
    private readonly archive: BriefingArchiveService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The archive: briefings generated at the set time (BRIEFING_AT) that the caller may read, newest first' })
  @ApiContract({ response: briefingArchiveSchema })
  list(@CurrentUser() user: AuthUser): Promise<BriefingArchive> {
    return this.archive.list(user);
  }

  @Get('archive/:id')
  @ApiOperation({ summary: 'One archived briefing, as it was generated (a printable page)' })
  @ApiContract({ produces: { 'text/html': { type: 'string' } } })
  async archived(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string, @Res() res: Response): Promise<void> {
    const html = await this.archive.html(user, id);
    res.type('text/html; charset=utf-8').setHeader('Cache-Control', 'private, no-store');
    res.send(html);
  }

  @Get('daily')
  @ApiOperation({ summary: 'The daily briefing (每日简报) of a local date for the caller’s area, as a printable page (format=pdf: see docs/analysis.md)' })
  @ApiContract({ query: dailyBriefingQuerySchema, produces: { 'text/html': { type: 'string' } } })
  daily(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(dailyBriefingQuerySchema)) query: z.output<typeof dailyBriefingQuerySchema>, @Res() res: Response): Promise<void> {
    return this.send(user, 'daily', query, res);
  }

  @Get('weekly')
  @ApiOperation({ summary: 'The weekly briefing (周报) of the seven days ending with `date` for the caller’s area, as a printable page' })
  @ApiContract({ query: dailyBriefingQuerySchema, produces: { 'text/html': { type: 'string' } } })
  weekly(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(dailyBriefingQuerySchema)) query: z.output<typeof dailyBriefingQuerySchema>, @Res() res: Response): Promise<void> {
    return this.send(user, 'weekly', query, res);
  }

  private async send(user: AuthUser, kind: BriefingKind, query: z.output<typeof dailyBriefingQuerySchema>, res: Response): Promise<void> {
    // PDF needs a PDF library with a CJK font (pdfmake 0.3 and an embedded font, not installed here): the page prints to PDF.
    if (query.format === 'pdf') throw invalid('PDF is not available on this server: open format=html and print it (or save it as PDF)', { format: 'pdf is not available: use html and print' });
    const data = await this.briefings.briefing(user, kind, query.date);
    res.type('text/html; charset=utf-8').setHeader('Cache-Control', 'private, no-store');
    res.send(briefingHtml(data, query.lang));
  }
}
