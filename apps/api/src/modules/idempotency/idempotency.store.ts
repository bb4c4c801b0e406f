import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppError } from '../../common/app-error';

export interface StoredResponse<T> {
  status: number;
  body: T;
  /** True when this is the answer to an earlier request with the same key (nothing was applied again). */
  replayed: boolean;
}

/** A header value that can serve as a key: printable, 1–128 characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

export const requestHash = (method: string, path: string, body: unknown) => createHash('sha256').update(`${method} ${path} ${JSON.stringify(body ?? null)}`).digest('hex');

/**
 * Makes a write safe to retry (a phone on a poor signal resends): the first request with a key claims
 * it inside the write's own transaction; a retry waits for that transaction and gets its stored answer.
 * A key reused for a different request is refused (409).
 */
@Injectable()
export class IdempotencyStore {
  async run<T>(
    manager: EntityManager,
    claim: { userId: string; key: string | undefined; hash: string },
    work: () => Promise<{ status: number; body: T }>,
  ): Promise<StoredResponse<T>> {
    if (claim.key === undefined) return { ...(await work()), replayed: false };
    assertIdempotencyKey(claim.key);
    // Blocks while another transaction holds the same key, then sees its committed row.
    const inserted: unknown[] = await manager.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, status, response) VALUES ($1, $2, $3, 0, 'null') ON CONFLICT DO NOTHING RETURNING key`,
      [claim.userId, claim.key, claim.hash],
    );
    if (!inserted.length) {
      const previous = await this.previous<T>(manager, { ...claim, key: claim.key });
      return { status: previous.status, body: previous.response, replayed: true };
    }
    const result = await work();
    await manager.query(`UPDATE idempotency_keys SET status = $3, response = $4 WHERE user_id = $1 AND key = $2`, [claim.userId, claim.key, result.status, JSON.stringify(result.body)]);
    return { ...result, replayed: false };
  }

  /**
   * The committed claim of an earlier request with this key (a report's names the case it created);
   * 409 when that request was a different one.
   */
  async previous<T>(manager: EntityManager, claim: { userId: string; key: string; hash: string }): Promise<PreviousClaim<T>> {
    const [previous] = (await manager.query(`SELECT request_hash, status, response, case_id FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [claim.userId, claim.key])) as {
      request_hash: string;
      status: number;
      response: T;
      case_id: string | null;
    }[];
    if (previous.request_hash !== claim.hash) throw new AppError('conflict', 'Idempotency-Key was already used for a different request');
    return { status: previous.status, response: previous.response, caseId: previous.case_id };
  }
}

export interface PreviousClaim<T> {
  status: number;
  response: T;
  caseId: string | null;
}

export function assertIdempotencyKey(key: string): void {
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) throw new AppError('invalid', 'Idempotency-Key: 1–128 printable characters', { 'Idempotency-Key': 'invalid' });
}
