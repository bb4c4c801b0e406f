import { Injectable } from '@nestjs/common';
import { PerMinuteThrottlerGuard } from './per-minute-throttler.guard';

/**
 * Limits tracking lookups by code and last four phone digits: LOOKUP_RATE_LIMIT a minute per client address
 * (10 by default), so that trying the 10,000 endings of one code takes one address about 17 hours.
 */
@Injectable()
export class LookupThrottlerGuard extends PerMinuteThrottlerGuard {
  protected perMinute(): number {
    return this.config.lookupRateLimit;
  }

  protected counted(): string {
    return 'tracking lookups a minute from one address';
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return `lookup:${String(req['ip'])}`;
  }
}
