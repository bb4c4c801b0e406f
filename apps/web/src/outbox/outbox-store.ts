import type { AppendTrackRequest, CaseActionPath, CreateCaseRequest, EndPatrolRequest, RecordVisitRequest, StartPatrolRequest } from '@grid/contracts';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { ActionRequest, PhotoUpload } from '../cases/case-commands';

interface OutboxItemBase {
  /** Generated once when the item is made; also its Idempotency-Key, so a resend is never applied twice. */
  id: string;
  userId: string;
  /** Sending order: the order the user acted in. */
  order: number;
  createdAt: string;
  /** failed: the API refused it (sending again would not help); the user may discard it. */
  state: 'waiting' | 'sending' | 'failed';
  error: string | null;
  attempts: number;
}

export interface ReportItem extends OutboxItemBase {
  kind: 'report';
  /** Without photo ids: the photos are uploaded first, when the item is sent. */
  request: Omit<CreateCaseRequest, 'photoIds' | 'selfHandled'>;
  photos: PhotoUpload[];
  /** Handled on the spot (自行处置): the result and its photos. */
  selfHandled: { result: string; photos: PhotoUpload[] } | null;
}

export interface ActionItem extends OutboxItemBase {
  kind: 'action';
  caseId: string;
  caseCode: string;
  request: ActionRequest;
}

/** One write of a patrol; patrols and visits carry the phone's ids, so a resend changes nothing. */
export type PatrolRequest =
  | { op: 'start'; body: StartPatrolRequest }
  | { op: 'points'; body: AppendTrackRequest }
  | { op: 'visit'; body: RecordVisitRequest }
  | { op: 'end'; body: EndPatrolRequest };

export interface PatrolItem extends OutboxItemBase {
  kind: 'patrol';
  patrolId: string;
  request: PatrolRequest;
}

/** The items that act on a case (their answer is the case). */
export type CaseOutboxItem = ReportItem | ActionItem;
export type OutboxItem = CaseOutboxItem | PatrolItem;
export type NewOutboxItem = Omit<ReportItem, keyof OutboxItemBase> | Omit<ActionItem, keyof OutboxItemBase> | Omit<PatrolItem, keyof OutboxItemBase>;

const DB_NAME = 'grid-outbox';
const STORE = 'items';

interface OutboxDb extends DBSchema {
  items: { key: string; value: OutboxItem };
}
type Database = IDBPDatabase<OutboxDb>;

/**
 * Items kept in IndexedDB (photos as Blobs), so a report made in a hill village without signal survives
 * closing the browser; mirrored in memory for the views. Without IndexedDB (some private modes) the
 * queue lives in memory only.
 */
class OutboxStore {
  private items: OutboxItem[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly db: Promise<Database | null>;
  readonly ready: Promise<void>;

  constructor() {
    this.db = openDatabase();
    this.ready = this.db.then(async (db) => {
      if (!db) return;
      this.items = await db.getAll(STORE);
      // A send cut off by closing the page is waiting again, not sending.
      this.items = this.items.map((item): OutboxItem => (item.state === 'sending' ? { ...item, state: 'waiting' } : item)).sort((a, b) => a.order - b.order);
      this.notify();
    });
  }

  snapshot = (): readonly OutboxItem[] => this.items;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  async add(id: string, userId: string, item: NewOutboxItem): Promise<OutboxItem> {
    await this.ready;
    const order = Math.max(Date.now(), (this.items.at(-1)?.order ?? 0) + 1);
    const full = { ...item, id, userId, order, createdAt: new Date().toISOString(), state: 'waiting', error: null, attempts: 0 } as OutboxItem;
    await this.write(full);
    return full;
  }

  async update(id: string, patch: (item: OutboxItem) => OutboxItem): Promise<void> {
    const item = this.items.find((i) => i.id === id);
    if (item) await this.write(patch(item));
  }

  async remove(id: string): Promise<void> {
    this.items = this.items.filter((i) => i.id !== id);
    this.notify();
    const db = await this.db;
    if (db) await db.delete(STORE, id);
  }

  /** Memory first (so two quick updates never read the same old item), then the database, in call order. */
  private async write(item: OutboxItem): Promise<void> {
    const others = this.items.filter((i) => i.id !== item.id);
    this.items = [...others, item].sort((a, b) => a.order - b.order);
    this.notify();
    const db = await this.db;
    if (db) await db.put(STORE, item);
  }

  private notify(): void {
    this.listeners.forEach((l) => l());
  }
}

function openDatabase(): Promise<Database | null> {
  if (typeof indexedDB === 'undefined') return Promise.resolve(null);
  // Blocked (another tab holds an older version open): the queue lives in memory rather than waiting.
  return new Promise((resolve) => {
    openDB<OutboxDb>(DB_NAME, 1, {
      upgrade: (db) => db.createObjectStore(STORE, { keyPath: 'id' }),
      blocked: () => resolve(null),
    }).then(resolve, () => resolve(null));
  });
}

export const outboxStore = new OutboxStore();

/** The actions of a case still waiting to be sent (their buttons show as pending). */
export function pendingActionsOf(items: readonly OutboxItem[], caseId: string): CaseActionPath[] {
  return items.filter((i): i is ActionItem => i.kind === 'action' && i.caseId === caseId && i.state !== 'failed').map((i) => i.request.action);
}
