import type { AttachmentDto, AttachmentUpload, CaseActionBody, CaseActionPath, CaseDetail, CreateCaseRequest } from '@grid/contracts';
import { apiRequest } from '../api/api-client';
import { putCaseDetail } from './case-queries';

/** A photo to upload with a report or an action: the file and where and when it was taken. */
export interface PhotoUpload {
  file: Blob;
  purpose: NonNullable<AttachmentUpload['purpose']>;
  lat?: number;
  lng?: number;
  takenAt?: string;
  /** Set once uploaded, so a retry does not upload it again. */
  uploadedId?: string;
}

/**
 * Uploads what is not uploaded yet, in order, and returns every id. `onUploaded` lets a queue remember
 * each id at once, so a failure half-way does not lose the photos already sent.
 */
export async function uploadPhotos(photos: PhotoUpload[], caseId: string | null, idempotencyKey: string, onUploaded?: (index: number, id: string) => void): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, photo] of photos.entries()) {
    if (photo.uploadedId) {
      ids.push(photo.uploadedId);
      continue;
    }
    const form = new FormData();
    form.set('purpose', photo.purpose);
    if (photo.lat !== undefined && photo.lng !== undefined) {
      form.set('lat', String(photo.lat));
      form.set('lng', String(photo.lng));
    }
    if (photo.takenAt) form.set('takenAt', photo.takenAt);
    form.set('file', photo.file, fileName(photo.file));
    const path = caseId ? `/api/cases/${encodeURIComponent(caseId)}/attachments` : '/api/attachments';
    const attachment = await apiRequest<AttachmentDto>(path, { method: 'POST', body: form, headers: { 'Idempotency-Key': `${idempotencyKey}.${index}` } });
    onUploaded?.(index, attachment.id);
    ids.push(attachment.id);
  }
  return ids;
}

function fileName(file: Blob): string {
  if (file instanceof File && file.name) return file.name;
  const extension = file.type === 'image/png' ? 'png' : file.type === 'image/webp' ? 'webp' : 'jpg';
  return `photo.${extension}`;
}

/** POST /api/cases: a report (and its photos); the same key makes a retry return the same case. */
export async function createCase(request: CreateCaseRequest, idempotencyKey: string): Promise<CaseDetail> {
  const detail = await apiRequest<CaseDetail>('/api/cases', { method: 'POST', body: request, headers: { 'Idempotency-Key': idempotencyKey } });
  putCaseDetail(detail);
  return detail;
}

/** POST /api/cases/:id/<action>; the answer (the case after the action) goes straight into the cache. */
export async function performCaseAction<A extends CaseActionPath>(caseId: string, action: A, body: CaseActionBody<A>, idempotencyKey: string): Promise<CaseDetail> {
  const detail = await apiRequest<CaseDetail>(`/api/cases/${encodeURIComponent(caseId)}/${action}`, {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
  putCaseDetail(detail);
  return detail;
}

/** An action as a view asks for it: the body without photo ids, and the photos to upload first. */
export interface ActionRequest {
  action: CaseActionPath;
  body: CaseActionBody<CaseActionPath>;
  photos: PhotoUpload[];
}

/** Uploads the action's photos to the case, then takes the action with their ids. */
export async function sendAction(caseId: string, request: ActionRequest, idempotencyKey: string, onUploaded?: (index: number, id: string) => void): Promise<CaseDetail> {
  const photoIds = await uploadPhotos(request.photos, caseId, idempotencyKey, onUploaded);
  const body = photoIds.length ? { ...request.body, photoIds } : request.body;
  return performCaseAction(caseId, request.action, body, idempotencyKey);
}
