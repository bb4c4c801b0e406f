import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FollowCaseResponse, followCaseSchema, NearbyCases, nearbyCasesQuerySchema, NotificationLog, NotificationLogEntry, StopNotificationsResponse } from '@grid/contracts';
import { maskContact, publicStepOf, TERMINAL_STATUSES } from '@grid/domain';
import { distanceMeters } from '@grid/geo';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { AppError, notFound } from '../../common/app-error';
import type { AuthUser } from '../auth/auth-user';
import { CaseDuplicateFinder } from '../cases/case-duplicates';
import { caseScopeCondition } from '../cases/case-scope';
import { CaseSubscriptionStore } from './case-subscriptions.store';
import { RESIDENT_CHANNEL } from './resident-notifier.service';

interface LogRow {
  id: string;
  kind: NotificationLogEntry['kind'];
  state: NotificationLogEntry['state'];
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
  text: string | null;
  channel: NotificationLogEntry['channel'];
  contact: string;
  role: NotificationLogEntry['role'];
}

interface NearbyRow {
  code: string;
  status: NearbyCases['items'][number]['status'];
  lat: number;
  lng: number;
  reported_at: Date;
  handle_due_at: Date | null;
  name: string;
  name_en: string;
}

/** A resident's side of notifications without an account (follow, stop), "already reported nearby", and the staff's send log. */
@Injectable()
export class ResidentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly subscriptions: CaseSubscriptionStore,
    private readonly duplicates: CaseDuplicateFinder,
  ) {}

  /**
   * Open cases of the category near a point, before a resident reports (the duplicate detection's own radius and
   * window): what the front desk, the report form and Open311 clients offer to follow instead. Sensitive categories
   * never appear; the cases' locations are not given, only how far they are.
   */
  async nearby(query: z.output<typeof nearbyCasesQuerySchema>): Promise<NearbyCases> {
    const location = { lat: query.lat, lng: query.lng };
    const ids = await this.duplicates.candidateIds({ categoryCode: query.categoryCode, location, at: new Date() });
    if (!ids.length) return { items: [] };
    const rows = (await this.dataSource.query(
      `SELECT c.code, c.status, c.lat, c.lng, c.reported_at, c.handle_due_at, cat.name, cat.name_en
       FROM cases c JOIN categories cat ON cat.code = c.category_code AND NOT cat.sensitive
       WHERE c.id = ANY($1::uuid[]) AND c.merged_into IS NULL`,
      [ids],
    )) as NearbyRow[];
    const items = rows
      .filter((r) => !TERMINAL_STATUSES.includes(r.status))
      .map((r) => ({
        code: r.code,
        status: r.status,
        step: publicStepOf(r.status),
        categoryName: r.name,
        categoryNameEn: r.name_en,
        distanceM: Math.round(distanceMeters(location, { lat: r.lat, lng: r.lng }) / 10) * 10,
        reportedAt: r.reported_at.toISOString(),
        promisedAt: r.handle_due_at?.toISOString() ?? null,
      }))
      .sort((a, b) => a.distanceM - b.distanceM);
    return { items };
  }

  /** "Already reported — follow this one instead": the contact gets the case's notifications and a tracking link of its own. */
  async follow(body: z.output<typeof followCaseSchema>): Promise<FollowCaseResponse> {
    return this.dataSource.transaction(async (manager) => {
      const [target] = (await manager.query(
        `SELECT c.id, c.code, c.status FROM cases c JOIN categories cat ON cat.code = c.category_code AND NOT cat.sensitive WHERE c.code = $1 FOR NO KEY UPDATE OF c`,
        [body.caseCode],
      )) as { id: string; code: string; status: NearbyRow['status'] }[];
      if (!target) throw notFound('case');
      if (TERMINAL_STATUSES.includes(target.status)) throw new AppError('conflict', 'the case has ended: report the matter anew', { caseCode: 'ended' }, 'wrong_status');
      const channel = body.phone ? 'sms' : 'wechat';
      const contact = body.phone ? body.phone.replace(/[\s-]/g, '') : (body.wechatOpenId as string);
      const subscription = await this.subscriptions.follow(manager, target.id, channel, contact);
      return { caseCode: target.code, token: subscription.token, trackPath: `/track/${subscription.token}`, contact: maskContact(channel, contact) };
    });
  }

  /** Stops messages to the holder of a tracking token (the reporter's, or a follower's own). */
  async stop(token: string): Promise<StopNotificationsResponse> {
    const stopped = await this.dataSource.transaction((manager) => this.subscriptions.stop(manager, token));
    if (!stopped) throw notFound('subscription');
    return { stopped };
  }

  /** The send log of a case in the caller's scope, newest first; contacts are always masked. */
  async log(user: AuthUser, caseId: string): Promise<NotificationLog> {
    const scope = caseScopeCondition(user);
    const visible = await this.dataSource.createQueryBuilder().select('c.id').from('cases', 'c').where('c.id = :caseId', { caseId }).andWhere(scope.sql, scope.params).getRawOne();
    if (!visible) throw notFound('case');
    const rows = (await this.dataSource.query(
      `SELECT m.id, m.kind, m.state, m.attempts, m.last_error, m.created_at, m.sent_at, m.payload->>'text' AS text, s.channel, s.contact, s.role
       FROM outbox_messages m JOIN case_subscribers s ON s.id::text = m.destination
       WHERE m.channel = $2 AND m.case_id = $1 ORDER BY m.id DESC LIMIT 200`,
      [caseId, RESIDENT_CHANNEL],
    )) as LogRow[];
    return {
      items: rows.map((r) => ({
        id: String(r.id),
        kind: r.kind,
        channel: r.channel,
        to: maskContact(r.channel, r.contact),
        role: r.role,
        state: r.state,
        attempts: r.attempts,
        lastError: r.last_error,
        text: r.text ?? '',
        createdAt: r.created_at.toISOString(),
        sentAt: r.sent_at?.toISOString() ?? null,
      })),
    };
  }
}
