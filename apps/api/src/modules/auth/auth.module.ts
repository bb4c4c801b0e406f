import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { ThrottlerModule } from '@nestjs/throttler';
import { RedisThrottlerStorage } from '../redis/redis-throttler-storage';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LockoutController } from './lockout.controller';
import { LoginFailuresStore } from './login-failures.store';
import { RefreshTokens } from './refresh-tokens';
import { TokenService } from './token.service';

@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject, made once: given a string, jsonwebtoken tries to parse it as a PEM public key on every
      // verification before treating it as a secret (about 0.7 ms of CPU per request).
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as Buffer, signOptions: { algorithm: 'HS256' as const } }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, RedisThrottlerStorage],
      useFactory: (config: AppConfig, storage: RedisThrottlerStorage) => ({
        // Named 'default' so the standard Retry-After header is sent (other names get a suffix).
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.loginRateLimit }],
        // Counted across instances through Redis when REDIS_URL is set, per instance otherwise.
        storage,
      }),
    }),
  ],
  controllers: [AuthController, LockoutController],
  providers: [AuthService, TokenService, RefreshTokens, LoginFailuresStore, AccessGuard, { provide: APP_GUARD, useExisting: AccessGuard }],
  exports: [AccessGuard, TokenService, AuthService],
})
export class AuthModule {}
