import type { CaseDetail } from '@grid/contracts';
import { useEffect, useSyncExternalStore } from 'react';
import { ApiRequestError, NetworkError } from '../api/api-request-error';
import { newIdempotencyKey } from '../api/idempotency-key';
import { sessionStore, useSession } from '../api/session-store';
import { type ActionRequest, createCase, sendAction, uploadPhotos } from '../cases/case-commands';
import { sendPatrolRequest } from '../patrols/patrol-commands';
import { type CaseOutboxItem, type NewOutboxItem, type OutboxItem, outboxStore, type ReportItem } from './outbox-store';

/** How often a waiting queue tries again while the page is open (besides the browser's `online` event). */
const RETRY_EVERY_MS = 15_000;

type SentListener = (item: CaseOutboxItem, detail: CaseDetail) => void;
const sentListeners = new Set<SentListener>();
let flushing: Promise<void> | null = null;

/** Whether a failure is worth retrying later (no connection, server trouble, signed out) or final (a refusal). */
function retryable(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  if (error instanceof ApiRequestError) return error.status >= 500 || error.status === 429 || error.status === 401 || error.status === 408;
  return false;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function sendReport(item: ReportItem): Promise<CaseDetail> {
  const remember = (list: 'photos' | 'result') => (index: number, id: string) =>
    void outboxStore.update(item.id, (current) => {
      if (current.kind !== 'report') return current;
      if (list === 'photos') return { ...current, photos: current.photos.map((p, i) => (i === index ? { ...p, uploadedId: id } : p)) };
      if (!current.selfHandled) return current;
      return { ...current, selfHandled: { ...current.selfHandled, photos: current.selfHandled.photos.map((p, i) => (i === index ? { ...p, uploadedId: id } : p)) } };
    });
  const photoIds = await uploadPhotos(item.photos, null, item.id, remember('photos'));
  const selfHandled = item.selfHandled
    ? { result: item.selfHandled.result, photoIds: await uploadPhotos(item.selfHandled.photos, null, `${item.id}.r`, remember('result')) }
    : undefined;
  return createCase({ ...item.request, photoIds, ...(selfHandled ? { selfHandled } : {}) }, item.id);
}

/** Sends one item; answers the case for a report or an action, null for a patrol's write. */
async function send(item: OutboxItem): Promise<CaseDetail | null> {
  if (item.kind === 'patrol') {
    await sendPatrolRequest(item.patrolId, item.request);
    return null;
  }
  if (item.kind === 'report') return sendReport(item);
  return sendAction(item.caseId, item.request, item.id, (index, id) =>
    void outboxStore.update(item.id, (current) =>
      current.kind === 'action' ? { ...current, request: { ...current.request, photos: current.request.photos.map((p, i) => (i === index ? { ...p, uploadedId: id } : p)) } } : current,
    ),
  );
}

async function flushNow(): Promise<void> {
  await outboxStore.ready;
  for (;;) {
    const userId = sessionStore.get()?.user.id;
    if (!userId || !navigator.onLine) return;
    // Strictly in the order the user acted: the first waiting item goes first.
    const item = outboxStore.snapshot().find((i) => i.userId === userId && i.state !== 'failed');
    if (!item) return;
    await outboxStore.update(item.id, (i) => ({ ...i, state: 'sending', attempts: i.attempts + 1 }));
    try {
      const detail = await send(item);
      await outboxStore.remove(item.id);
      if (detail && item.kind !== 'patrol') sentListeners.forEach((l) => l(item, detail));
    } catch (error) {
      const final = !retryable(error);
      await outboxStore.update(item.id, (i) => ({ ...i, state: final ? 'failed' : 'waiting', error: errorText(error) }));
      if (!final) {
        // The connection is flaky or gone: keep the order, try again soon (2 s, 4 s, 8 s… at most 30 s).
        setTimeout(() => void flushOutbox(), Math.min(30_000, 1000 * 2 ** Math.min(item.attempts + 1, 5)));
        return;
      }
    }
  }
}

/** Sends what is waiting, one item at a time in order; a second call while sending waits for the first. */
export function flushOutbox(): Promise<void> {
  flushing ??= flushNow().finally(() => {
    flushing = null;
  });
  return flushing;
}

/** Queues a report or an action (its Idempotency-Key made now, once) and tries to send it at once. */
export async function enqueue(item: NewOutboxItem): Promise<OutboxItem> {
  const userId = sessionStore.get()?.user.id;
  if (!userId) throw new Error('not signed in');
  const queued = await outboxStore.add(newIdempotencyKey(), userId, item);
  void flushOutbox();
  return queued;
}

export function enqueueAction(caseId: string, caseCode: string, request: ActionRequest): Promise<OutboxItem> {
  return enqueue({ kind: 'action', caseId, caseCode, request });
}

/** Gives a refused item another go (e.g. after the leader fixed the case), or drops it. */
export async function retryItem(id: string): Promise<void> {
  await outboxStore.update(id, (i) => ({ ...i, state: 'waiting', error: null }));
  void flushOutbox();
}

export function discardItem(id: string): Promise<void> {
  return outboxStore.remove(id);
}

/** The signed-in user's queue, live; keeps sending while the page is open (online events, a timer). */
export function useOutbox(): readonly OutboxItem[] {
  const session = useSession();
  const userId = session?.user.id;
  const all = useSyncExternalStore(outboxStore.subscribe, outboxStore.snapshot);
  useEffect(() => {
    if (!userId) return;
    const kick = () => void flushOutbox();
    kick();
    window.addEventListener('online', kick);
    const timer = setInterval(kick, RETRY_EVERY_MS);
    return () => {
      window.removeEventListener('online', kick);
      clearInterval(timer);
    };
  }, [userId]);
  return all.filter((i) => i.userId === userId);
}

/** Calls `listener` when a queued item has been accepted by the API (e.g. to say "reported: HK…"). */
export function useOutboxSent(listener: SentListener): void {
  useEffect(() => {
    sentListeners.add(listener);
    return () => {
      sentListeners.delete(listener);
    };
  }, [listener]);
}
