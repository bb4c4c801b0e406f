import type { CaseDetail, CaseListResponse } from '@grid/contracts';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useCallback } from 'react';
import { caseDetailQuery, caseListQuery, type ListOptions } from './case-queries';
import type { CaseFilter } from './case-filter';

/** What a view reads of a cached request: the last data (kept while refreshing) and how the last fetch went. */
export interface CachedResource<T> {
  data: T | undefined;
  error: Error | null;
  /** A request is on its way (the first one, or a refresh behind the shown data). */
  fetching: boolean;
  /** No connection: the request waits for one (and is made when it returns). */
  paused: boolean;
  reload: () => void;
}

function useCached<T>(query: UseQueryResult<T>): CachedResource<T> {
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  return { data: query.data, error: query.error, fetching: query.isFetching, paused: query.isPaused, reload };
}

/**
 * Cases matching a filter (null: none yet), kept current by the live channel: components only read
 * this; the query cache fetches, and `useRealtime` patches it (case-queries.ts).
 */
export function useCaseList(filter: CaseFilter | null, options: ListOptions = {}): CachedResource<CaseListResponse> {
  return useCached(useQuery({ ...caseListQuery(filter ?? {}, options), enabled: filter !== null }));
}

/** One case with its timeline, attachments, clocks and allowed actions (null id: none). */
export function useCaseDetail(id: string | null, options: { persist?: boolean } = {}): CachedResource<CaseDetail> {
  return useCached(useQuery({ ...caseDetailQuery(id ?? '', options.persist), enabled: id !== null }));
}

/** How many cases match a filter (a one-item page's total, counted to the last: ADR 0022), live. */
export function useCaseTotal(filter: CaseFilter | null): number | undefined {
  const list = useCaseList(filter ? { ...filter, page: 1, pageSize: 1, count: 'exact' } : null);
  return list.data?.total;
}
