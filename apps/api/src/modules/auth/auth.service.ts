import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LoginRequest, LoginResponse, SessionUser } from '@grid/contracts';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/app-error';
import { AuditLog } from '../audit/audit-log.service';
import { PasswordHasher } from '../users/password-hasher';
import { UserEntity } from '../users/user.entity';
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
  ) {}

  private readonly revocationListeners: ((userId: string) => void)[] = [];

  /** Called after a user's tokens are revoked (the live channel closes their sockets). */
  onRevoked(listener: (userId: string) => void): void {
    this.revocationListeners.push(listener);
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
    await this.dataSource.query(`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [user.id]);
    await this.refreshTokens.revokeAll(user.id);
    await this.audit.record({ action: 'logout', actorId: user.id, username: user.username, ip });
    for (const listener of this.revocationListeners) listener(user.id);
  }

  private async session(userId: string, refresh: IssuedToken): Promise<LoginResponse | null> {
    const found = await this.users.findActiveForAuth(userId);
    if (!found) return null;
    const accessToken = await this.tokens.sign({ sub: userId, ver: found.tokenVersion });
    const { id, username, role, areaId, departmentId, displayName } = found.user;
    const user: SessionUser = { id, username, role, areaId, departmentId, displayName };
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
