import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@grid/contracts';
import type { AuthUser } from './auth-user';

export const PUBLIC_KEY = 'grid:public';
export const ROLES_KEY = 'grid:roles';

/** The route needs no token (login, health, public config, resident tracking). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const BEFORE_PASSWORD_CHANGE_KEY = 'grid:before-password-change';

/** The route serves a caller who still has a one-time password (change it, say who I am, sign out). */
export const AllowedBeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE_KEY, true);

/** Only these roles may call the route; without it any authenticated user may (scope still applies). */
export const Roles = (...roles: readonly Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  const request = ctx.switchToHttp().getRequest<{ user?: AuthUser }>();
  if (!request.user) throw new Error('CurrentUser used on a public route');
  return request.user;
});
