import { Injectable } from '@nestjs/common';
import { PerMinuteThrottlerGuard } from './per-minute-throttler.guard';

/**
 * Limits what a resident writes without an account (a rating, a reopening, following a case, stopping messages):
 * RESIDENT_WRITE_RATE_LIMIT a minute per client address, counted apart from the public reads.
 */
@Injectable()
export class ResidentWriteThrottlerGuard extends PerMinuteThrottlerGuard {
  protected perMinute(): number {
    return this.config.residentWriteRateLimit;
  }

  protected counted(): string {
    return 'resident requests a minute from one address';
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return `resident-write:${String(req['ip'])}`;
  }
}
