import { publicCaseViewSchema } from '@grid/contracts';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PublicCaseView } from '@grid/contracts';
import { ApiContract } from '../../common/api-contract.decorator';
import { invalid } from '../../common/app-error';
import { Public } from '../auth/auth.decorators';
import { CaseQueryService } from './case-query.service';

@ApiTags('public')
@Controller('public/cases')
export class PublicCasesController {
  constructor(private readonly queries: CaseQueryService) {}

  @Public()
  @Get(':token')
  @ApiOperation({ summary: 'A resident follows their case by its tracking token: status and public timeline, no personal data' })
  @ApiContract({ response: publicCaseViewSchema })
  get(@Param('token') token: string): Promise<PublicCaseView> {
    if (!/^[A-Za-z0-9_-]{8,32}$/.test(token)) throw invalid('not a tracking token', { token: 'invalid' });
    return this.queries.publicView(token);
  }
}
