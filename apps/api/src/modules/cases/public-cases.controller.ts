import { publicCaseViewSchema, publicRatingSchema, publicReopenSchema } from '@grid/contracts';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PublicCaseView } from '@grid/contracts';
import type { Response } from 'express';
import type { z } from 'zod';
import { ApiContract } from '../../common/api-contract.decorator';
import { invalid } from '../../common/app-error';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { Public } from '../auth/auth.decorators';
import { PublicThrottlerGuard } from '../auth/public-throttler.guard';
import { ResidentWriteThrottlerGuard } from '../auth/resident-write-throttler.guard';
import { PublicCaseService } from './public-case.service';

/** A tracking token: the case's own (the reporter) or a follower's; anything else is refused before the database. */
export function checkedToken(token: string): string {
  if (!/^[A-Za-z0-9_-]{8,32}$/.test(token)) throw invalid('not a tracking token', { token: 'invalid' });
  return token;
}

@ApiTags('public')
@Controller('public/cases')
export class PublicCasesController {
  constructor(private readonly cases: PublicCaseService) {}

  @Public()
  @Get(':token')
  @UseGuards(PublicThrottlerGuard)
  @ApiOperation({ summary: 'A resident follows their case by its tracking token: step, promised time, result and public photos, no personal data' })
  @ApiContract({ response: publicCaseViewSchema })
  get(@Param('token') token: string): Promise<PublicCaseView> {
    return this.cases.view(checkedToken(token));
  }

  @Public()
  @Post(':token/rating')
  @HttpCode(201)
  @UseGuards(ResidentWriteThrottlerGuard)
  @ApiOperation({ summary: 'The reporter rates the closed case once, 1–5 with an optional comment (a `rated` event)' })
  @ApiContract({ body: publicRatingSchema, response: publicCaseViewSchema, status: 201 })
  rate(@Param('token') token: string, @Body(new ZodValidationPipe(publicRatingSchema)) body: z.output<typeof publicRatingSchema>): Promise<PublicCaseView> {
    return this.cases.rate(checkedToken(token), body);
  }

  @Public()
  @Post(':token/reopen')
  @HttpCode(201)
  @UseGuards(ResidentWriteThrottlerGuard)
  @ApiOperation({ summary: 'The reporter asks, within 7 days of closing, for the case to be handled again: back to its unit with their words' })
  @ApiContract({ body: publicReopenSchema, response: publicCaseViewSchema, status: 201 })
  reopen(@Param('token') token: string, @Body(new ZodValidationPipe(publicReopenSchema)) body: z.output<typeof publicReopenSchema>): Promise<PublicCaseView> {
    return this.cases.reopen(checkedToken(token), body);
  }

  @Public()
  @Get(':token/photos/:id/:variant')
  @UseGuards(PublicThrottlerGuard)
  @ApiOperation({ summary: 'A result photo of the case marked public (variant file or thumbnail)' })
  @ApiContract({ produces: { 'image/jpeg': { type: 'string', format: 'binary' }, 'image/png': { type: 'string', format: 'binary' }, 'image/webp': { type: 'string', format: 'binary' } } })
  async photo(@Param('token') token: string, @Param('id', new ParseUUIDPipe()) id: string, @Param('variant') variant: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    if (variant !== 'file' && variant !== 'thumbnail') throw invalid('variant: file or thumbnail', { variant: 'unknown' });
    const { data, mime } = await this.cases.photo(checkedToken(token), id, variant);
    res.setHeader('Cache-Control', 'private, max-age=3600');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(data, { type: mime });
  }
}
