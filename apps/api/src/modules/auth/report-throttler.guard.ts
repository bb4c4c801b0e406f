import { Injectable } from '@nestjs/common';
import type { AuthUser } from './auth-user';
import { PerMinuteThrottlerGuard } from './per-minute-throttler.guard';

/**
 * Limits reports (POST /api/cases) per user: REPORT_RATE_LIMIT a minute, counted across instances through Redis when REDIS_URL is set. Generous
 * (a busy front desk files a few a minute); it stops a runaway client or a stolen token from flooding
 * the desks. Runs after the AccessGuard, so the caller is known.
 */
@Injectable()
export class ReportThrottlerGuard extends PerMinuteThrottlerGuard {
  protected perMinute(): number {
    return this.config.reportRateLimit;
  }

  protected counted(): string {
    return 'reports a minute per user';
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const user = req['user'] as AuthUser | undefined;
    return user ? `user:${user.id}` : `ip:${String(req['ip'])}`;
  }
}
