import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type AdjustmentCategory,
  type AdjustmentDto,
  type AdjustmentListResponse,
  type AdjustmentStatus,
} from '@grid/contracts';
import { localDateOf } from '@grid/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, invalid, notFound } from '../../common/app-error';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../auth/auth-user';

interface AdjustmentRow {
  id: string;
  user_id: string;
  display_name: string;
  date: string;
  points: string;
  category: AdjustmentCategory;
  reason: string;
  evidence: string;
  attachment_ids: string[];
  status: AdjustmentStatus;
  entered_by: string;
  entered_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  appeal_status: 'pending' | 'upheld' | 'rejected' | null;
  appeal_reason: string | null;
  appeal_evidence: string | null;
  appeal_attachment_ids: string[] | null;
  appealed_at: Date | null;
  appeal_decided_by: string | null;
  appeal_decided_at: Date | null;
  appeal_note: string | null;
}

const SELECT = `SELECT a.*, to_char(a.date, 'YYYY-MM-DD') AS date, u.display_name FROM assessment_adjustments a JOIN users u ON u.id = a.user_id`;
/** Who enters, approves and decides (考核办). */
export const ASSESSOR_ROLES: readonly string[] = ['assessor', 'admin'];
/** Points that count: approved, and not waived by an upheld appeal. */
export const COUNTING_ADJUSTMENT = `a.status = 'approved' AND a.appeal_status IS DISTINCT FROM 'upheld'`;

/**
 * Reward and penalty points (奖惩): entered by an assessor, approved by another (four eyes), counted in the
 * person's points of the period their date falls in, appealable by the person while the period is not
 * published or on notice. Every step is in the audit log, written in the transaction of the change.
 */
@Injectable()
export class AssessmentAdjustmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async create(
    user: AuthUser,
    body: { userId: string; date: string; points: number; category: AdjustmentCategory; reason: string; evidence: string; attachmentIds: string[] },
  ): Promise<AdjustmentDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      const [person] = (await manager.query(`SELECT id FROM users WHERE id = $1`, [body.userId])) as unknown[];
      if (!person) throw invalid('no such person', { userId: 'no such person' });
      const [{ known }] = (await manager.query(`SELECT count(*)::int AS known FROM attachments WHERE id = ANY($1::uuid[])`, [body.attachmentIds])) as { known: number }[];
      if (known !== new Set(body.attachmentIds).size) throw invalid('an attachment does not exist', { attachmentIds: 'unknown attachment' });
      await this.refuseIfPublished(manager, body.date);
      const [row] = (await manager.query(
        `INSERT INTO assessment_adjustments (user_id, date, points, category, reason, evidence, attachment_ids, entered_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [body.userId, body.date, body.points, body.category, body.reason, body.evidence, body.attachmentIds, user.id],
      )) as { id: string }[];
      await this.audit.record({ action: 'adjustment_entered', actorId: user.id, username: user.username, detail: { adjustmentId: row.id, userId: body.userId, points: body.points, date: body.date } }, manager);
      return row.id;
    });
    return this.get(id);
  }

  /** Approve or reject: by an assessor other than the one who entered the points. */
  async decide(user: AuthUser, id: string, body: { decision: 'approved' | 'rejected'; note: string }): Promise<AdjustmentDto> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.lock(manager, id);
      if (row.status !== 'pending') throw new AppError('conflict', `the points are already ${row.status}`, { decision: `already ${row.status}` }, 'already_decided');
      if (row.entered_by === user.id) throw new AppError('forbidden', 'a second assessor decides on points you entered', { decision: 'entered by you' }, 'same_actor');
      if (body.decision === 'approved') await this.refuseIfPublished(manager, row.date);
      await manager.query(`UPDATE assessment_adjustments SET status = $2, decided_by = $3, decided_at = now(), decision_note = $4 WHERE id = $1`, [id, body.decision, user.id, body.note]);
      await this.audit.record({ action: 'adjustment_decided', actorId: user.id, username: user.username, detail: { adjustmentId: id, decision: body.decision } }, manager);
    });
    return this.get(id);
  }

  /** The person appeals approved points (a rejected appeal may be followed by another, with new evidence). */
  async appeal(user: AuthUser, id: string, body: { reason: string; evidence: string; attachmentIds: string[] }): Promise<AdjustmentDto> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.lock(manager, id);
      if (row.user_id !== user.id) throw notFound('adjustment');
      if (row.status !== 'approved') throw new AppError('conflict', 'only approved points can be appealed', { status: row.status }, 'not_approved');
      if (row.appeal_status === 'pending' || row.appeal_status === 'upheld') throw new AppError('conflict', 'the points are already appealed', { reason: `appeal ${row.appeal_status}` }, 'already_appealed');
      await refuseAfterNotice(manager, row.date, 'date');
      await manager.query(
        `UPDATE assessment_adjustments SET appeal_status = 'pending', appeal_reason = $2, appeal_evidence = $3, appeal_attachment_ids = $4, appealed_at = now(),
           appeal_decided_by = NULL, appeal_decided_at = NULL, appeal_note = NULL WHERE id = $1`,
        [id, body.reason, body.evidence, body.attachmentIds],
      );
      await this.audit.record({ action: 'adjustment_appealed', actorId: user.id, username: user.username, detail: { adjustmentId: id } }, manager);
    });
    return this.get(id);
  }

  async decideAppeal(user: AuthUser, id: string, body: { decision: 'upheld' | 'rejected'; note: string }): Promise<AdjustmentDto> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.lock(manager, id);
      if (row.appeal_status !== 'pending') throw new AppError('conflict', 'no pending appeal', { decision: 'no pending appeal' }, 'no_request');
      await manager.query(`UPDATE assessment_adjustments SET appeal_status = $2, appeal_decided_by = $3, appeal_decided_at = now(), appeal_note = $4 WHERE id = $1`, [
        id,
        body.decision,
        user.id,
        body.note,
      ]);
      await this.audit.record({ action: 'adjustment_appeal_decided', actorId: user.id, username: user.username, detail: { adjustmentId: id, decision: body.decision } }, manager);
    });
    return this.get(id);
  }

  /** All points for assessors and admins; one's own for everybody else. */
  async list(user: AuthUser, query: { userId?: string; status?: AdjustmentStatus; page: number; pageSize: number }): Promise<AdjustmentListResponse> {
    const params: unknown[] = [];
    const conditions: string[] = [];
    const userId = ASSESSOR_ROLES.includes(user.role) ? query.userId : user.id;
    if (userId) conditions.push(`a.user_id = $${params.push(userId)}`);
    if (query.status) conditions.push(`a.status = $${params.push(query.status)}`);
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = (await this.dataSource.query(
      `${SELECT.replace('u.display_name', 'u.display_name, count(*) OVER () AS total')} ${where}
       ORDER BY a.entered_at DESC LIMIT $${params.push(query.pageSize)} OFFSET $${params.push((query.page - 1) * query.pageSize)}`,
      params,
    )) as (AdjustmentRow & { total: string })[];
    return { items: rows.map(dtoOf), total: rows.length ? Number(rows[0].total) : 0, page: query.page, pageSize: query.pageSize };
  }

  /** A person's points dated in a period (local dates, inclusive), for their ledger. */
  async ofPerson(userId: string, from: string, to: string): Promise<AdjustmentDto[]> {
    const rows = (await this.dataSource.query(`${SELECT} WHERE a.user_id = $1 AND a.date BETWEEN $2 AND $3 ORDER BY a.date, a.entered_at`, [userId, from, to])) as AdjustmentRow[];
    return rows.map(dtoOf);
  }

  /** The counting points of everybody in a period, summed per person: one set-based query for a ranking. */
  async sums(from: string, to: string): Promise<Map<string, number>> {
    const rows = (await this.dataSource.query(`SELECT a.user_id, sum(a.points)::float8 AS points FROM assessment_adjustments a WHERE ${COUNTING_ADJUSTMENT} AND a.date BETWEEN $1 AND $2 GROUP BY 1`, [
      from,
      to,
    ])) as { user_id: string; points: number }[];
    return new Map(rows.map((r) => [r.user_id, r.points]));
  }

  private async refuseIfPublished(manager: EntityManager, date: string): Promise<void> {
    const [published] = (await manager.query(`SELECT level, to_char("from", 'YYYY-MM-DD') AS "from", to_char("to", 'YYYY-MM-DD') AS "to" FROM assessment_publications WHERE $1::date BETWEEN "from" AND "to" LIMIT 1`, [
      date,
    ])) as { level: string; from: string; to: string }[];
    if (published) throw new AppError('conflict', `the results of ${published.from}…${published.to} are published: no more points for that period`, { date: 'period already published' }, 'published');
  }

  private async lock(manager: EntityManager, id: string): Promise<AdjustmentRow> {
    const [row] = (await manager.query(`SELECT *, to_char(date, 'YYYY-MM-DD') AS date FROM assessment_adjustments WHERE id = $1 FOR UPDATE`, [id])) as AdjustmentRow[];
    if (!row) throw notFound('adjustment');
    return row;
  }

  async get(id: string): Promise<AdjustmentDto> {
    const [row] = (await this.dataSource.query(`${SELECT} WHERE a.id = $1`, [id])) as AdjustmentRow[];
    if (!row) throw notFound('adjustment');
    return dtoOf(row);
  }
}

/**
 * Appeals about a day are open until the notice period of a publication covering it ends (公示期); a day no
 * publication covers is open. `field`: the request field the refusal names.
 */
export async function refuseAfterNotice(manager: EntityManager, date: string, field: string): Promise<void> {
  const today = localDateOf(new Date().toISOString());
  const [closed] = (await manager.query(`SELECT to_char(notice_until, 'YYYY-MM-DD') AS until FROM assessment_publications WHERE $1::date BETWEEN "from" AND "to" AND notice_until < $2::date LIMIT 1`, [
    date,
    today,
  ])) as { until: string }[];
  if (closed) throw new AppError('conflict', `the notice period of these results ended on ${closed.until}: appeals are closed`, { [field]: 'notice period ended' }, 'notice_ended');
}

function dtoOf(r: AdjustmentRow): AdjustmentDto {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: r.id,
    userId: r.user_id,
    displayName: r.display_name,
    date: r.date,
    points: Number(r.points),
    category: r.category,
    reason: r.reason,
    evidence: r.evidence,
    attachmentIds: r.attachment_ids,
    status: r.status,
    enteredBy: r.entered_by,
    enteredAt: r.entered_at.toISOString(),
    decidedBy: r.decided_by,
    decidedAt: iso(r.decided_at),
    decisionNote: r.decision_note,
    appeal:
      r.appeal_status === null || r.appealed_at === null
        ? null
        : {
            status: r.appeal_status,
            reason: r.appeal_reason ?? '',
            evidence: r.appeal_evidence ?? '',
            attachmentIds: r.appeal_attachment_ids ?? [],
            appealedAt: r.appealed_at.toISOString(),
            decidedBy: r.appeal_decided_by,
            decidedAt: iso(r.appeal_decided_at),
            note: r.appeal_note,
          },
    counts: r.status === 'approved' && r.appeal_status !== 'upheld',
  };
}
