import { trackingLookupRequestSchema, trackingLookupResponseSchema, type TrackingLookupResponse } from '@grid/contracts';
import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { ApiContract } from '../../common/api-contract.decorator';
import { notFound } from '../../common/app-error';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { Public } from '../auth/auth.decorators';
import { LookupThrottlerGuard } from '../auth/lookup-throttler.guard';

@ApiTags('public')
@Controller('public/cases')
export class TrackingLookupController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Public()
  @Post('lookup')
  @HttpCode(200)
  @UseGuards(LookupThrottlerGuard)
  @ApiOperation({ summary: "A resident finds their case's tracking page by its code and the last four digits of their phone (rate-limited)" })
  @ApiContract({ body: trackingLookupRequestSchema, response: trackingLookupResponseSchema })
  async lookup(@Body(new ZodValidationPipe(trackingLookupRequestSchema)) body: z.output<typeof trackingLookupRequestSchema>): Promise<TrackingLookupResponse> {
    // Digits only on both sides (a phone may be stored with spaces or a +86); a case without a phone (an anonymous
    // call) cannot be found this way, and a wrong code and wrong digits answer alike.
    const [row] = (await this.dataSource.query(
      `SELECT tracking_token FROM cases
       WHERE code = $1 AND reporter_phone IS NOT NULL AND right(regexp_replace(reporter_phone, '[^0-9]', '', 'g'), 4) = $2`,
      [body.code, body.phoneLast4],
    )) as { tracking_token: string }[];
    if (!row) throw notFound('case with this code and these digits');
    return { token: row.tracking_token };
  }
}
