import { Injectable } from '@nestjs/common';
import { PerMinuteThrottlerGuard } from './per-minute-throttler.guard';

/**
 * Limits what anyone may ask of a public endpoint (no sign-in): PUBLIC_RATE_LIMIT a minute per client address.
 * A wall screen or a printout needs a few; a scraper in a loop gets 429 with Retry-After.
 */
@Injectable()
export class PublicThrottlerGuard extends PerMinuteThrottlerGuard {
  protected perMinute(): number {
    return this.config.publicRateLimit;
  }

  protected counted(): string {
    return 'requests a minute from one address';
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return `public:${String(req['ip'])}`;
  }
}
