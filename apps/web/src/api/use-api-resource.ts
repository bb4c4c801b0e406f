import { queryOptions, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useCallback } from 'react';
import { apiRequest } from './api-client';
import { adoptEarly, takeEarly } from './early-requests';
import { PERSISTED_GC_TIME } from './query-client';

export type Resource<T> =
  | { state: 'loading' }
  | { state: 'ready'; data: T }
  | { state: 'failed'; error: Error };

export interface ApiResourceOptions {
  /** Sent with the session's token (default); false for public answers (GET /api/config, a resident's case). */
  authenticated?: boolean;
  /**
   * Reference data many views need and that hardly changes during a session (categories, departments, areas,
   * users, boundaries): fetched once per session and shared, instead of again whenever a view mounts.
   */
  shared?: boolean;
  /** Kept on the device (not for large answers such as boundaries): a phone that starts offline still knows it. */
  persist?: boolean;
}

/** The query of GET `path`: one cache entry per path, however many views read it. */
export function apiQuery<T>(path: string, { authenticated = true, shared = false, persist = false }: ApiResourceOptions = {}) {
  return queryOptions({
    queryKey: ['api', path],
    // The page may have started this request before the app's code arrived (early-start.ts).
    queryFn: ({ signal }) => adoptEarly(takeEarly(path), (response) => response.json() as Promise<T>, () => apiRequest<T>(path, { signal, authenticated })),
    staleTime: shared ? Infinity : 0,
    gcTime: persist ? PERSISTED_GC_TIME : undefined,
    meta: { persist },
  });
}

/** A query as the views read it: the data once there is any (kept through a failed refresh), else the error, else loading. */
export function resourceOf<T>(query: Pick<UseQueryResult<T>, 'data' | 'error'>): Resource<T> {
  if (query.data !== undefined) return { state: 'ready', data: query.data };
  if (query.error) return { state: 'failed', error: query.error };
  return { state: 'loading' };
}

/** GETs `path` (null: nothing yet), again when it changes or when `reload` is called. */
export function useApiResource<T>(path: string | null, options: ApiResourceOptions = {}): Resource<T> & { reload: () => void } {
  const query = useQuery({ ...apiQuery<T>(path ?? '', options), enabled: path !== null });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  return { ...resourceOf(query), reload };
}
