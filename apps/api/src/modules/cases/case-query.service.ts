import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CASE_ACTION_PATHS,
  CASE_LIST_COUNT_LIMIT,
  DISTRICT_WIDE_ROLES,
  type AttachmentDto,
  type CaseActionPath,
  type CaseDetail,
  type CaseEventDto,
  type CaseListResponse,
  type caseListQuerySchema,
  type Priority,
} from '@grid/contracts';
import { decide, type CaseCommand } from '@grid/domain';
import { DataSource, EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import type { z } from 'zod';
import { notFound } from '../../common/app-error';
import type { AuthUser } from '../auth/auth-user';
import { AreasService } from '../areas/areas.service';
import { scopeOf } from '../auth/scope';
import { CASE_SEARCH_DOCUMENT, CASE_URGENCY } from '../../database/migrations/1763914000000-desk-at-scale';
import { CaseEntity } from './case.entity';
import { afterCursor, CASE_ORDERS, decodeCursor, encodeCursor } from './case-list-order';
import { actorOf, CaseContextLoader, type LoadedCategory } from './case-context.service';
import { toCaseSummary } from './case-projection';
import { CaseRecurrenceFinder } from './case-recurrence';
import { caseScopeCondition } from './case-scope';
import { CaseSlaService, type SlaView } from './case-sla.service';
import { CaseStore, type StoredEvent } from './case-store';
import { maskName, maskPhone } from './personal-data';

type ListQuery = z.output<typeof caseListQuerySchema>;

const OPEN = ['closed', 'rejected', 'cancelled'];
const URGENCY: Record<Priority, number> = { emergency: 2, urgent: 1, normal: 0 };

@Injectable()
export class CaseQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: CaseStore,
    private readonly context: CaseContextLoader,
    private readonly sla: CaseSlaService,
    private readonly areas: AreasService,
    private readonly recurrence: CaseRecurrenceFinder,
  ) {}

  /**
   * One page of the cases in the caller's scope (ADR 0022): the page's ids by the sort's index (after the cursor,
   * or at the page's offset), then their rows; beside it the matches counted up to a limit.
   */
  async list(user: AuthUser, query: ListQuery): Promise<CaseListResponse> {
    const order = CASE_ORDERS[query.sort];
    const cursor = query.cursor === undefined ? null : decodeCursor(query.sort, query.cursor);
    const qb = await this.filtered(user, query);
    const countLimit = query.count === 'exact' ? Infinity : Math.max(CASE_LIST_COUNT_LIMIT, query.page * query.pageSize) + 1;
    const counting = qb.clone().select('1');
    const [countSql, countParams] = (Number.isFinite(countLimit) ? counting.limit(countLimit) : counting).getQueryAndParameters();
    const page = qb.select('c.id', 'id');
    order.keys.forEach((k, i) => page.addSelect(`(${k.sql})::text`, `k${i}`));
    order.keys.forEach((k, i) => (i === 0 ? page.orderBy(k.sql, order.direction) : page.addOrderBy(k.sql, order.direction)));
    if (cursor) {
      const after = afterCursor(order, cursor);
      page.andWhere(after.sql, after.params);
    } else page.offset((query.page - 1) * query.pageSize);
    const [keys, [{ n: counted }]] = await Promise.all([
      page.limit(query.pageSize + 1).getRawMany<Record<string, string>>(),
      this.dataSource.query(`SELECT count(*)::int AS n FROM (${countSql}) AS matches`, countParams) as Promise<{ n: number }[]>,
    ]);
    const shown = keys.slice(0, query.pageSize);
    const rows = shown.length ? await this.dataSource.getRepository(CaseEntity).findBy({ id: In(shown.map((k) => k.id)) }) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const sensitive = await this.sensitiveCategoryCodes();
    const items = shown.flatMap((k) => {
      const c = byId.get(k.id);
      if (!c) return [];
      const summary = toCaseSummary(c);
      return [sensitive.has(c.categoryCode) && !this.seesSensitiveDetails(user, c) ? { ...summary, description: '' } : summary];
    });
    const last = shown[shown.length - 1];
    return {
      items,
      total: counted,
      totalExact: counted < countLimit,
      page: query.page,
      pageSize: query.pageSize,
      nextCursor: keys.length > query.pageSize && last ? encodeCursor(query.sort, order.keys.map((_, i) => last[`k${i}`])) : null,
    };
  }

  /** The cases in the caller's scope that match the list's filters (no order, no paging). */
  private async filtered(user: AuthUser, query: ListQuery): Promise<SelectQueryBuilder<CaseEntity>> {
    const scope = caseScopeCondition(user);
    const qb = this.dataSource.getRepository(CaseEntity).createQueryBuilder('c').where(scope.sql, scope.params);
    if (query.areaId) {
      await this.areas.assertVisible(scopeOf(user), query.areaId, 'areaId');
      qb.andWhere('c.area_path @> ARRAY[:areaId]::uuid[]', { areaId: query.areaId });
    }
    if (query.status) qb.andWhere('c.status IN (:...status)', { status: query.status });
    if (query.open !== undefined) qb.andWhere(query.open ? 'c.status NOT IN (:...ended)' : 'c.status IN (:...ended)', { ended: OPEN });
    if (query.categoryCode) qb.andWhere('(c.category_code = :category OR c.category_code LIKE :categoryPrefix)', { category: query.categoryCode, categoryPrefix: `${query.categoryCode}.%` });
    // As the priority sort's leading key: one priority is then a range of its index, already newest first.
    if (query.priority) qb.andWhere(`${CASE_URGENCY} IN (:...urgencies)`, { urgencies: query.priority.map((p) => URGENCY[p]) });
    if (query.sla) qb.andWhere('c.sla_state IN (:...sla)', { sla: query.sla });
    if (query.assigneeId) qb.andWhere('c.assignee_id = :assignee', { assignee: query.assigneeId === 'me' ? user.id : query.assigneeId });
    if (query.departmentId) {
      qb.andWhere('c.department_ids @> ARRAY[:departmentId]::uuid[]', { departmentId: query.departmentId });
      // Open for a department means its own part is open: a summoned department that has finished its part
      // (事不完人不撤 keeps the case itself open for the handling unit) no longer has it in hand.
      const finished = "c.state->'coHandlers' @> jsonb_build_array(jsonb_build_object('departmentId', CAST(:departmentId AS text), 'status', 'completed'))";
      if (query.open === true) qb.andWhere(`NOT (${finished})`);
    }
    if (query.bbox) {
      const [west, south, east, north] = query.bbox;
      qb.andWhere('c.lat BETWEEN :south AND :north AND c.lng BETWEEN :west AND :east', { west, south, east, north });
    }
    if (query.q) {
      qb.andWhere("(c.code ILIKE :q OR c.description ILIKE :q OR coalesce(c.address, '') ILIKE :q)", { q: `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` });
      // Every bigram of the words is in a text that holds them: the GIN index finds the candidates, ILIKE decides.
      if ([...query.q].length >= 2) qb.andWhere(`case_search_grams(${CASE_SEARCH_DOCUMENT}) @> case_search_grams(CAST(:words AS text))`, { words: query.q });
    }
    if (query.from) qb.andWhere('c.reported_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('c.reported_at < :to', { to: query.to });
    // Spelled as the closed-at sort's key (null is -infinity there, never after a date), so its index serves the range.
    if (query.closedFrom) qb.andWhere("coalesce(c.closed_at, '-infinity'::timestamptz) >= :closedFrom", { closedFrom: query.closedFrom });
    if (query.closedTo) qb.andWhere('c.closed_at < :closedTo', { closedTo: query.closedTo });
    return qb;
  }

  async get(user: AuthUser, id: string): Promise<CaseDetail> {
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const scope = caseScopeCondition(user);
      const row = await manager.createQueryBuilder(CaseEntity, 'c').where('c.id = :id', { id }).andWhere(scope.sql, scope.params).getOne();
      if (!row) throw notFound('case');
      return this.detail(manager, user, row);
    });
  }

  /** The full view of one case for a caller who may see it (used by every write to answer with the case). */
  async detail(manager: EntityManager, user: AuthUser, row: CaseEntity, events?: StoredEvent[], options: { withAttachments?: boolean; sla?: SlaView } = {}): Promise<CaseDetail> {
    const timeline = events ?? (await this.store.events(manager, row.id));
    const category = await this.context.category(manager, row.categoryCode, row.categoryVersion);
    const sla = options.sla ?? this.sla.evaluate(timeline, category, new Date(), row.state);
    const names = await this.actorNames(manager, timeline, user);
    const attachments = options.withAttachments === false ? [] : await this.attachments(manager, row.id);
    const seesPersonalData = this.seesPersonalData(user, row);
    const seesDetails = !category.sensitive || this.seesSensitiveDetails(user, row);
    const state = row.state;
    return {
      ...toCaseSummary(row),
      description: seesDetails ? row.description : '',
      trackingToken: row.trackingToken,
      categoryVersion: row.categoryVersion,
      reporterId: row.reporterId,
      reporterName: seesPersonalData ? row.reporterName : maskName(row.reporterName),
      reporterPhone: seesPersonalData ? row.reporterPhone : maskPhone(row.reporterPhone),
      verifierId: state.verifierId,
      coHandlers: sla.coHandlers,
      pendingExtension: state.pendingExtension ? { hours: state.pendingExtension.hours, reason: state.pendingExtension.reason, requestedAt: state.pendingExtension.requestedAt } : null,
      pendingSuspension: state.pendingSuspension ? { reason: state.pendingSuspension.reason, requestedAt: state.pendingSuspension.requestedAt } : null,
      rating: state.rating,
      mergedInto: state.mergedInto,
      clocks: sla.clocks,
      timeline: timeline.map((e) => toEventDto(e, names)),
      attachments,
      residentMediaUrl: seesDetails ? await this.residentMediaUrl(manager, row) : null,
      allowedActions: this.allowedActions(user, row, category),
      recurrence: await this.recurrence.of(row, manager),
    };
  }

  /** The photo link an Open311 report carried (kept with the request's own record). */
  private async residentMediaUrl(manager: EntityManager, row: CaseEntity): Promise<string | null> {
    if (row.source !== 'open311') return null;
    const [request] = (await manager.query(`SELECT media_url FROM open311_requests WHERE case_id = $1`, [row.id])) as { media_url: string | null }[];
    return request?.media_url ?? null;
  }

  /**
   * The actions the caller could take now: those the state machine would accept, or refuse only for
   * want of a field the form will ask for.
   */
  private allowedActions(user: AuthUser, row: CaseEntity, category: LoadedCategory): CaseActionPath[] {
    const actor = actorOf(user);
    const now = new Date().toISOString();
    return CASE_ACTION_PATHS.filter((action) => {
      const decision = decide(row.state, { action } as CaseCommand, actor, now, { category, mainCase: null });
      return decision.ok || decision.refusal.code === 'missing_field' || decision.refusal.code === 'invalid_field' || decision.refusal.code === 'invalid_target';
    });
  }

  /**
   * Residents' names and phones: for the command centre, the handler (the assignee, or the department
   * handling the case) and the leaders of its area. Assessors, summoned co-handlers and others see them masked.
   */
  private seesPersonalData(user: AuthUser, row: CaseEntity): boolean {
    if (DISTRICT_WIDE_ROLES.includes(user.role) && user.role !== 'assessor') return true;
    if (row.assigneeId === user.id) return true;
    const unit = row.state.unit;
    if (unit?.level === 'department' && user.departmentId !== null && unit.departmentId === user.departmentId) return true;
    const leader = user.role === 'zone_leader' || user.role === 'village_cadre' || user.role === 'grid_leader';
    return leader && user.areaId !== null && row.areaPath.includes(user.areaId);
  }

  /** Sensitive categories (disputes, petitions, special groups): details only for those handling them and the reporter. */
  private seesSensitiveDetails(user: AuthUser, row: CaseEntity): boolean {
    return this.seesPersonalData(user, row) || row.reporterId === user.id || (user.departmentId !== null && row.departmentIds.includes(user.departmentId));
  }

  private async sensitiveCategoryCodes(): Promise<Set<string>> {
    const rows = (await this.dataSource.query(`SELECT code FROM categories WHERE sensitive`)) as { code: string }[];
    return new Set(rows.map((r) => r.code));
  }

  private async actorNames(manager: EntityManager, events: StoredEvent[], caller: AuthUser): Promise<Map<string, string>> {
    const ids = [...new Set(events.flatMap((e) => (e.actorId && e.actorId !== caller.id ? [e.actorId] : [])))];
    if (!ids.length) return new Map([[caller.id, caller.displayName]]);
    const rows = (await manager.query(`SELECT id, display_name FROM users WHERE id = ANY($1)`, [ids])) as { id: string; display_name: string }[];
    return new Map([[caller.id, caller.displayName], ...rows.map((r): [string, string] => [r.id, r.display_name])]);
  }

  private async attachments(manager: EntityManager, caseId: string): Promise<AttachmentDto[]> {
    const rows = (await manager.query(`SELECT * FROM attachments WHERE case_id = $1 ORDER BY created_at`, [caseId])) as AttachmentRow[];
    return rows.map(toAttachmentDto);
  }
}

export interface AttachmentRow {
  id: string;
  purpose: AttachmentDto['purpose'];
  mime: string;
  size: number;
  thumbnail_key: string | null;
  lat: number | null;
  lng: number | null;
  taken_at: Date | null;
  distance_from_case_m: number | null;
  far_from_case: boolean;
  public?: boolean;
  created_at: Date;
}

export function toAttachmentDto(a: AttachmentRow): AttachmentDto {
  return {
    id: a.id,
    purpose: a.purpose,
    mime: a.mime,
    size: a.size,
    url: `/api/attachments/${a.id}/file`,
    thumbnailUrl: a.thumbnail_key ? `/api/attachments/${a.id}/thumbnail` : null,
    location: a.lat === null || a.lng === null ? null : { lat: a.lat, lng: a.lng },
    takenAt: a.taken_at?.toISOString() ?? null,
    distanceFromCaseM: a.distance_from_case_m,
    farFromCase: a.far_from_case,
    public: a.public ?? false,
    createdAt: a.created_at.toISOString(),
  };
}

function toEventDto(e: StoredEvent, names: Map<string, string>): CaseEventDto {
  return {
    seq: e.seq,
    kind: e.kind,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actorId: e.actorId,
    actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
    at: e.at,
    note: e.note ?? null,
    data: e.data as unknown as Record<string, unknown>,
  };
}
