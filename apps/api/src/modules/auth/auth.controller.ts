import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { loginRequestSchema, type LoginRequest, type LoginResponse, type SessionUser } from '@grid/contracts';
import { jsonSchemaOf } from '../../common/openapi';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from './auth-user';
import { CurrentUser, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange username and password for an access token' })
  @ApiBody({ schema: jsonSchemaOf(loginRequestSchema) })
  login(@Body(new ZodValidationPipe(loginRequestSchema)) body: LoginRequest): Promise<LoginResponse> {
    return this.auth.login(body);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: 'The caller, as the token says' })
  me(@CurrentUser() user: AuthUser): SessionUser {
    const { id, username, role, areaId, departmentId, displayName } = user;
    return { id, username, role, areaId, departmentId, displayName };
  }
}
