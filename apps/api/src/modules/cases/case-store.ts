import { Injectable } from '@nestjs/common';
import { localDateOf, type CaseEventDraft } from '@grid/domain';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { CaseEntity } from './case.entity';
import { caseScopeCondition } from './case-scope';

/** A timeline entry as stored: the domain's draft plus its case and `seq`. */
export type StoredEvent = CaseEventDraft & { seq: number; caseId: string };

/** All SQL of cases and their events: every write goes through here inside the caller's transaction. */
@Injectable()
export class CaseStore {
  /** The next number of the day (Asia/Shanghai) for a prefix; the row lock makes it race-free. */
  async nextSequence(manager: EntityManager, prefix: string, now: Date): Promise<{ localDate: string; sequence: number }> {
    const localDate = localDateOf(now.toISOString());
    const [row] = (await manager.query(
      `INSERT INTO case_code_counters (prefix, day, last) VALUES ($1, $2, 1)
       ON CONFLICT (prefix, day) DO UPDATE SET last = case_code_counters.last + 1 RETURNING last`,
      [prefix, localDate],
    )) as { last: number }[];
    return { localDate, sequence: row.last };
  }

  async insert(manager: EntityManager, row: Partial<CaseEntity>): Promise<void> {
    await manager.insert(CaseEntity, row);
  }

  async update(manager: EntityManager, id: string, row: Partial<CaseEntity>): Promise<void> {
    await manager.update(CaseEntity, { id }, row);
  }

  /**
   * Appends events in order (their `seq` from the table's sequence) and moves the case's `last_seq`, in
   * one statement: a report or an action costs one round trip here, however many events it writes.
   */
  async append(manager: EntityManager, target: Pick<CaseEntity, 'id' | 'areaPath' | 'departmentIds'>, drafts: readonly CaseEventDraft[]): Promise<StoredEvent[]> {
    if (!drafts.length) return [];
    const PER_EVENT = 7;
    const values = drafts.map((_, i) => {
      const p = (k: number) => `$${4 + i * PER_EVENT + k}`;
      return `(${i}, ${p(0)}, ${p(1)}, ${p(2)}, ${p(3)}::uuid, ${p(4)}::timestamptz, ${p(5)}, ${p(6)}::jsonb)`;
    });
    const rows = (await manager.query(
      `WITH ins AS (
         INSERT INTO case_events (case_id, kind, from_status, to_status, actor_id, at, note, data, area_path, department_ids)
         SELECT $1::uuid, v.kind, v.from_status, v.to_status, v.actor_id, v.at, v.note, v.data, $2::uuid[], $3::uuid[]
         FROM (VALUES ${values.join(', ')}) AS v(ord, kind, from_status, to_status, actor_id, at, note, data)
         ORDER BY v.ord
         RETURNING seq
       ), moved AS (UPDATE cases SET last_seq = (SELECT max(seq) FROM ins) WHERE id = $1::uuid)
       SELECT seq FROM ins ORDER BY seq`,
      [target.id, target.areaPath, target.departmentIds, ...drafts.flatMap((d) => [d.kind, d.fromStatus, d.toStatus, d.actorId, d.at, d.note ?? null, JSON.stringify(d.data)])],
    )) as { seq: string }[];
    return drafts.map((draft, i) => ({ ...draft, seq: Number(rows[i].seq), caseId: target.id }));
  }

  /** The case locked for an action, or null when it does not exist or the caller may not see it (404). */
  lockVisible(manager: EntityManager, id: string, user: AuthUser): Promise<CaseEntity | null> {
    const scope = caseScopeCondition(user);
    return manager
      .createQueryBuilder(CaseEntity, 'c')
      .where('c.id = :id', { id })
      .andWhere(scope.sql, scope.params)
      .setLock('pessimistic_write')
      .getOne();
  }

  async events(manager: EntityManager, caseId: string): Promise<StoredEvent[]> {
    const rows = (await manager.query(
      `SELECT seq, case_id, kind, from_status, to_status, actor_id, at, note, data FROM case_events WHERE case_id = $1 ORDER BY seq`,
      [caseId],
    )) as { seq: string; case_id: string; kind: string; from_status: string | null; to_status: string; actor_id: string | null; at: Date; note: string | null; data: unknown }[];
    return rows.map(
      (r) =>
        ({
          seq: Number(r.seq),
          caseId: r.case_id,
          kind: r.kind,
          fromStatus: r.from_status,
          toStatus: r.to_status,
          actorId: r.actor_id,
          at: r.at.toISOString(),
          ...(r.note === null ? {} : { note: r.note }),
          data: r.data,
        }) as StoredEvent,
    );
  }
}
