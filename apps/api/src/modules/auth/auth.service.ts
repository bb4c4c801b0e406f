import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ChangePasswordRequest, LoginRequest, LoginResponse, SessionUser } from '@grid/contracts';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/app-error';
import { AuditLog } from '../audit/audit-log.service';
import { PasswordHasher } from '../users/password-hasher';
import { UserEntity } from '../users/user.entity';
import { UserPosts } from '../users/user-posts';
import { UsersService } from '../users/users.service';
import type { AuthUser } from './auth-user';
import { RefreshTokens, type IssuedToken } from './refresh-tokens';
import { TokenService } from './token.service';

/** Failed logins in a row that lock an account, and for how long. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 15 * 60_000;

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly audit: AuditLog,
    private readonly refreshTokens: RefreshTokens,
    private readonly posts: UserPosts,
  ) {}

  private readonly revocationListeners: ((userId: string) => void)[] = [];
  private readonly accessListeners: ((userId: string) => void)[] = [];

  /** Called after a user's tokens are revoked (the live channel closes their sockets). */
  onRevoked(listener: (userId: string) => void): void {
    this.revocationListeners.push(listener);
  }

  /** Called after a user's posts change (their scope): the guard forgets them, the live channel re-joins their rooms. */
  onAccessChanged(listener: (userId: string) => void): void {
    this.accessListeners.push(listener);
  }

  accessChanged(userId: string): void {
    for (const listener of this.accessListeners) listener(userId);
  }

  async login({ username, password }: LoginRequest, ip: string | null): Promise<LoginResponse> {
    const account = await this.users.findByUsername(username);
    if (account?.lockedUntil && account.lockedUntil.getTime() > Date.now()) {
      await this.audit.record({ action: 'login_failed', actorId: account.id, username, ip, detail: { reason: 'locked' } });
      throw new AppError('locked', `too many failed logins: the account is locked until ${account.lockedUntil.toISOString()}`, undefined, 'account_locked');
    }
    const ok = await this.hasher.verify(account?.active ? account.passwordHash : null, password);
    if (!account || !ok) {
      if (account) await this.countFailure(account, ip);
      else await this.audit.record({ action: 'login_failed', username, ip, detail: { reason: 'unknown user' } });
      throw new AppError('unauthorized', 'wrong username or password');
    }
    if (account.failedLogins > 0 || account.lockedUntil) await this.dataSource.getRepository(UserEntity).update({ id: account.id }, { failedLogins: 0, lockedUntil: null });
    const session = await this.session(account.id, await this.refreshTokens.issue(account.id));
    if (!session) throw new AppError('unauthorized', 'wrong username or password');
    await this.audit.record({ action: 'login', actorId: account.id, username, ip });
    return session;
  }

  /** A new access token for a refresh token, which is spent and replaced (rotation). */
  async refresh(refreshToken: string, ip: string | null): Promise<LoginResponse> {
    const rotated = await this.refreshTokens.rotate(refreshToken);
    if (!rotated.ok) {
      if (rotated.reason === 'reused') await this.audit.record({ action: 'refresh_reused', actorId: rotated.userId, ip, detail: { revoked: 'the whole sign-in' } });
      throw new AppError('unauthorized', rotated.reason === 'expired' ? 'the session has expired: sign in again' : 'invalid refresh token', undefined, `refresh_${rotated.reason}`);
    }
    const session = await this.session(rotated.userId, rotated);
    // A deactivated account keeps no session.
    if (!session) throw new AppError('unauthorized', 'invalid refresh token', undefined, 'refresh_revoked');
    return session;
  }

  /** Revokes every token of the user (all their devices): their token version moves on and their refresh tokens end. */
  async logout(user: AuthUser, ip: string | null): Promise<void> {
    await this.revokeAll(user.id);
    await this.audit.record({ action: 'logout', actorId: user.id, username: user.username, ip });
  }

  /** Every token of the user stops working and their sockets close (logout, a disabled account, a password change). */
  async revokeAll(userId: string): Promise<void> {
    await this.dataSource.query(`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [userId]);
    await this.refreshTokens.revokeAll(userId);
    for (const listener of this.revocationListeners) listener(userId);
  }

  /**
   * Changes the caller's password (required after a one-time password): the current one must be given. Every other
   * session ends; the answer is a fresh session, so the caller carries on without signing in again.
   */
  async changePassword(user: AuthUser, body: ChangePasswordRequest, ip: string | null): Promise<LoginResponse> {
    const account = await this.users.findByUsername(user.username);
    if (!account || !(await this.hasher.verify(account.passwordHash, body.currentPassword))) {
      throw new AppError('invalid', 'the current password is wrong', { currentPassword: 'wrong' });
    }
    if (body.newPassword === body.currentPassword) throw new AppError('invalid', 'the new password must differ from the current one', { newPassword: 'unchanged' });
    await this.dataSource.getRepository(UserEntity).update({ id: account.id }, { passwordHash: await this.hasher.hash(body.newPassword), mustChangePassword: false });
    await this.revokeAll(account.id);
    await this.audit.record({ action: 'password_changed', actorId: account.id, username: account.username, ip });
    const session = await this.session(account.id, await this.refreshTokens.issue(account.id));
    if (!session) throw new AppError('unauthorized', 'the account is no longer active');
    return session;
  }

  private async session(userId: string, refresh: IssuedToken): Promise<LoginResponse | null> {
    const found = await this.users.findActiveForAuth(userId);
    if (!found) return null;
    const accessToken = await this.tokens.sign({ sub: userId, ver: found.tokenVersion });
    const { id, username, role, areaId, departmentId, displayName, mustChangePassword } = found.user;
    const posts = (await this.posts.ofUsers([id])).get(id) ?? [];
    const user: SessionUser = { id, username, role, areaId, departmentId, displayName, posts, mustChangePassword: mustChangePassword ?? false };
    return { accessToken, expiresIn: this.tokens.ttlSeconds, refreshToken: refresh.token, refreshExpiresIn: refresh.expiresIn, user };
  }

  /** Counts a failed login; the one that reaches the threshold locks the account and restarts the count, in one write. */
  private async countFailure(account: UserEntity, ip: string | null): Promise<void> {
    const [rows] = (await this.dataSource.query(
      `UPDATE users SET
         failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + ($3 || ' milliseconds')::interval ELSE locked_until END
       WHERE id = $1 RETURNING failed_logins, locked_until, locked_until > now() AS locked`,
      [account.id, LOCKOUT_THRESHOLD, String(LOCKOUT_MS)],
    )) as [{ failed_logins: number; locked_until: Date | null; locked: boolean | null }[], number];
    const updated = rows[0];
    await this.audit.record({ action: 'login_failed', actorId: account.id, username: account.username, ip, detail: { failedLogins: updated.locked ? LOCKOUT_THRESHOLD : updated.failed_logins } });
    if (updated.locked) await this.audit.record({ action: 'account_locked', actorId: account.id, username: account.username, ip, detail: { until: updated.locked_until } });
  }
}
