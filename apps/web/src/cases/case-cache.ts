import type { CaseDetail, CaseListResponse, CaseSummary } from '@grid/contracts';
import { apiRequest } from '../api/api-client';
import { sessionStore } from '../api/session-store';
import { type CaseFilter, caseListPath, caseQueryString, compareCases, matchesFilter } from './case-filter';

/** What a hook sees of one cached request: the last data (kept while refreshing) and how the last fetch went. */
export interface CacheSnapshot<T> {
  data: T | undefined;
  error: Error | null;
  /** A request is on its way (the first one, or a refresh behind the shown data). */
  fetching: boolean;
}

export interface ListOptions {
  /** Every page at once (the map); the filter's page and pageSize are ignored. */
  all?: boolean;
  /** Keep the last answer on the device, to show it when the phone starts without a connection. */
  persist?: boolean;
}

interface Entry<T> {
  key: string;
  snapshot: CacheSnapshot<T>;
  listeners: Set<() => void>;
  stale: boolean;
  controller: AbortController | null;
  refreshTimer: ReturnType<typeof setTimeout> | null;
  persist: boolean;
  load: (signal: AbortSignal) => Promise<T>;
  loaded?: (data: T) => void;
}
interface ListEntry extends Entry<CaseListResponse> {
  filter: CaseFilter;
  all: boolean;
}
type DetailEntry = Entry<CaseDetail>;

const PAGE_SIZE_MAX = 500;
const PERSIST_PREFIX = 'grid.cases.';
/** A burst of live updates refreshes an incomplete list (a page, a count) once, not once per update. */
const REFRESH_DELAY_MS = 1200;
const DETAIL_REFRESH_DELAY_MS = 250;

const lists = new Map<string, ListEntry>();
const details = new Map<string, DetailEntry>();
/** The newest case event seq applied per case: an older push (a replay) never overwrites fresher data. */
const seqByCase = new Map<string, number>();
let owner = sessionStore.get()?.user.id ?? null;

// Another user signing in must not see the previous user's cases.
sessionStore.subscribe(() => {
  const next = sessionStore.get()?.user.id ?? null;
  if (next === owner) return;
  owner = next;
  for (const entry of [...lists.values(), ...details.values()]) entry.controller?.abort();
  lists.clear();
  details.clear();
  seqByCase.clear();
});

function notify<T>(entry: Entry<T>): void {
  entry.listeners.forEach((listener) => listener());
}

function set<T>(entry: Entry<T>, patch: Partial<CacheSnapshot<T>>): void {
  entry.snapshot = { ...entry.snapshot, ...patch };
  notify(entry);
}

function persistKey(key: string): string {
  return `${PERSIST_PREFIX}${owner}.${key}`;
}

function readPersisted<T>(key: string): T | undefined {
  try {
    const raw = localStorage.getItem(persistKey(key));
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

function writePersisted(key: string, data: unknown): void {
  try {
    localStorage.setItem(persistKey(key), JSON.stringify(data));
  } catch {
    // Full storage: the list still works online.
  }
}

function fetchEntry<T>(entry: Entry<T>): void {
  entry.controller?.abort();
  const controller = new AbortController();
  entry.controller = controller;
  entry.stale = false;
  set(entry, { fetching: true });
  entry
    .load(controller.signal)
    .then((data) => {
      if (controller.signal.aborted) return;
      entry.controller = null;
      if (entry.persist) writePersisted(entry.key, data);
      entry.loaded?.(data);
      set(entry, { data, error: null, fetching: false });
      // A live update came while this answer was on its way: the answer may predate it.
      if (entry.stale) revalidate(entry);
    })
    .catch((error: unknown) => {
      if (controller.signal.aborted) return;
      entry.controller = null;
      entry.stale = true;
      set(entry, { error: error instanceof Error ? error : new Error(String(error)), fetching: false });
    });
}

function noteSeq(detail: CaseDetail): void {
  const newest = detail.timeline.reduce((max, event) => Math.max(max, event.seq), 0);
  if (newest > (seqByCase.get(detail.id) ?? 0)) seqByCase.set(detail.id, newest);
}

/** Fetches now if someone is looking, else marks the entry to fetch when someone looks. */
function revalidate<T>(entry: Entry<T>, delayMs = 0): void {
  entry.stale = true;
  if (entry.listeners.size === 0) return;
  if (entry.refreshTimer) return;
  entry.refreshTimer = setTimeout(() => {
    entry.refreshTimer = null;
    if (entry.stale && entry.listeners.size > 0) fetchEntry(entry);
  }, delayMs);
}

function subscribe<T>(entry: Entry<T>, listener: () => void): () => void {
  entry.listeners.add(listener);
  if (entry.stale && !entry.controller) fetchEntry(entry);
  return () => {
    entry.listeners.delete(listener);
  };
}

async function loadAllPages(filter: CaseFilter, signal: AbortSignal): Promise<CaseListResponse> {
  const base = { ...filter, pageSize: PAGE_SIZE_MAX };
  const first = await apiRequest<CaseListResponse>(caseListPath({ ...base, page: 1 }), { signal });
  const pages = Math.ceil(first.total / PAGE_SIZE_MAX);
  const rest: CaseListResponse[] = [];
  // A few pages at a time: the map of a large territory should not queue hundreds of requests at once.
  for (let page = 2; page <= pages; page += 4) {
    const batch = [];
    for (let p = page; p < page + 4 && p <= pages; p++) batch.push(apiRequest<CaseListResponse>(caseListPath({ ...base, page: p }), { signal }));
    rest.push(...(await Promise.all(batch)));
  }
  const items = [first, ...rest].flatMap((r) => r.items);
  return { items, total: Math.max(first.total, items.length), page: 1, pageSize: items.length };
}

function newEntry<T>(key: string, persist: boolean, load: Entry<T>['load'], loaded?: Entry<T>['loaded']): Entry<T> {
  const data = persist ? readPersisted<T>(key) : undefined;
  return { key, persist, load, loaded, snapshot: { data, error: null, fetching: false }, listeners: new Set(), stale: true, controller: null, refreshTimer: null };
}

function listEntry(filter: CaseFilter, options: ListOptions): ListEntry {
  const all = options.all ?? false;
  const key = `list:${all ? 'all:' : ''}${caseQueryString(all ? { ...filter, page: undefined, pageSize: undefined } : filter)}`;
  let entry = lists.get(key);
  if (!entry) {
    const load = (signal: AbortSignal) => (all ? loadAllPages(filter, signal) : apiRequest<CaseListResponse>(caseListPath(filter), { signal }));
    entry = { ...newEntry(key, options.persist ?? false, load), filter, all };
    lists.set(key, entry);
  }
  return entry;
}

function detailEntry(id: string, persist: boolean): DetailEntry {
  const key = `detail:${id}`;
  let entry = details.get(key);
  if (!entry) {
    entry = newEntry(key, persist, (signal) => apiRequest<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`, { signal }), noteSeq);
    details.set(key, entry);
  }
  return entry;
}

/** What a list keeps of a case the API returned in full (lists hold summaries, not timelines). */
function summaryOf(c: CaseSummary | CaseDetail): CaseSummary {
  if (!('timeline' in c)) return c;
  const { timeline, attachments, clocks, coHandlers, allowedActions, ...rest } = c;
  return rest;
}

/** Puts a changed case into every list it now belongs to and takes it out of those it left. */
function patchLists(changed: CaseSummary): void {
  const summary = summaryOf(changed);
  for (const entry of lists.values()) {
    const data = entry.snapshot.data;
    if (entry.controller) entry.stale = true;
    if (!data) {
      entry.stale = true;
      continue;
    }
    const index = data.items.findIndex((c) => c.id === summary.id);
    const belongs = matchesFilter(summary, entry.filter, owner);
    if (index < 0 && !belongs) continue;
    let items = data.items.slice();
    let total = data.total;
    if (index >= 0 && belongs) items[index] = summary;
    else if (index >= 0) {
      items.splice(index, 1);
      total -= 1;
    } else {
      const onFirstPage = entry.all || (entry.filter.page ?? 1) === 1;
      total += 1;
      if (onFirstPage) items.push(summary);
    }
    items.sort(compareCases(entry.filter.sort));
    const pageSize = entry.all ? Infinity : (entry.filter.pageSize ?? 50);
    if (items.length > pageSize) items = items.slice(0, pageSize);
    set(entry, { data: { ...data, items, total } });
    // A page or a count cannot tell where a case it does not hold went: ask the API again, once.
    if (!entry.all && total > items.length) revalidate(entry, REFRESH_DELAY_MS);
  }
}

export const caseCache = {
  list(filter: CaseFilter, options: ListOptions = {}) {
    const entry = listEntry(filter, options);
    return {
      subscribe: (listener: () => void) => subscribe(entry, listener),
      snapshot: () => entry.snapshot,
      reload: () => fetchEntry(entry),
    };
  },

  detail(id: string, persist = false) {
    const entry = detailEntry(id, persist);
    return {
      subscribe: (listener: () => void) => subscribe(entry, listener),
      snapshot: () => entry.snapshot,
      reload: () => fetchEntry(entry),
    };
  },

  /** A case as the API returned it after an action or a report: the freshest there is. */
  putDetail(detail: CaseDetail): void {
    noteSeq(detail);
    const entry = details.get(`detail:${detail.id}`);
    if (entry) {
      entry.controller?.abort();
      entry.controller = null;
      entry.stale = false;
      if (entry.persist) writePersisted(entry.key, detail);
      set(entry, { data: detail, error: null, fetching: false });
    }
    patchLists(detail);
  },

  /**
   * A live update (one case event with the case's new summary). Applied once per seq and never over
   * newer data; a detail on screen fetches its new timeline and allowed actions.
   */
  applyPush(seq: number, summary: CaseSummary): boolean {
    if (seq <= (seqByCase.get(summary.id) ?? 0)) return false;
    seqByCase.set(summary.id, seq);
    patchLists(summary);
    const entry = details.get(`detail:${summary.id}`);
    if (entry?.controller) entry.stale = true;
    if (entry?.snapshot.data) {
      set(entry, { data: { ...entry.snapshot.data, ...summary } });
      revalidate(entry, DETAIL_REFRESH_DELAY_MS);
    } else if (entry) entry.stale = true;
    return true;
  },

  /** After a gap in the live channel that replay could not cover: everything may have changed. */
  invalidateAll(): void {
    lists.forEach((entry) => revalidate(entry));
    details.forEach((entry) => revalidate(entry));
  },
};
