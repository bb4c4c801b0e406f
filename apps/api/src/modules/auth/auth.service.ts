import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ChangePasswordRequest, LockoutAlert, LoginRequest, LoginResponse, SessionUser, UnlockResult } from '@grid/contracts';
import { LOGIN_LOCK_THRESHOLD, loginGate, loginSourceOf } from '@grid/domain';
import { DataSource } from 'typeorm';
import { AppError, notFound } from '../../common/app-error';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditLog } from '../audit/audit-log.service';
import { PasswordHasher } from '../users/password-hasher';
import { UserEntity } from '../users/user.entity';
import { UserPosts } from '../users/user-posts';
import { UsersService } from '../users/users.service';
import type { AuthUser } from './auth-user';
import { LoginFailuresStore } from './login-failures.store';
import { RefreshTokens, type IssuedToken } from './refresh-tokens';
import { TokenService } from './token.service';

/** Accounts locked within this window (LOCKOUT_ALERT_ACCOUNTS of them) alert the command centre. */
export const LOCKOUT_SURGE_WINDOW_MINUTES = 10;

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
    private readonly failures: LoginFailuresStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private readonly revocationListeners: ((userId: string) => void)[] = [];
  private readonly accessListeners: ((userId: string) => void)[] = [];
  private readonly surgeListeners: ((alert: LockoutAlert) => void)[] = [];
  private readonly logger = new Logger(AuthService.name);

  /** Called when many accounts are being locked at once (the live channel tells the command room). */
  onLockoutSurge(listener: (alert: LockoutAlert) => void): void {
    this.surgeListeners.push(listener);
  }

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
    // Counted per account and source address: failures from elsewhere never lock the owner out.
    const source = loginSourceOf(ip);
    const gate = account ? loginGate(await this.failures.find(account.id, source), new Date()) : { allowed: true as const };
    if (account && !gate.allowed) {
      if (gate.reason === 'locked') await this.audit.record({ action: 'login_failed', actorId: account.id, username, ip, detail: { reason: 'locked' } });
      if (gate.reason === 'locked') throw new AppError('locked', `too many failed logins from this address: the account is locked here until ${gate.until.toISOString()}`, undefined, 'account_locked');
      const seconds = Math.ceil(gate.retryAfterMs / 1000);
      throw new AppError('too_many', `too many failed logins from this address: retry after ${seconds} s`, undefined, 'login_slowed', seconds);
    }
    const ok = await this.hasher.verify(account?.active ? account.passwordHash : null, password);
    if (!account || !ok) {
      if (account) await this.countFailure(account, source, ip);
      else await this.audit.record({ action: 'login_failed', username, ip, detail: { reason: 'unknown user' } });
      throw new AppError('unauthorized', 'wrong username or password');
    }
    await this.failures.clear(account.id, source);
    const session = await this.session(account.id, await this.refreshTokens.issue(account.id));
    if (!session) throw new AppError('unauthorized', 'wrong username or password');
    await this.audit.record({ action: 'login', actorId: account.id, username, ip });
    return session;
  }

  /** An administrator lifts every lock and count of an account's failed sign-ins (audited). */
  async unlock(admin: Pick<AuthUser, 'username'> & { id: string | null }, userId: string, ip: string | null): Promise<UnlockResult> {
    const [user] = (await this.dataSource.query(`SELECT id, username FROM users WHERE id = $1`, [userId])) as { id: string; username: string }[];
    if (!user) throw notFound('user');
    const result: UnlockResult = { userId: user.id, username: user.username, unlocked: await this.failures.unlockAll(user.id) };
    await this.audit.record({ action: 'account_unlocked', actorId: admin.id, username: admin.username, ip, detail: { ...result } });
    return result;
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

  /** Counts a failed login from one source; the one that reaches the threshold locks the account for that source. */
  private async countFailure(account: UserEntity, source: string, ip: string | null): Promise<void> {
    const next = await this.failures.recordFailure(account.id, source, new Date());
    await this.audit.record({ action: 'login_failed', actorId: account.id, username: account.username, ip, detail: { failedLogins: next.locked ? LOGIN_LOCK_THRESHOLD : next.failures, source } });
    if (!next.locked) return;
    await this.audit.record({ action: 'account_locked', actorId: account.id, username: account.username, ip, detail: { until: next.lockedUntil, source } });
    await this.alertOnSurge();
  }

  /**
   * Many accounts locked within minutes means someone is guessing or locking people out (a flood is when
   * the command centre can least afford it): one audit entry and one alert to the command room per window,
   * however many instances see it (an advisory lock orders them).
   */
  private async alertOnSurge(): Promise<void> {
    const alert = await this.dataSource.transaction(async (manager): Promise<LockoutAlert | null> => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('grid:lockout_surge'))`);
      const window = `${LOCKOUT_SURGE_WINDOW_MINUTES} minutes`;
      const locked = (await manager.query(
        `SELECT username FROM audit_log WHERE action = 'account_locked' AND at > now() - $1::interval GROUP BY actor_id, username ORDER BY max(at) DESC`,
        [window],
      )) as { username: string }[];
      if (locked.length < this.config.lockoutAlertAccounts) return null;
      const [already] = (await manager.query(`SELECT 1 FROM audit_log WHERE action = 'lockout_surge' AND at > now() - $1::interval LIMIT 1`, [window])) as unknown[];
      if (already) return null;
      const found: LockoutAlert = { accounts: locked.length, windowMinutes: LOCKOUT_SURGE_WINDOW_MINUTES, usernames: locked.slice(0, 20).map((r) => r.username), at: new Date().toISOString() };
      await this.audit.record({ action: 'lockout_surge', detail: { ...found } }, manager);
      return found;
    });
    if (!alert) return;
    this.logger.warn(`${alert.accounts} accounts locked for failed sign-ins within ${alert.windowMinutes} minutes: ${alert.usernames.join(', ')}`);
    for (const listener of this.surgeListeners) listener(alert);
  }
}
