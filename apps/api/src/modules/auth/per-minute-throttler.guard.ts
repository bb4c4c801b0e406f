import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { getOptionsToken, getStorageToken, ThrottlerGuard, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

/**
 * A limit of requests a minute from the configuration (counted across instances through Redis when REDIS_URL
 * is set); each subclass says which limit, what it counts, and by whom.
 */
@Injectable()
export abstract class PerMinuteThrottlerGuard extends ThrottlerGuard {
  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(APP_CONFIG) protected readonly config: AppConfig,
  ) {
    super(options, storage, reflector);
  }

  /** Requests allowed a minute. */
  protected abstract perMinute(): number;
  /** What is counted, for the 429's message ("reports a minute per user"). */
  protected abstract counted(): string;

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    // Named 'default' so the standard Retry-After header is sent.
    this.throttlers = [{ name: 'default', ttl: 60_000, limit: this.perMinute() }];
  }

  protected override async getErrorMessage(): Promise<string> {
    return `too many requests: at most ${this.perMinute()} ${this.counted()}; retry after the Retry-After seconds`;
  }
}
