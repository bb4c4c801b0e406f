import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@grid/contracts';
import type { Request } from 'express';
import { AppError, forbidden } from '../../common/app-error';
import { UsersService } from '../users/users.service';
import type { AuthUser } from './auth-user';
import { BEFORE_PASSWORD_CHANGE_KEY, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { TokenService } from './token.service';
import { AuthService } from './auth.service';

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? null;
}

/**
 * A verified token is trusted for this long without reading the account again: a busy phone sends many
 * requests a second. Deactivating an account or revoking its tokens takes effect within this time.
 */
export const AUTH_CACHE_MS = 5_000;
const AUTH_CACHE_SIZE = 50_000;

/**
 * The one guard every HTTP route goes through (registered globally): a valid, unrevoked bearer token
 * unless the route is @Public(), then the @Roles() check. Area scope is applied by the services.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly recent = new Map<string, { user: AuthUser; until: number }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly users: UsersService,
    auth: AuthService,
  ) {
    // A revoked user (logout, disabled, password changed) is not served from the cache either.
    auth.onRevoked((userId) => this.forgetUser(userId));
    auth.onAccessChanged((userId) => this.forgetUser(userId));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    request.user = await this.authenticate(request.headers.authorization);
    if (request.user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE_KEY, targets)) {
      throw new AppError('forbidden', 'change your one-time password first (POST /api/auth/password)', undefined, 'password_change_required');
    }

    const roles = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.user.role)) throw forbidden(`this requires one of the roles: ${roles.join(', ')}`);
    return true;
  }

  /** Stops trusting every cached token of a user at once (disabled, password changed, posts changed). */
  forgetUser(userId: string): void {
    for (const [token, entry] of this.recent) if (entry.user.id === userId) this.recent.delete(token);
  }

  /** Stops trusting a token at once (logout), instead of within AUTH_CACHE_MS. */
  forgetToken(header: string | undefined): void {
    const token = bearerToken(header);
    if (token) this.recent.delete(token);
  }

  /** Shared with the live channel's handshake. */
  async authenticate(header: string | undefined): Promise<AuthUser> {
    const token = bearerToken(header);
    if (!token) throw new AppError('unauthorized', 'missing bearer token');
    return this.authenticateToken(token);
  }

  async authenticateToken(token: string): Promise<AuthUser> {
    const cached = this.recent.get(token);
    if (cached && cached.until > Date.now()) return cached.user;
    const claims = await this.tokens.verify(token);
    if (!claims) throw new AppError('unauthorized', 'invalid or expired token');
    const found = await this.users.findActiveForAuth(claims.sub);
    if (!found || found.tokenVersion !== claims.ver) throw new AppError('unauthorized', 'token revoked');
    if (this.recent.size >= AUTH_CACHE_SIZE) this.recent.clear();
    this.recent.set(token, { user: found.user, until: Math.min(Date.now() + AUTH_CACHE_MS, claims.exp * 1000) });
    return found.user;
  }
}
