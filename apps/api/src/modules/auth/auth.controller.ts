import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  loginRequestSchema,
  loginResponseSchema,
  refreshRequestSchema,
  sessionUserSchema,
  type LoginRequest,
  type LoginResponse,
  type RefreshRequest,
  type SessionUser,
} from '@grid/contracts';
import { ApiContract } from '../../common/api-contract.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from './auth-user';
import { CurrentUser, Public } from './auth.decorators';
import type { Request } from 'express';
import { AccessGuard } from './access.guard';
import { AuthService } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly access: AccessGuard,
  ) {}

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange username and password for an access token' })
  @ApiContract({ body: loginRequestSchema, response: loginResponseSchema })
  login(@Body(new ZodValidationPipe(loginRequestSchema)) body: LoginRequest, @Req() req: Request): Promise<LoginResponse> {
    return this.auth.login(body, req.ip ?? null);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new access token and a new refresh token (the old one is spent)' })
  @ApiContract({ body: refreshRequestSchema, response: loginResponseSchema })
  refresh(@Body(new ZodValidationPipe(refreshRequestSchema)) body: RefreshRequest, @Req() req: Request): Promise<LoginResponse> {
    return this.auth.refresh(body.refreshToken, req.ip ?? null);
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out everywhere: every token of the caller stops working' })
  @ApiContract({ status: 204 })
  async logout(@CurrentUser() user: AuthUser, @Req() req: Request & { headers: { authorization?: string } }): Promise<void> {
    await this.auth.logout(user, req.ip ?? null);
    this.access.forgetToken(req.headers.authorization);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: 'The caller, as the token says' })
  @ApiContract({ response: sessionUserSchema })
  me(@CurrentUser() user: AuthUser): SessionUser {
    const { id, username, role, areaId, departmentId, displayName } = user;
    return { id, username, role, areaId, departmentId, displayName };
  }
}
