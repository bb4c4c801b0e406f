import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { USER_LISTING_ROLES, userQuerySchema, type UserDto, type UserQuery, userDtoSchema } from '@grid/contracts';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { scopeOf } from '../auth/scope';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles(...USER_LISTING_ROLES)
  @ApiOperation({ summary: 'Users in the caller’s scope (leaders and admins); areaId means that area’s subtree' })
  @ApiContract({ query: userQuerySchema, response: z.array(userDtoSchema) })
  list(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(userQuerySchema)) query: UserQuery): Promise<UserDto[]> {
    return this.users.list(scopeOf(user), query, user.role);
  }
}
