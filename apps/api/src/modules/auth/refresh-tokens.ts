import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

/** A refresh token handed out, and how long it may be used (never past the end of its sign-in). */
export interface IssuedToken {
  token: string;
  expiresIn: number;
}

export type RotateResult =
  | ({ ok: true; userId: string } & IssuedToken)
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'reused'; userId?: string };

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** A spent token is remembered this long to recognise its reuse; then it is deleted (expired ones too). */
export const SPENT_TOKEN_MEMORY = '7 days';

/**
 * Refresh tokens: 256 random bits handed to the client once; only their SHA-256 is stored. Each use
 * rotates the token (the old one is spent, a new one of the same family is issued); presenting a spent
 * token again means a copy exists elsewhere, so the whole family is revoked (reuse detection). A family
 * ends `sessionMaxSeconds` after the sign-in whatever happens: then the password is asked again.
 */
@Injectable()
export class RefreshTokens {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new family (a sign-in). */
  issue(userId: string, manager: EntityManager = this.dataSource.manager): Promise<IssuedToken> {
    return this.insert(manager, userId, randomUUID(), null);
  }

  /** Spends `token` and issues its successor, in one transaction that locks the row (two racing uses: one wins). */
  rotate(token: string): Promise<RotateResult> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `SELECT id, user_id, family_id, used_at, revoked_at, least(expires_at, session_ends_at) <= now() AS expired FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
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
      return { ok: true, userId: row.user_id, ...(await this.insert(manager, row.user_id, row.family_id, row.id)) };
    });
  }

  /** Logout: every refresh token of the user stops working. */
  async revokeAll(userId: string): Promise<void> {
    await this.dataSource.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }

  /** A token of the family; a new family's sign-in ends `sessionMaxSeconds` from now, a successor's when its predecessor's did. */
  private async insert(manager: EntityManager, userId: string, familyId: string, predecessorId: string | null): Promise<IssuedToken> {
    const token = randomBytes(32).toString('base64url');
    const [row] = (await manager.query(
      `INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, session_ends_at, expires_at)
       SELECT $1, $2, $3, $4, s.ends, least(now() + make_interval(secs => $6), s.ends)
       FROM (SELECT coalesce((SELECT session_ends_at FROM refresh_tokens WHERE id = $5::uuid), now() + make_interval(secs => $7)) AS ends) s
       RETURNING ceil(extract(epoch FROM expires_at - now()))::int AS expires_in`,
      [randomUUID(), userId, familyId, hashOf(token), predecessorId, this.config.refreshTtlSeconds, this.config.sessionMaxSeconds],
    )) as { expires_in: number }[];
    return { token, expiresIn: row.expires_in };
  }
}
