import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { apiRequest } from './api-client';
import { adoptEarly, takeEarly } from './early-requests';
import { sessionStore } from './session-store';
import type { Resource } from './use-api-resource';

interface Shared {
  resource: Resource<unknown>;
  listeners: Set<() => void>;
  requested: boolean;
  persist: boolean;
}

const shared = new Map<string, Shared>();
let owner = sessionStore.get()?.user.id ?? null;

sessionStore.subscribe(() => {
  const next = sessionStore.get()?.user.id ?? null;
  if (next !== owner) {
    owner = next;
    shared.clear();
  }
});

const LOADING: Resource<never> = { state: 'loading' };
const noop = () => undefined;

const STORAGE_PREFIX = 'grid.shared.';

/** The last answer kept on the device: a phone that starts offline still knows the categories and its grid. */
function stored(path: string): Resource<unknown> {
  try {
    const raw = localStorage.getItem(`${STORAGE_PREFIX}${owner}.${path}`);
    return raw ? { state: 'ready', data: JSON.parse(raw) as unknown } : LOADING;
  } catch {
    return LOADING;
  }
}

function store(path: string, data: unknown): void {
  try {
    localStorage.setItem(`${STORAGE_PREFIX}${owner}.${path}`, JSON.stringify(data));
  } catch {
    // Full storage: fine while online.
  }
}

function entryOf(path: string, persist: boolean): Shared {
  let entry = shared.get(path);
  if (!entry) {
    entry = { resource: persist ? stored(path) : LOADING, listeners: new Set(), requested: false, persist };
    shared.set(path, entry);
  }
  return entry;
}

function load(path: string, entry: Shared): void {
  entry.requested = true;
  // The page may have started this request before the app's code arrived (early-start.ts).
  adoptEarly(takeEarly(path), (response) => response.json() as Promise<unknown>, () => apiRequest<unknown>(path))
    .then((data) => {
      entry.resource = { state: 'ready', data };
      if (entry.persist) store(path, data);
    })
    .catch((error: unknown) => {
      // Keep what the device had; say it failed only when there is nothing to show.
      if (entry.resource.state !== 'ready') entry.resource = { state: 'failed', error: error instanceof Error ? error : new Error(String(error)) };
      entry.requested = false; // the next view that needs it tries again
    })
    .finally(() => entry.listeners.forEach((l) => l()));
}

/** Starts fetching a shared resource before any view asks for it (e.g. as a page's code is still loading). */
export function prefetchSharedResource(path: string, { persist = true }: { persist?: boolean } = {}): void {
  const entry = entryOf(path, persist);
  if (!entry.requested) load(path, entry);
}

/**
 * Reference data many views need and that hardly changes during a session (categories, departments,
 * areas, users): fetched once per session and shared, instead of once per component. `persist` keeps
 * the last answer on the device (not for large answers such as boundaries).
 */
export function useSharedResource<T>(path: string | null, { persist = true }: { persist?: boolean } = {}): Resource<T> & { reload: () => void } {
  const entry = path ? entryOf(path, persist) : null;
  useEffect(() => {
    if (path && entry && !entry.requested) load(path, entry);
  }, [path, entry]);
  const resource = useSyncExternalStore(
    (listener) => {
      if (!entry) return noop;
      entry.listeners.add(listener);
      return () => entry.listeners.delete(listener);
    },
    () => entry?.resource ?? LOADING,
  );
  const reload = useCallback(() => {
    if (path && entry) load(path, entry);
  }, [path, entry]);
  return { ...(resource as Resource<T>), reload };
}
