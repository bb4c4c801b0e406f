import { Injectable } from '@nestjs/common';
import type { CaseEventDraft } from '@grid/domain';
import { EntityManager } from 'typeorm';
import type { Statement } from '../../database/pg-pool';
import type { AuthUser } from '../auth/auth-user';
import { CaseEntity } from './case.entity';
import { caseScopeCondition } from './case-scope';

/** A timeline entry as stored: the domain's draft plus its case and `seq`. */
export type StoredEvent = CaseEventDraft & { seq: number; caseId: string };

/** A case as just written and the events that wrote it: what the live channel publishes after the commit. */
export interface WrittenCase {
  row: CaseEntity;
  events: StoredEvent[];
}

/** All SQL of cases and their events: every write goes through here inside the caller's transaction. */
@Injectable()
export class CaseStore {
  /**
   * Writes a new case, its events and (with a key) its idempotency claim in ONE prepared statement: no
   * explicit transaction, one round trip. A single statement is atomic; the events reference the case
   * inserted beside them (foreign keys are checked at the end of the statement). When the key was already
   * claimed (a retry, or the same key in flight elsewhere: the insert waits for that transaction) nothing
   * is written and `created` is false.
   */
  async insertReported(run: Statement, row: CaseEntity, drafts: readonly CaseEventDraft[], claim: { key: string | undefined; hash: string }): Promise<{ created: boolean; events: StoredEvent[] }> {
    const [result] = await run<{ created: boolean; seqs: string[] }>('case-report', INSERT_REPORTED, [
      row.id, row.code, row.trackingToken, row.source, row.categoryCode, row.priority, row.description, row.lat, row.lng, row.address,
      row.gridId, row.areaPath, row.status, row.handlingAreaId, row.handlingDepartmentId, row.assigneeId, row.reporterId, row.reporterName, row.reporterPhone, row.departmentIds,
      row.acceptDueAt, row.handleDueAt, row.slaState, row.suspended, row.mergedInto, JSON.stringify(row.state), row.reportedAt, row.closedAt, row.nextSlaCheckAt,
      drafts.map((d) => d.kind), drafts.map((d) => d.fromStatus), drafts.map((d) => d.toStatus), drafts.map((d) => d.actorId), drafts.map((d) => d.at), drafts.map((d) => d.note ?? null), drafts.map((d) => JSON.stringify(d.data)),
      claim.key ?? null, claim.hash,
    ]);
    if (!result.created) return { created: false, events: [] };
    return { created: true, events: drafts.map((draft, i) => ({ ...draft, seq: Number(result.seqs[i]), caseId: row.id })) };
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

/** See CaseStore.insertReported: $1–$29 the case row, $30–$36 its events as parallel arrays, $37–$38 the idempotency claim. */
const INSERT_REPORTED = `
  WITH claim AS (
    INSERT INTO idempotency_keys (user_id, key, request_hash, status, response, case_id)
    SELECT $17, $37, $38, 201, 'null', $1 WHERE $37::varchar IS NOT NULL
    ON CONFLICT DO NOTHING RETURNING 1
  ), go AS (
    SELECT 1 WHERE $37::varchar IS NULL OR EXISTS (SELECT 1 FROM claim)
  ), ev AS (
    INSERT INTO case_events (case_id, kind, from_status, to_status, actor_id, at, note, data, area_path, department_ids)
    SELECT $1, e.kind, e.from_status, e.to_status, e.actor_id, e.at, e.note, e.data::jsonb, $12, $20
    FROM go, unnest($30::varchar[], $31::varchar[], $32::varchar[], $33::uuid[], $34::timestamptz[], $35::text[], $36::text[])
      WITH ORDINALITY AS e(kind, from_status, to_status, actor_id, at, note, data, ord)
    ORDER BY e.ord
    RETURNING seq
  ), inserted AS (
    INSERT INTO cases (id, code, tracking_token, source, category_code, priority, description, lat, lng, address,
      grid_id, area_path, status, handling_area_id, handling_department_id, assignee_id, reporter_id, reporter_name, reporter_phone, department_ids,
      accept_due_at, handle_due_at, sla_state, suspended, merged_into, state, reported_at, closed_at, next_sla_check_at, last_seq)
    SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
      $21, $22, $23, $24, $25, $26::jsonb, $27, $28, $29, (SELECT max(seq) FROM ev)
    FROM go
    RETURNING id
  )
  SELECT EXISTS (SELECT 1 FROM inserted) AS created, ARRAY(SELECT seq FROM ev ORDER BY seq)::text[] AS seqs`;
