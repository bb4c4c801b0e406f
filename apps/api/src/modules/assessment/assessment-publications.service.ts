import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AssessmentLevel, PublicationDto, PublicationSummary } from '@grid/contracts';
import { isLeaderLevel, localDateOf, nextDate } from '@grid/domain';
import { DataSource } from 'typeorm';
import { AppError, notFound } from '../../common/app-error';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../auth/auth-user';
import { AssessmentService } from './assessment.service';

interface PublicationRow {
  id: string;
  level: AssessmentLevel;
  from: string;
  to: string;
  config_version: number;
  rows?: PublicationDto['rows'];
  published_by: string;
  published_at: Date;
  notice_until: string;
}

const COLUMNS = `p.id, p.level, to_char(p."from", 'YYYY-MM-DD') AS "from", to_char(p."to", 'YYYY-MM-DD') AS "to", p.config_version, p.published_at,
  to_char(p.notice_until, 'YYYY-MM-DD') AS notice_until, u.display_name AS published_by`;

/**
 * Public notice (公示): the ranking of a level for a period as the leader publishes it, frozen (later changes do
 * not alter what was on notice), without personal data beyond names and posts, with its notice period.
 */
@Injectable()
export class AssessmentPublicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly assessment: AssessmentService,
    private readonly audit: AuditLog,
  ) {}

  async publish(user: AuthUser, body: { level: AssessmentLevel; from: string; to: string; noticeDays: number }): Promise<PublicationDto> {
    const result = await this.assessment.assess(user, { level: body.level, from: body.from, to: body.to });
    const posts = body.level === 'worker' || isLeaderLevel(body.level) ? await this.posts(result.rows.map((r) => r.unitId)) : new Map<string, string>();
    const rows: PublicationDto['rows'] = result.rows.map((r) => ({
      rank: r.rank,
      unitName: r.unitName,
      unitCode: r.unitCode,
      post: posts.get(r.unitId) ?? null,
      grade: r.grade,
      stars: r.stars,
      composite: r.composite,
      score: r.score,
      bottom: r.bottom,
    }));
    let noticeUntil = localDateOf(new Date().toISOString());
    for (let day = 1; day < body.noticeDays; day++) noticeUntil = nextDate(noticeUntil);
    const id = await this.dataSource.transaction(async (manager) => {
      const [same] = (await manager.query(`SELECT 1 FROM assessment_publications WHERE level = $1 AND "from" = $2 AND "to" = $3`, [body.level, body.from, body.to])) as unknown[];
      if (same) throw new AppError('conflict', 'these results are already published', { level: 'already published for this period' }, 'already_published');
      const [row] = (await manager.query(
        `INSERT INTO assessment_publications (level, "from", "to", config_version, rows, published_by, notice_until) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [body.level, body.from, body.to, result.configVersion, JSON.stringify(rows), user.id, noticeUntil],
      )) as { id: string }[];
      await this.audit.record({ action: 'assessment_published', actorId: user.id, username: user.username, detail: { publicationId: row.id, level: body.level, from: body.from, to: body.to } }, manager);
      return row.id;
    });
    return this.get(id);
  }

  async list(): Promise<PublicationSummary[]> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM assessment_publications p JOIN users u ON u.id = p.published_by ORDER BY p.published_at DESC LIMIT 200`)) as PublicationRow[];
    return rows.map((r) => summaryOf(r));
  }

  async get(id: string): Promise<PublicationDto> {
    const [row] = (await this.dataSource.query(`SELECT ${COLUMNS}, p.rows FROM assessment_publications p JOIN users u ON u.id = p.published_by WHERE p.id = $1`, [id])) as PublicationRow[];
    if (!row) throw notFound('publication');
    return { ...summaryOf(row), rows: row.rows ?? [] };
  }

  /** The post (role) of each person: what a notice may say of them besides their name. */
  private async posts(ids: string[]): Promise<Map<string, string>> {
    const rows = (await this.dataSource.query(`SELECT id, role FROM users WHERE id = ANY($1::uuid[])`, [ids])) as { id: string; role: string }[];
    return new Map(rows.map((r) => [r.id, r.role]));
  }
}

function summaryOf(r: PublicationRow): PublicationSummary {
  return {
    id: r.id,
    level: r.level,
    from: r.from,
    to: r.to,
    configVersion: r.config_version,
    publishedBy: r.published_by,
    publishedAt: r.published_at.toISOString(),
    noticeUntil: r.notice_until,
    onNotice: r.notice_until >= localDateOf(new Date().toISOString()),
  };
}
