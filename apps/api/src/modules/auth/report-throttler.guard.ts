import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { getOptionsToken, getStorageToken, ThrottlerGuard, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { AuthUser } from './auth-user';

/**
 * Limits reports (POST /api/cases) per user: REPORT_RATE_LIMIT a minute, counted across instances through Redis when REDIS_URL is set. Generous
 * (a busy front desk files a few a minute); it stops a runaway client or a stolen token from flooding
 * the desks. Runs after the AccessGuard, so the caller is known.
 */
@Injectable()
export class ReportThrottlerGuard extends ThrottlerGuard {
  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(options, storage, reflector);
  }

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    // Named 'default' so the standard Retry-After header is sent.
    this.throttlers = [{ name: 'default', ttl: 60_000, limit: this.config.reportRateLimit }];
  }

  protected override async getErrorMessage(): Promise<string> {
    return `too many reports: at most ${this.config.reportRateLimit} reports a minute per user; retry after the Retry-After seconds`;
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const user = req['user'] as AuthUser | undefined;
    return user ? `user:${user.id}` : `ip:${String(req['ip'])}`;
  }
}
