import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AttachmentDto, attachmentUploadSchema } from '@grid/contracts';
import { distanceMeters } from '@grid/geo';
import { randomUUID } from 'node:crypto';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { IdempotencyStore, type StoredResponse } from '../idempotency/idempotency.store';
import type { z } from 'zod';
import { AppError, forbidden, invalid, notFound } from '../../common/app-error';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../auth/auth-user';
import { caseScopeCondition } from '../cases/case-scope';
import { toAttachmentDto, type AttachmentRow } from '../cases/case-query.service';
import { BLOB_STORE, type BlobStore } from './blob-store';
import { ImageProcessor } from './image-processor';

/** Who may mark any result photo of a case in their scope public, besides its uploader and the case's assignee. */
const PUBLISHERS = new Set(['operator', 'admin', 'zone_leader', 'village_cadre', 'grid_leader', 'dept_head']);

/** A result photo taken farther than this from the case is flagged for the verifier. */
export const FAR_FROM_CASE_M = 300;

type Upload = z.output<typeof attachmentUploadSchema>;

@Injectable()
export class AttachmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    private readonly images: ImageProcessor,
    private readonly idempotency: IdempotencyStore,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Marks a result photo of a case public (shown on the resident's tracking page once the case is closed) or not: by
   * the command centre, a leader over the case, its assignee or the photo's uploader. Never on a sensitive category.
   */
  async markPublic(user: AuthUser, caseId: string, attachmentId: string, isPublic: boolean): Promise<AttachmentDto> {
    return this.dataSource.transaction(async (manager) => {
      const scope = caseScopeCondition(user);
      const found = await manager
        .createQueryBuilder()
        .select(['a.purpose AS purpose', 'a.uploaded_by AS uploaded_by', 'c.assignee_id AS assignee_id', 'cat.sensitive AS sensitive'])
        .from('attachments', 'a')
        .innerJoin('cases', 'c', 'c.id = a.case_id')
        .leftJoin('categories', 'cat', 'cat.code = c.category_code')
        .where('a.id = :attachmentId AND a.case_id = :caseId', { attachmentId, caseId })
        .andWhere(scope.sql, scope.params)
        .getRawOne<{ purpose: string; uploaded_by: string | null; assignee_id: string | null; sensitive: boolean | null }>();
      if (!found) throw notFound('attachment');
      if (!PUBLISHERS.has(user.role) && found.uploaded_by !== user.id && found.assignee_id !== user.id) throw forbidden('only the handler, a leader over the case or the command centre marks a photo public');
      if (found.purpose !== 'result') throw invalid('only a result photo can be shown to the resident', { attachmentId: 'not a result photo' });
      if (isPublic && found.sensitive) throw new AppError('conflict', 'a case of a sensitive category is never shown publicly', { public: 'sensitive category' }, 'sensitive_category');
      const [row] = (await manager.query(
        `UPDATE attachments SET public = $2, public_marked_by = $3, public_marked_at = now() WHERE id = $1 RETURNING *`,
        [attachmentId, isPublic, user.id],
      )) as [AttachmentRow[], number];
      await this.audit.record({ action: 'photo_publicity_changed', actorId: user.id, username: user.username, detail: { caseId, attachmentId, public: isPublic } }, manager);
      return toAttachmentDto(row[0]);
    });
  }

  /**
   * Stores a checked photo and its thumbnail; bound to a case now (caseId) or later by a report or an
   * action. With an Idempotency-Key, a retried upload (the phone lost the answer) returns the first photo.
   */
  async upload(user: AuthUser, data: Buffer, meta: Upload, caseId: string | null, key?: string): Promise<StoredResponse<AttachmentDto>> {
    const hash = createHash('sha256').update(data).update(JSON.stringify({ meta, caseId })).digest('hex');
    return this.dataSource.transaction((manager) => this.idempotency.run(manager, { userId: user.id, key, hash }, async () => ({ status: 201, body: await this.store(manager, user, data, meta, caseId) })));
  }

  private async store(manager: EntityManager, user: AuthUser, data: Buffer, meta: Upload, caseId: string | null): Promise<AttachmentDto> {
    const image = await this.images.inspect(data);
    let caseLocation: { lat: number; lng: number } | null = null;
    if (caseId) {
      const scope = caseScopeCondition(user);
      const row = await manager.createQueryBuilder().select(['c.lat AS lat', 'c.lng AS lng']).from('cases', 'c').where('c.id = :caseId', { caseId }).andWhere(scope.sql, scope.params).getRawOne<{ lat: number; lng: number }>();
      if (!row) throw notFound('case');
      caseLocation = row;
    }
    const id = randomUUID();
    const storageKey = `attachments/${id.slice(0, 2)}/${id}`;
    const thumbnailKey = `${storageKey}.thumb.jpg`;
    await this.blobs.put(storageKey, data, image.mime);
    await this.blobs.put(thumbnailKey, await this.images.thumbnail(data), 'image/jpeg');
    const position = meta.lat !== undefined && meta.lng !== undefined ? { lat: meta.lat, lng: meta.lng } : null;
    const distance = position && caseLocation ? distanceMeters(position, caseLocation) : null;
    const [row] = (await manager.query(
      `INSERT INTO attachments (id, case_id, purpose, mime, size, storage_key, thumbnail_key, lat, lng, taken_at, distance_from_case_m, far_from_case, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
      [id, caseId, meta.purpose, image.mime, data.length, storageKey, thumbnailKey, position?.lat ?? null, position?.lng ?? null, meta.takenAt ?? null, distance, distance !== null && distance > FAR_FROM_CASE_M, user.id],
    )) as AttachmentRow[];
    return toAttachmentDto(row);
  }

  /** The bytes of a photo the caller may see: on a case in their scope, or uploaded by them. */
  async read(user: AuthUser, id: string, variant: 'file' | 'thumbnail'): Promise<{ data: Buffer; mime: string }> {
    const scope = caseScopeCondition(user);
    const row = await this.dataSource
      .createQueryBuilder()
      .select(['a.storage_key AS storage_key', 'a.thumbnail_key AS thumbnail_key', 'a.mime AS mime'])
      .from('attachments', 'a')
      .leftJoin('cases', 'c', 'c.id = a.case_id')
      .where('a.id = :id', { id })
      .andWhere(`(a.uploaded_by = :uploader OR (a.case_id IS NOT NULL AND ${scope.sql}))`, { uploader: user.id, ...scope.params })
      .getRawOne<{ storage_key: string; thumbnail_key: string | null; mime: string }>();
    if (!row) throw notFound('attachment');
    const key = variant === 'thumbnail' && row.thumbnail_key ? row.thumbnail_key : row.storage_key;
    const data = await this.blobs.get(key);
    if (!data) throw notFound('attachment file');
    return { data, mime: variant === 'thumbnail' ? 'image/jpeg' : row.mime };
  }
}
