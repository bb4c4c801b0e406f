import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

export type RotateResult =
  | { ok: true; userId: string; token: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'reused'; userId?: string };

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** A spent token is remembered this long to recognise its reuse; then it is deleted (expired ones too). */
export const SPENT_TOKEN_MEMORY = '7 days';

/**
 * Refresh tokens: 256 random bits handed to the client once; only their SHA-256 is stored. Each use
 * rotates the token (the old one is spent, a new one of the same family is issued); presenting a spent
 * token again means a copy exists elsewhere, so the whole family is revoked (reuse detection).
 */
@Injectable()
export class RefreshTokens {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.refreshTtlSeconds;
  }

  /** A new family (a sign-in). */
  issue(userId: string, manager: EntityManager = this.dataSource.manager): Promise<string> {
    return this.insert(manager, userId, randomUUID());
  }

  /** Spends `token` and issues its successor, in one transaction that locks the row (two racing uses: one wins). */
  rotate(token: string): Promise<RotateResult> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `SELECT id, user_id, family_id, used_at, revoked_at, expires_at <= now() AS expired FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
        [hashOf(token)],
      )) as { id: string; user_id: string; family_id: string; used_at: Date | null; revoked_at: Date | null; expired: boolean }[];
      if (!row) return { ok: false, reason: 'unknown' };
      if (row.revoked_at) return { ok: false, reason: 'revoked', userId: row.user_id };
      if (row.used_at) {
        await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [row.family_id]);
        return { ok: false, reason: 'reused', userId: row.user_id };
      }
      if (row.expired) return { ok: false, reason: 'expired', userId: row.user_id };
      await manager.query(`UPDATE refresh_tokens SET used_at = now() WHERE id = $1`, [row.id]);
      // Each refresh leaves one spent row: the user's old ones go here, so the table stays the size of the active sessions.
      await manager.query(`DELETE FROM refresh_tokens WHERE user_id = $1 AND (expires_at < now() OR used_at < now() - interval '${SPENT_TOKEN_MEMORY}')`, [row.user_id]);
      return { ok: true, userId: row.user_id, token: await this.insert(manager, row.user_id, row.family_id) };
    });
  }

  /** Logout: every refresh token of the user stops working. */
  async revokeAll(userId: string): Promise<void> {
    await this.dataSource.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }

  private async insert(manager: EntityManager, userId: string, familyId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await manager.query(
      `INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, now() + ($5 || ' seconds')::interval)`,
      [randomUUID(), userId, familyId, hashOf(token), String(this.config.refreshTtlSeconds)],
    );
    return token;
  }
}
