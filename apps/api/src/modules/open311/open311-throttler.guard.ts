import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, type ThrottlerModuleOptions, type ThrottlerRequest, type ThrottlerStorage } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { hashApiKey } from './api-keys.service';

const MINUTE_MS = 60_000;

/** Limits new requests per API key (per client address without one): OPEN311_RATE_LIMIT a minute. */
@Injectable()
export class Open311ThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(options, storage, reflector);
  }

  protected override handleRequest(props: ThrottlerRequest): Promise<boolean> {
    return super.handleRequest({ ...props, limit: this.config.open311RateLimit, ttl: MINUTE_MS });
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const key = apiKeyOf(req['body'], req['query']);
    return key ? `open311-key:${hashApiKey(key)}` : `open311-ip:${String(req['ip'])}`;
  }
}

/** The spec lets api_key come in the form or the query string. */
export function apiKeyOf(body: unknown, query: unknown): string | undefined {
  for (const source of [body, query]) {
    const value = (source as Record<string, unknown> | undefined)?.['api_key'];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return undefined;
}
