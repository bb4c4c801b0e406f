import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { afterLoginFailure, type LoginFailureState } from '@grid/domain';
import { DataSource } from 'typeorm';

interface Row {
  failures: number;
  last_failed_at: Date;
  next_attempt_at: Date;
  locked_until: Date | null;
}

const stateOf = (row: Row | undefined): LoginFailureState | null =>
  row ? { failures: row.failures, lastFailedAt: row.last_failed_at, nextAttemptAt: row.next_attempt_at, lockedUntil: row.locked_until } : null;

/** Failed sign-ins per account and source (`login_failures`); the rules are `@grid/domain`'s. */
@Injectable()
export class LoginFailuresStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(userId: string, source: string): Promise<LoginFailureState | null> {
    const rows = (await this.dataSource.query(`SELECT failures, last_failed_at, next_attempt_at, locked_until FROM login_failures WHERE user_id = $1 AND source = $2`, [userId, source])) as Row[];
    return stateOf(rows[0]);
  }

  /** Counts one more failure; the row is locked, so racing attempts from one source count one by one. */
  recordFailure(userId: string, source: string, now: Date): Promise<ReturnType<typeof afterLoginFailure>> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO login_failures (user_id, source, failures, last_failed_at, next_attempt_at) VALUES ($1, $2, 0, $3, $3) ON CONFLICT DO NOTHING`, [userId, source, now]);
      const [row] = (await manager.query(`SELECT failures, last_failed_at, next_attempt_at, locked_until FROM login_failures WHERE user_id = $1 AND source = $2 FOR UPDATE`, [userId, source])) as Row[];
      const next = afterLoginFailure(row.failures === 0 && !row.locked_until ? null : stateOf(row), now);
      await manager.query(`UPDATE login_failures SET failures = $3, last_failed_at = $4, next_attempt_at = $5, locked_until = $6 WHERE user_id = $1 AND source = $2`, [
        userId,
        source,
        next.failures,
        next.lastFailedAt,
        next.nextAttemptAt,
        next.lockedUntil,
      ]);
      return next;
    });
  }

  /** A successful sign-in from this source forgets its failures (and old rows of the account go). */
  async clear(userId: string, source: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failures WHERE user_id = $1 AND (source = $2 OR last_failed_at < now() - interval '1 day')`, [userId, source]);
  }

  /** An administrator's unlock: every source's count and lock of the account; answers how many sources were locked. */
  async unlockAll(userId: string): Promise<number> {
    // TypeORM answers a DELETE … RETURNING as [rows, affected].
    const [rows] = (await this.dataSource.query(`DELETE FROM login_failures WHERE user_id = $1 RETURNING locked_until > now() AS locked`, [userId])) as [{ locked: boolean | null }[], number];
    return rows.filter((r) => r.locked).length;
  }
}
