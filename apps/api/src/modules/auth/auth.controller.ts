import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  changePasswordRequestSchema,
  loginRequestSchema,
  loginResponseSchema,
  refreshRequestSchema,
  sessionUserSchema,
  type ChangePasswordRequest,
  type LoginRequest,
  type LoginResponse,
  type RefreshRequest,
  type SessionUser,
} from '@grid/contracts';
import { UserPosts } from '../users/user-posts';
import { ApiContract } from '../../common/api-contract.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from './auth-user';
import { AllowedBeforePasswordChange, CurrentUser, Public } from './auth.decorators';
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
    private readonly posts: UserPosts,
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
  @AllowedBeforePasswordChange()
  @Post('password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change the caller’s password (required after a one-time password); answers a fresh session, other sessions end' })
  @ApiContract({ body: changePasswordRequestSchema, response: loginResponseSchema })
  changePassword(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(changePasswordRequestSchema)) body: ChangePasswordRequest, @Req() req: Request): Promise<LoginResponse> {
    return this.auth.changePassword(user, body, req.ip ?? null);
  }

  @ApiBearerAuth()
  @AllowedBeforePasswordChange()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out everywhere: every token of the caller stops working' })
  @ApiContract({ status: 204 })
  async logout(@CurrentUser() user: AuthUser, @Req() req: Request & { headers: { authorization?: string } }): Promise<void> {
    await this.auth.logout(user, req.ip ?? null);
    this.access.forgetToken(req.headers.authorization);
  }

  @ApiBearerAuth()
  @AllowedBeforePasswordChange()
  @Get('me')
  @ApiOperation({ summary: 'The caller, as the token says, with their posts (the role, area and department are the primary active post’s)' })
  @ApiContract({ response: sessionUserSchema })
  async me(@CurrentUser() user: AuthUser): Promise<SessionUser> {
    const { id, username, role, areaId, departmentId, displayName, mustChangePassword } = user;
    const posts = (await this.posts.ofUsers([id])).get(id) ?? [];
    return { id, username, role, areaId, departmentId, displayName, posts, mustChangePassword: mustChangePassword ?? false };
  }
}
