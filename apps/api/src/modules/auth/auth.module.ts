import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { TokenService } from './token.service';

@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ // Named 'default' so the standard Retry-After header is sent (other names get a suffix).
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.loginRateLimit }] }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, TokenService, AccessGuard, { provide: APP_GUARD, useExisting: AccessGuard }],
  exports: [AccessGuard, TokenService],
})
export class AuthModule {}
