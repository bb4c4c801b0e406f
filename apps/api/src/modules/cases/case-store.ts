import { Injectable } from '@nestjs/common';
import type { AssessmentCaseFacts, CaseEventDraft } from '@grid/domain';
import { EntityManager } from 'typeorm';
import type { Statement } from '../../database/pg-pool';
import { FACT_COLUMN_LIST, factRecordset, factsParameter } from '../assessment/assessment-facts.store';
import type { AuthUser } from '../auth/auth-user';
import { CaseEntity } from './case.entity';
import { caseScopeCondition } from './case-scope';

/** A timeline entry as stored: the domain's draft plus its case and `seq`. */
export type StoredEvent = CaseEventDraft & { seq: number; caseId: string };

/**
 * A new case's row, the events that report it, the idempotency claim of the request, and its assessment facts
 * when the report writes them itself (see `writableAtIntake`; null leaves them to the projector).
 */
export interface NewReport {
  row: CaseEntity;
  drafts: readonly CaseEventDraft[];
  claim: { key: string | undefined; hash: string };
  facts: AssessmentCaseFacts | null;
}

/** Whether a report was written (false: its key was claimed before), and its events as stored. */
export interface ReportWritten {
  created: boolean;
  events: StoredEvent[];
}

/** A case as just written and the events that wrote it: what the live channel publishes after the commit. */
export interface WrittenCase {
  row: CaseEntity;
  events: StoredEvent[];
}

/** All SQL of cases and their events: every write goes through here inside the caller's transaction. */
@Injectable()
export class CaseStore {
  /**
   * Writes new cases, their events and (with a key) their idempotency claims in ONE prepared statement: no
   * explicit transaction, one round trip however many cases. A single statement is atomic; the events
   * reference the cases inserted beside them (foreign keys are checked at the end of the statement). A case
   * whose key was already claimed (a retry, or the same key in flight elsewhere: the insert waits for that
   * transaction) is not written and answers `created: false`. A report carrying its facts writes them too, as of
   * its last event, so that the assessment's trigger leaves it unmarked. Answers one result per report, in order.
   */
  async insertReported(run: Statement, reports: readonly NewReport[]): Promise<ReportWritten[]> {
    const cases = reports.map((r) => r.row);
    const col = <T>(pick: (row: CaseEntity) => T) => cases.map(pick);
    const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;
    const events = reports.flatMap((r, i) => r.drafts.map((d) => ({ i: i + 1, d })));
    const rows = await run<{ created: boolean; seqs: string[] }>('case-report', INSERT_REPORTED, [
      col((r) => r.id), col((r) => r.code), col((r) => r.trackingToken), col((r) => r.source), col((r) => r.categoryCode), col((r) => r.priority),
      col((r) => r.description), col((r) => r.lat), col((r) => r.lng), col((r) => r.address), col((r) => r.gridId), col((r) => uuidArray(r.areaPath)),
      col((r) => r.status), col((r) => r.handlingAreaId), col((r) => r.handlingDepartmentId), col((r) => r.assigneeId), col((r) => r.reporterId),
      col((r) => r.reporterName), col((r) => r.reporterPhone), col((r) => uuidArray(r.departmentIds)), col((r) => r.acceptDueAt), col((r) => r.handleDueAt),
      col((r) => r.slaState), col((r) => r.suspended), col((r) => r.mergedInto), JSON.stringify(col((r) => r.state)), col((r) => r.reportedAt),
      col((r) => r.closedAt), col((r) => r.nextSlaCheckAt),
      reports.map((r) => r.claim.key ?? null), reports.map((r) => r.claim.hash),
      events.map((e) => e.i), events.map((e) => e.d.kind), events.map((e) => e.d.fromStatus), events.map((e) => e.d.toStatus), events.map((e) => e.d.actorId),
      events.map((e) => e.d.at), events.map((e) => e.d.note ?? null), JSON.stringify(events.map((e) => e.d.data)),
      factsParameter(reports.flatMap((r) => (r.facts ? [{ facts: r.facts, throughSeq: null }] : []))),
      col((r) => r.categoryVersion),
    ]);
    return reports.map((r, i) =>
      rows[i].created ? { created: true, events: r.drafts.map((draft, k) => ({ ...draft, seq: Number(rows[i].seqs[k]), caseId: r.row.id })) } : { created: false, events: [] },
    );
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

  /**
   * The case locked for an action, or null when it does not exist or the caller may not see it (404). FOR NO
   * KEY UPDATE, the lock an UPDATE of its columns takes anyway: FOR UPDATE would also block the key-share
   * locks that rows referencing the case take (the assessment projector writing the case's facts), and the
   * two transactions deadlocked when the projector held the case's dirty mark that the action's events renew.
   */
  lockVisible(manager: EntityManager, id: string, user: AuthUser): Promise<CaseEntity | null> {
    const scope = caseScopeCondition(user);
    return manager
      .createQueryBuilder(CaseEntity, 'c')
      .where('c.id = :id', { id })
      .andWhere(scope.sql, scope.params)
      .setLock('for_no_key_update')
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

/**
 * See CaseStore.insertReported. $1–$29 the cases' columns as parallel arrays (area and department paths as
 * array literals; $26, their states, as one JSON array), $30–$31 their idempotency claims, $32–$39 their events as
 * parallel arrays with the 1-based position of their case ($39, their data, as one JSON array), $40 the assessment
 * facts of those that carry them, $41 their categories' versions. JSON documents travel as JSON arrays rather than text arrays: the driver would
 * escape every quote in them, which cost more than the rest of the statement's parameters together.
 */
const INSERT_REPORTED = `
  WITH c AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::float8[], $10::text[],
      $11::uuid[], $12::text[], $13::text[], $14::uuid[], $15::uuid[], $16::uuid[], $17::uuid[], $18::text[], $19::text[], $20::text[],
      $21::timestamptz[], $22::timestamptz[], $23::text[], $24::bool[], $25::uuid[], $27::timestamptz[], $28::timestamptz[], $29::timestamptz[],
      $30::text[], $31::text[], $41::int[]) WITH ORDINALITY
      AS c(id, code, tracking_token, source, category_code, priority, description, lat, lng, address,
        grid_id, area_path, status, handling_area_id, handling_department_id, assignee_id, reporter_id, reporter_name, reporter_phone, department_ids,
        accept_due_at, handle_due_at, sla_state, suspended, merged_into, reported_at, closed_at, next_sla_check_at, claim_key, claim_hash, category_version, ord)
  ), claim AS (
    INSERT INTO idempotency_keys (user_id, key, request_hash, status, response, case_id)
    SELECT reporter_id, claim_key, claim_hash, 201, 'null', id FROM c WHERE claim_key IS NOT NULL ORDER BY ord
    ON CONFLICT DO NOTHING RETURNING case_id
  ), go AS (
    SELECT * FROM c WHERE claim_key IS NULL OR id IN (SELECT case_id FROM claim)
  ), ev AS (
    INSERT INTO case_events (case_id, kind, from_status, to_status, actor_id, at, note, data, area_path, department_ids)
    SELECT go.id, e.kind, e.from_status, e.to_status, e.actor_id, e.at, e.note, $39::jsonb -> (e.ord::int - 1), go.area_path::uuid[], go.department_ids::uuid[]
    FROM unnest($32::int[], $33::text[], $34::text[], $35::text[], $36::uuid[], $37::timestamptz[], $38::text[])
      WITH ORDINALITY AS e(case_ord, kind, from_status, to_status, actor_id, at, note, ord)
    JOIN go ON go.ord = e.case_ord
    ORDER BY e.ord
    RETURNING case_id, seq
  ), inserted AS (
    INSERT INTO cases (id, code, tracking_token, source, category_code, category_version, priority, description, lat, lng, address,
      grid_id, area_path, status, handling_area_id, handling_department_id, assignee_id, reporter_id, reporter_name, reporter_phone, department_ids,
      accept_due_at, handle_due_at, sla_state, suspended, merged_into, state, reported_at, closed_at, next_sla_check_at, last_seq)
    SELECT id, code, tracking_token, source, category_code, category_version, priority, description, lat, lng, address,
      grid_id, area_path::uuid[], status, handling_area_id, handling_department_id, assignee_id, reporter_id, reporter_name, reporter_phone, department_ids::uuid[],
      accept_due_at, handle_due_at, sla_state, suspended, merged_into, $26::jsonb -> (go.ord::int - 1), reported_at, closed_at, next_sla_check_at,
      (SELECT max(seq) FROM ev WHERE ev.case_id = go.id)
    FROM go
    RETURNING id
  ), facts AS (
    INSERT INTO assessment_facts (${FACT_COLUMN_LIST}, through_seq, computed_at)
    SELECT ${FACT_COLUMN_LIST}, (SELECT max(seq) FROM ev WHERE ev.case_id = r.case_id), now()
    FROM ${factRecordset('$40')}
    WHERE r.case_id IN (SELECT id FROM go)
  )
  SELECT EXISTS (SELECT 1 FROM inserted i WHERE i.id = c.id) AS created,
    ARRAY(SELECT seq FROM ev WHERE ev.case_id = c.id ORDER BY seq)::text[] AS seqs
  FROM c ORDER BY c.ord`;
