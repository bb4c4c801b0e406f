import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NotificationChannel, PublicCaseView, PublicPhoto, publicRatingSchema, publicReopenSchema } from '@grid/contracts';
import { IN_HAND_STATUSES, maskContact, publicStepOf, REOPEN_WINDOW_DAYS, withinReopenWindow, type CaseCommand } from '@grid/domain';
import { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { forbidden, notFound } from '../../common/app-error';
import { BLOB_STORE, type BlobStore } from '../attachments/blob-store';
import { CaseCommandService } from './case-commands.service';
import { CaseContextLoader } from './case-context.service';
import { CaseEntity } from './case.entity';
import { CaseStore, type StoredEvent } from './case-store';

/** Who holds a token: the reporter (the case's tracking token) or a resident following the case (their own token). */
interface TokenHolder {
  row: CaseEntity;
  viewer: 'reporter' | 'follower';
  /** The holder's subscription to the case's notifications, when one was written. */
  subscription: { channel: NotificationChannel; contact: string; stopped: boolean } | null;
}

/**
 * The tracking page's side of a case (`/track/<token>`, issue 18): what a resident may see and do without an account.
 * Nothing personal is answered, sensitive categories (disputes, petitions, special groups) are never named and show no
 * result or photos, and only the reporter's own token may rate or reopen.
 */
@Injectable()
export class PublicCaseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: CaseStore,
    private readonly context: CaseContextLoader,
    private readonly commands: CaseCommandService,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async view(token: string): Promise<PublicCaseView> {
    return this.dataSource.transaction('READ COMMITTED', async (manager) => this.viewOf(manager, await this.holder(manager, token), token));
  }

  async rate(token: string, body: z.output<typeof publicRatingSchema>): Promise<PublicCaseView> {
    return this.act(token, { action: 'rate', score: body.score, note: body.comment });
  }

  async reopen(token: string, body: z.output<typeof publicReopenSchema>): Promise<PublicCaseView> {
    return this.act(token, { action: 'reopen', note: body.reason });
  }

  /** A result photo of the case that a staff member marked public (never one of a sensitive category's cases). */
  async photo(token: string, photoId: string, variant: 'file' | 'thumbnail'): Promise<{ data: Buffer; mime: string }> {
    const { row } = await this.holder(this.dataSource.manager, token);
    const [photo] = (await this.dataSource.query(
      `SELECT a.storage_key, a.thumbnail_key, a.mime FROM attachments a JOIN categories cat ON cat.code = $3
       WHERE a.id = $1 AND a.case_id = $2 AND a.public AND a.purpose = 'result' AND NOT cat.sensitive`,
      [photoId, row.id, row.categoryCode],
    )) as { storage_key: string; thumbnail_key: string | null; mime: string }[];
    if (!photo) throw notFound('photo');
    const data = await this.blobs.get(variant === 'thumbnail' && photo.thumbnail_key ? photo.thumbnail_key : photo.storage_key);
    if (!data) throw notFound('photo file');
    return { data, mime: variant === 'thumbnail' && photo.thumbnail_key ? 'image/jpeg' : photo.mime };
  }

  private async act(token: string, command: CaseCommand): Promise<PublicCaseView> {
    const holder = await this.holder(this.dataSource.manager, token);
    if (holder.viewer !== 'reporter') throw forbidden('only the resident who reported the case may rate or reopen it');
    await this.commands.actAsResident(holder.row.id, command);
    return this.view(token);
  }

  private async holder(manager: EntityManager, token: string): Promise<TokenHolder> {
    const row = await manager.findOneBy(CaseEntity, { trackingToken: token });
    if (row) {
      const [own] = (await manager.query(`SELECT channel, contact, stopped_at FROM case_subscribers WHERE case_id = $1 AND role = 'reporter' ORDER BY created_at LIMIT 1`, [row.id])) as SubscriberRow[];
      const subscription = own ? subscriptionOf(own) : row.reporterPhone ? { channel: 'sms' as const, contact: row.reporterPhone, stopped: false } : null;
      return { row, viewer: 'reporter', subscription };
    }
    const [follower] = (await manager.query(`SELECT case_id, channel, contact, stopped_at FROM case_subscribers WHERE token = $1`, [token])) as (SubscriberRow & { case_id: string })[];
    const followed = follower ? await manager.findOneBy(CaseEntity, { id: follower.case_id }) : null;
    if (!follower || !followed) throw notFound('case');
    return { row: followed, viewer: 'follower', subscription: subscriptionOf(follower) };
  }

  private async viewOf(manager: EntityManager, { row, viewer, subscription }: TokenHolder, token: string): Promise<PublicCaseView> {
    const category = await this.context.category(manager, row.categoryCode, row.categoryVersion);
    const events = await this.store.events(manager, row.id);
    const now = new Date();
    const closed = row.status === 'closed';
    const open = IN_HAND_STATUSES.includes(row.status) || row.status === 'reported';
    const shown = !category.sensitive;
    const promisedAt = row.handleDueAt?.toISOString() ?? null;
    const rated = lastOf(events, 'rated');
    const closedAt = row.closedAt?.toISOString() ?? null;
    const reopenable = viewer === 'reporter' && closed && withinReopenWindow(closedAt, now.toISOString());
    return {
      code: row.code,
      status: row.status,
      step: publicStepOf(row.status),
      // Sensitive categories (disputes, petitions, special groups) are never named publicly.
      categoryName: shown ? category.name : '',
      categoryNameEn: shown ? category.nameEn : '',
      reportedAt: row.reportedAt.toISOString(),
      promisedAt,
      promiseMissed: promisedAt !== null && IN_HAND_STATUSES.includes(row.status) && Date.parse(promisedAt) < now.getTime(),
      closedAt,
      result: closed && shown ? (lastOf(events, 'completed', 'self_handled')?.note ?? null) : null,
      photos: closed && shown ? await this.publicPhotos(manager, row.id, token) : [],
      question: open && shown ? (questionOf(events) ?? null) : null,
      rating: rated?.kind === 'rated' && viewer === 'reporter' ? { score: rated.data.score, comment: rated.note ?? null } : null,
      following: viewer === 'follower',
      canRate: viewer === 'reporter' && closed && !rated,
      reopenUntil: reopenable && closedAt ? new Date(Date.parse(closedAt) + REOPEN_WINDOW_DAYS * 86_400_000).toISOString() : null,
      notifications: { subscribed: subscription !== null && !subscription.stopped, contact: subscription ? maskContact(subscription.channel, subscription.contact) : null },
      // Status changes only (and, on a merged duplicate, its main case closing): who did what inside the administration is not public.
      timeline: events.filter((e) => e.fromStatus !== e.toStatus || e.kind === 'main_case_closed').map((e) => ({ kind: e.kind, at: e.at, toStatus: e.toStatus })),
    };
  }

  private async publicPhotos(manager: EntityManager, caseId: string, token: string): Promise<PublicPhoto[]> {
    const rows = (await manager.query(`SELECT id, thumbnail_key FROM attachments WHERE case_id = $1 AND public AND purpose = 'result' ORDER BY created_at`, [caseId])) as { id: string; thumbnail_key: string | null }[];
    const base = `/api/public/cases/${encodeURIComponent(token)}/photos`;
    return rows.map((r) => ({ id: r.id, url: `${base}/${r.id}/file`, thumbnailUrl: r.thumbnail_key ? `${base}/${r.id}/thumbnail` : null }));
  }
}

interface SubscriberRow {
  channel: NotificationChannel;
  contact: string;
  stopped_at: Date | null;
}

const subscriptionOf = (r: SubscriberRow) => ({ channel: r.channel, contact: r.contact, stopped: r.stopped_at !== null });

function lastOf(events: readonly StoredEvent[], ...kinds: StoredEvent['kind'][]): StoredEvent | undefined {
  for (let i = events.length - 1; i >= 0; i -= 1) if (kinds.includes(events[i].kind)) return events[i];
  return undefined;
}

/** The handler's latest question, unless the case moved on to another handling step since (a completion, a reopening). */
function questionOf(events: readonly StoredEvent[]): string | undefined {
  const asked = lastOf(events, 'info_requested', 'completed', 'reopened', 'returned', 'escalated');
  return asked?.kind === 'info_requested' ? asked.note : undefined;
}
