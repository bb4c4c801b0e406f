import type { CaseDetail, CaseListResponse } from '@grid/contracts';
import { useMemo, useSyncExternalStore } from 'react';
import { type CacheSnapshot, caseCache, type ListOptions } from './case-cache';
import { type CaseFilter, caseQueryString } from './case-filter';

export type CachedResource<T> = CacheSnapshot<T> & { reload: () => void };

const IDLE: CacheSnapshot<never> = { data: undefined, error: null, fetching: false };
const noop = () => undefined;
const IDLE_HANDLE = { subscribe: () => noop, snapshot: () => IDLE, reload: noop };

/**
 * Cases matching a filter (null: none yet), kept current by the live channel: components only read
 * this; the cache fetches, and `useRealtime` patches it.
 */
export function useCaseList(filter: CaseFilter | null, options: ListOptions = {}): CachedResource<CaseListResponse> {
  const key = filter ? caseQueryString(filter) : null;
  const { all, persist } = options;
  // The filter object may be new on every render; the query string says whether it changed.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const handle = useMemo(() => (filter ? caseCache.list(filter, { all, persist }) : IDLE_HANDLE), [key, all, persist]);
  const snapshot = useSyncExternalStore(handle.subscribe, handle.snapshot);
  return { ...snapshot, reload: handle.reload };
}

/** One case with its timeline, attachments, clocks and allowed actions (null id: none). */
export function useCaseDetail(id: string | null, options: { persist?: boolean } = {}): CachedResource<CaseDetail> {
  const handle = useMemo(() => (id ? caseCache.detail(id, options.persist) : IDLE_HANDLE), [id, options.persist]);
  const snapshot = useSyncExternalStore(handle.subscribe, handle.snapshot);
  return { ...snapshot, reload: handle.reload };
}

/** How many cases match a filter (a one-item page's total), live. */
export function useCaseTotal(filter: CaseFilter | null): number | undefined {
  const list = useCaseList(filter ? { ...filter, page: 1, pageSize: 1 } : null);
  return list.data?.total;
}
