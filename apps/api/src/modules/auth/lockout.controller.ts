import { Controller, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { unlockResultSchema, type UnlockResult } from '@grid/contracts';
import type { Request } from 'express';
import { ApiContract } from '../../common/api-contract.decorator';
import type { AuthUser } from './auth-user';
import { CurrentUser, Roles } from './auth.decorators';
import { AuthService } from './auth.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/users')
export class LockoutController {
  constructor(private readonly auth: AuthService) {}

  @Roles('admin')
  @Post(':id/unlock')
  @HttpCode(200)
  @ApiOperation({ summary: "Lift every lock and count of an account's failed sign-ins, from every address (audited)" })
  @ApiContract({ response: unlockResultSchema })
  unlock(@CurrentUser() admin: AuthUser, @Param('id', new ParseUUIDPipe()) id: string, @Req() req: Request): Promise<UnlockResult> {
    return this.auth.unlock(admin, id, req.ip ?? null);
  }
}
