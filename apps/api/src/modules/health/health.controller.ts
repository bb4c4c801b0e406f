import { healthResponseSchema } from '@grid/contracts';
import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HealthResponse } from '@grid/contracts';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { ApiContract } from '../../common/api-contract.decorator';
import { Public } from '../auth/auth.decorators';
import { RedisConnection } from '../redis/redis-connection';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisConnection,
  ) {}

  /**
   * 200 `ok` when the database answers; 200 `degraded` when it does but Redis (the live channel across
   * instances) does not; 503 `error` without the database. Load balancers read the status code.
   */
  @Public()
  @Get()
  @ApiOperation({ summary: '200 {"status":"ok"} when the database answers ("degraded" without Redis), 503 otherwise' })
  @ApiContract({ response: healthResponseSchema, description: 'ok, or degraded without Redis (503 with status error without the database)' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    try {
      const result = await this.health.check([() => this.db.pingCheck('database', { timeout: 2000 })]);
      if (!this.redis.enabled) return { status: 'ok', info: result.info };
      if (this.redis.ready) return { status: 'ok', info: { ...result.info, redis: { status: 'up' } } };
      return { status: 'degraded', info: result.info, error: { redis: { status: 'down', impact: 'live pushes reach only sockets on this instance' } } };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503).setHeader('Retry-After', '5');
      const body = error.getResponse() as { info?: Record<string, unknown>; error?: Record<string, unknown> };
      return { status: 'error', info: body.info, error: body.error };
    }
  }
}
