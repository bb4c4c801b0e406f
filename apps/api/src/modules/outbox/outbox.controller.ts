import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { outboxListQuerySchema, outboxListSchema, outboxSummarySchema, type OutboxMessageDto, type OutboxSummary } from '@grid/contracts';
import type { z } from 'zod';
import { ApiContract } from '../../common/api-contract.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { Roles } from '../auth/auth.decorators';
import { OutboxStore } from './outbox.store';

/** What waits to be sent to other systems, and what failed: for the operator and the administrator. */
@ApiTags('outbox')
@ApiBearerAuth()
@Controller('admin/outbox')
@Roles('admin', 'operator')
export class OutboxController {
  constructor(private readonly store: OutboxStore) {}

  @Get()
  @ApiOperation({ summary: 'Messages waiting for or sent to other systems, with their state, attempts and last error' })
  @ApiContract({ query: outboxListQuerySchema, response: outboxListSchema })
  list(@Query(new ZodValidationPipe(outboxListQuerySchema)) query: z.output<typeof outboxListQuerySchema>): Promise<{ items: OutboxMessageDto[]; total: number }> {
    return this.store.list(query);
  }

  @Get('summary')
  @ApiOperation({ summary: 'The outbox’s counts per state and destination' })
  @ApiContract({ response: outboxSummarySchema })
  summary(): Promise<OutboxSummary> {
    return this.store.summary();
  }
}
