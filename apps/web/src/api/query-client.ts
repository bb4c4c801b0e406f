import { createAsyncStoragePersister } from '@tanstack/query-async-storage-persister';
import { QueryClient } from '@tanstack/react-query';
import type { PersistQueryClientOptions } from '@tanstack/react-query-persist-client';
import { sessionStore } from './session-store';

/**
 * The app's one cache of server data (TanStack Query, ADR 0013). Screens read server data with `useQuery`
 * (directly, or through the data hooks: use-api-resource, cases/use-cases) and write it with `useMutation`;
 * the live channel patches it (cases/case-queries).
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false },
  },
});

/** What a query says about itself to the cache around it. */
export interface QueryMeta extends Record<string, unknown> {
  /** Kept on the device: what a phone that starts offline must still know (categories, its grid, its tasks). */
  persist?: boolean;
}

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: QueryMeta;
  }
}

let owner = sessionStore.get()?.user.id ?? null;
const ownerListeners = new Set<() => void>();

/** The signed-in user whose data the cache holds (null: nobody). */
export function cacheOwner(): string | null {
  return owner;
}

/** Called after the cache was emptied for another user, for what other modules keep beside it. */
export function onCacheOwnerChange(listener: () => void): void {
  ownerListeners.add(listener);
}

// Another user signing in must not see the previous user's data, in memory or restored from the device.
sessionStore.subscribe(() => {
  const next = sessionStore.get()?.user.id ?? null;
  if (next === owner) return;
  owner = next;
  queryClient.clear();
  ownerListeners.forEach((listener) => listener());
});

const STORAGE_KEY = 'grid.query';

/** localStorage under the signed-in user's own key (nothing kept while signed out); full storage is fine while online. */
const userStorage = {
  getItem: (key: string) => (owner ? localStorage.getItem(`${key}.${owner}`) : null),
  setItem: (key: string, value: string) => {
    if (!owner) return;
    try {
      localStorage.setItem(`${key}.${owner}`, value);
    } catch {
      // Full storage: the app still works online.
    }
  },
  removeItem: (key: string) => {
    if (owner) localStorage.removeItem(`${key}.${owner}`);
  },
};

/** The hand-written caches' copies before ADR 0013: dropped once, so they do not share the storage quota with the new copy. */
function dropLegacyCopies(): void {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith('grid.shared.') || key.startsWith('grid.cases.')) localStorage.removeItem(key);
  } catch {
    // No storage: nothing to drop.
  }
}
dropLegacyCopies();

/** How long a copy kept on the device is good for an offline start. */
const KEPT_MS = 30 * 24 * 3600_000;

export const persistOptions: Omit<PersistQueryClientOptions, 'queryClient'> = {
  persister: createAsyncStoragePersister({ storage: userStorage, key: STORAGE_KEY }),
  maxAge: KEPT_MS,
  // Bump when a kept answer's shape changes: an older copy is then dropped instead of misread.
  buster: '1',
  // The last good answer, also after a failed refresh (status 'error' with data).
  dehydrateOptions: { shouldDehydrateQuery: (query) => query.meta?.persist === true && query.state.data !== undefined },
};

/** Once per app start, what was kept is shown at once and asked for again (reference data is otherwise fetched once per session). */
export function refetchRestored(): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (query) => query.meta?.persist === true });
}

/**
 * The cache lifetime of a kept query: never collected while the app runs (a collected query would drop out of
 * the copy on the device; and setTimeout cannot wait the copy's month), so its copy stays until it expires.
 */
export const PERSISTED_GC_TIME = Infinity;
