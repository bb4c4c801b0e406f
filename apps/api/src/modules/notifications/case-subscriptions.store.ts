import { Injectable } from '@nestjs/common';
import type { NotificationChannel } from '@grid/contracts';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** A resident who gets a case's notifications: its reporter, or someone who follows it instead of reporting it again. */
export interface CaseSubscription {
  id: string;
  caseId: string;
  role: 'reporter' | 'follower';
  channel: NotificationChannel;
  contact: string;
  token: string;
  stoppedAt: Date | null;
}

interface Row {
  id: string;
  case_id: string;
  role: 'reporter' | 'follower';
  channel: NotificationChannel;
  contact: string;
  token: string;
  stopped_at: Date | null;
}

const of = (r: Row): CaseSubscription => ({ id: r.id, caseId: r.case_id, role: r.role, channel: r.channel, contact: r.contact, token: r.token, stoppedAt: r.stopped_at });

/** A token as the tracking page takes it (the same alphabet and length as a case's tracking token). */
export const newToken = (): string => randomBytes(12).toString('base64url');

/** All SQL of `case_subscribers` (ADR 0018), in the caller's transaction. */
@Injectable()
export class CaseSubscriptionStore {
  /**
   * The reporter's subscription, written the first time it is needed from the phone the case was reported with
   * (front desk, hotline caller, Open311): intake writes nothing of it, so the report's hot path is unchanged.
   */
  async ensureReporter(manager: EntityManager, caseId: string): Promise<void> {
    await manager.query(
      `INSERT INTO case_subscribers (case_id, role, channel, contact, token)
       SELECT id, 'reporter', 'sms', reporter_phone, $2 FROM cases WHERE id = $1 AND reporter_phone IS NOT NULL
       ON CONFLICT (case_id, channel, contact) DO NOTHING`,
      [caseId, newToken()],
    );
  }

  /** Everyone a notice of the case goes to now (stopped subscriptions left out). */
  async active(manager: EntityManager, caseIds: readonly string[]): Promise<CaseSubscription[]> {
    for (const id of caseIds) await this.ensureReporter(manager, id);
    const rows = (await manager.query(`SELECT * FROM case_subscribers WHERE case_id = ANY($1::uuid[]) AND stopped_at IS NULL ORDER BY created_at, id`, [caseIds])) as Row[];
    return rows.map(of);
  }

  async byId(manager: EntityManager, id: string): Promise<CaseSubscription | null> {
    const [row] = (await manager.query(`SELECT * FROM case_subscribers WHERE id = $1`, [id])) as Row[];
    return row ? of(row) : null;
  }

  /** A follower (or the reporter again with another contact): subscribed anew, or again after stopping. */
  async follow(manager: EntityManager, caseId: string, channel: NotificationChannel, contact: string): Promise<CaseSubscription> {
    const [row] = (await manager.query(
      `INSERT INTO case_subscribers (case_id, role, channel, contact, token) VALUES ($1, 'follower', $2, $3, $4)
       ON CONFLICT (case_id, channel, contact) DO UPDATE SET stopped_at = NULL
       RETURNING *`,
      [caseId, channel, contact, newToken()],
    )) as Row[];
    return of(row);
  }

  /**
   * Stops messages to the holder of a token: a follower's own, or the case's tracking token (its reporter, whose
   * subscription is written first if no message went yet). Answers whether a subscription now stands stopped.
   */
  async stop(manager: EntityManager, token: string): Promise<boolean> {
    const [reported] = (await manager.query(`SELECT id FROM cases WHERE tracking_token = $1`, [token])) as { id: string }[];
    if (reported) {
      await this.ensureReporter(manager, reported.id);
      const stopped = (await manager.query(`UPDATE case_subscribers SET stopped_at = coalesce(stopped_at, now()) WHERE case_id = $1 AND role = 'reporter' RETURNING id`, [reported.id])) as [unknown[], number];
      return rowCount(stopped) > 0;
    }
    const stopped = (await manager.query(`UPDATE case_subscribers SET stopped_at = coalesce(stopped_at, now()) WHERE token = $1 RETURNING id`, [token])) as [unknown[], number];
    return rowCount(stopped) > 0;
  }
}

/** TypeORM answers an UPDATE … RETURNING as [rows, count]. */
function rowCount(result: [unknown[], number] | unknown[]): number {
  return Array.isArray(result[0]) ? (result[0] as unknown[]).length : (result as unknown[]).length;
}
