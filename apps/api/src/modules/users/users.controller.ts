import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ROLES, USER_LISTING_ROLES, userQuerySchema, type UserDto, type UserQuery } from '@grid/contracts';
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
  @ApiQuery({ name: 'areaId', required: false, format: 'uuid' })
  @ApiQuery({ name: 'role', required: false, enum: ROLES })
  @ApiQuery({ name: 'departmentId', required: false, format: 'uuid' })
  list(@CurrentUser() user: AuthUser, @Query(new ZodValidationPipe(userQuerySchema)) query: UserQuery): Promise<UserDto[]> {
    return this.users.list(scopeOf(user), query, user.role);
  }
}
