import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEPARTMENT_ROLES, DISTRICT_WIDE_ROLES, type AppealDto, type AppealKind, type AppealListResponse, type AppealStatus } from '@grid/contracts';
import { localDateOf } from '@grid/domain';
import { DataSource } from 'typeorm';
import { AppError, forbidden, invalid, notFound } from '../../common/app-error';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../auth/auth-user';
import { refuseAfterNotice } from './assessment-adjustments.service';
import { AssessmentFactsStore, type FactRow } from './assessment-facts.store';
import { AssessmentProjector } from './assessment-projector.service';

interface AppealRow {
  id: string;
  case_id: string;
  code: string;
  kind: AppealKind;
  appellant_id: string;
  department_id: string | null;
  reason: string;
  evidence: string;
  attachment_ids: string[];
  status: AppealStatus;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  created_at: Date;
}

const SELECT = `SELECT a.*, c.code FROM assessment_appeals a JOIN cases c ON c.id = a.case_id`;

/** Whether the case carries the attribution at all, and whom (which person, which department) it counts against. */
function attribution(fact: FactRow, kind: AppealKind): { exists: boolean; personId: string | null; departmentIds: string[] } {
  switch (kind) {
    case 'overdue':
      // Charged to whoever held the case when it went overdue (ADR 0021).
      return {
        exists: fact.overdue_at !== null && fact.overdue_at <= new Date(),
        personId: fact.overdue_holder_id,
        departmentIds: fact.overdue_department_id ? [fact.overdue_department_id] : [],
      };
    case 'rework':
      return { exists: fact.reworked, personId: fact.handler_id, departmentIds: fact.department_ids };
    case 'missed_report':
      return { exists: fact.missed_report, personId: fact.grid_worker_id, departmentIds: [] };
  }
}

/**
 * Appeals (申诉) against an attribution (an overdue, a rework, a missed report): filed with evidence by
 * the person it counts against (or their department's staff), decided by an assessor with a note, both
 * in the audit log. An upheld appeal waives the attribution: the case is marked for the projector, which
 * recomputes its facts, so every figure, point and ranking follows.
 */
@Injectable()
export class AssessmentAppealsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly facts: AssessmentFactsStore,
    private readonly projector: AssessmentProjector,
    private readonly audit: AuditLog,
  ) {}

  async create(user: AuthUser, body: { caseId: string; kind: AppealKind; reason: string; evidence: string; attachmentIds: string[] }): Promise<AppealDto> {
    await this.projector.projectDirty();
    const [fact] = (await this.dataSource.query(`SELECT * FROM assessment_facts WHERE case_id = $1`, [body.caseId])) as FactRow[];
    if (!fact) throw notFound('case');
    const { exists, personId, departmentIds } = attribution(fact, body.kind);
    const forDepartment = DEPARTMENT_ROLES.includes(user.role) && user.departmentId !== null && departmentIds.includes(user.departmentId);
    if (!exists) throw invalid(`the case has no ${body.kind} to appeal`, { kind: `the case has no ${body.kind}` });
    if (personId !== user.id && !forDepartment) throw forbidden('only the person (or department) it counts against may appeal it');
    await refuseAfterNotice(this.dataSource.manager, localDateOf(fact.reported_at.toISOString()), 'caseId');
    const id = await this.dataSource.transaction(async (manager) => {
      try {
        const [row] = (await manager.query(
          `INSERT INTO assessment_appeals (case_id, kind, appellant_id, department_id, reason, evidence, attachment_ids) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [body.caseId, body.kind, user.id, forDepartment ? user.departmentId : null, body.reason, body.evidence, body.attachmentIds],
        )) as { id: string }[];
        await this.audit.record({ action: 'appeal_filed', actorId: user.id, username: user.username, detail: { appealId: row.id, caseId: body.caseId, kind: body.kind } }, manager);
        return row.id;
      } catch (error) {
        if ((error as { code?: string }).code === '23505') throw new AppError('conflict', 'this attribution is already appealed', { kind: 'already appealed (pending or upheld)' });
        throw error;
      }
    });
    return this.get(id);
  }

  async list(user: AuthUser, query: { status?: AppealStatus; page: number; pageSize: number }): Promise<AppealListResponse> {
    const params: unknown[] = [];
    const conditions: string[] = [];
    if (!DISTRICT_WIDE_ROLES.includes(user.role)) {
      params.push(user.id);
      conditions.push(user.departmentId ? `(a.appellant_id = $1 OR a.department_id = $${params.push(user.departmentId)})` : `a.appellant_id = $1`);
    }
    if (query.status) conditions.push(`a.status = $${params.push(query.status)}`);
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = (await this.dataSource.query(
      `SELECT a.*, c.code, count(*) OVER () AS total FROM assessment_appeals a JOIN cases c ON c.id = a.case_id ${where}
       ORDER BY a.created_at DESC LIMIT $${params.push(query.pageSize)} OFFSET $${params.push((query.page - 1) * query.pageSize)}`,
      params,
    )) as (AppealRow & { total: string })[];
    return { items: rows.map(dtoOf), total: rows.length ? Number(rows[0].total) : 0, page: query.page, pageSize: query.pageSize };
  }

  async decide(user: AuthUser, id: string, body: { decision: 'upheld' | 'rejected'; note: string }): Promise<AppealDto> {
    await this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(`SELECT * FROM assessment_appeals WHERE id = $1 FOR UPDATE`, [id])) as AppealRow[];
      if (!row) throw notFound('appeal');
      if (row.status !== 'pending') throw new AppError('conflict', `the appeal is already ${row.status}`, undefined, 'already_decided');
      await manager.query(`UPDATE assessment_appeals SET status = $2, decided_by = $3, decided_at = now(), decision_note = $4 WHERE id = $1`, [id, body.decision, user.id, body.note]);
      if (body.decision === 'upheld') await this.facts.markDirty(manager, [row.case_id]);
      await this.audit.record({ action: 'appeal_decided', actorId: user.id, username: user.username, detail: { appealId: id, caseId: row.case_id, kind: row.kind, decision: body.decision } }, manager);
    });
    return this.get(id);
  }

  private async get(id: string): Promise<AppealDto> {
    const [row] = (await this.dataSource.query(`${SELECT} WHERE a.id = $1`, [id])) as AppealRow[];
    if (!row) throw notFound('appeal');
    return dtoOf(row);
  }
}

function dtoOf(r: AppealRow): AppealDto {
  return {
    id: r.id,
    caseId: r.case_id,
    caseCode: r.code,
    kind: r.kind,
    appellantId: r.appellant_id,
    departmentId: r.department_id,
    reason: r.reason,
    evidence: r.evidence,
    attachmentIds: r.attachment_ids,
    status: r.status,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at?.toISOString() ?? null,
    decisionNote: r.decision_note,
    createdAt: r.created_at.toISOString(),
  };
}
