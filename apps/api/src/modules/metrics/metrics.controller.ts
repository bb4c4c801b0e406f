import { Controller, Get, Headers, Inject, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiContract } from '../../common/api-contract.decorator';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Public } from '../auth/auth.decorators';
import { assertMayReadMetrics } from './metrics-access';
import { Metrics } from './metrics.service';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Public to the token guard: it has its own rule (METRICS_TOKEN, or this machine only). */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Prometheus metrics (outside /api): bearer METRICS_TOKEN when set, else loopback callers only' })
  @ApiContract({ produces: { 'text/plain': { type: 'string' } }, description: 'The Prometheus text format' })
  async scrape(@Headers('authorization') authorization: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    assertMayReadMetrics(this.config.metricsToken, authorization, req.ip);
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(await this.metrics.registry.metrics());
  }
}
