import { useCallback, useEffect, useState } from 'react';
import { apiRequest } from './api-client';

export type Resource<T> =
  | { state: 'loading' }
  | { state: 'ready'; data: T }
  | { state: 'failed'; error: Error };

/** GETs `path` (null: nothing yet) and reloads when it changes or when `reload` is called. */
export function useApiResource<T>(path: string | null, authenticated = true): Resource<T> & { reload: () => void } {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setResource({ state: 'loading' });
    apiRequest<T>(path, { signal: controller.signal, authenticated })
      .then((data) => setResource({ state: 'ready', data }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setResource({ state: 'failed', error: error instanceof Error ? error : new Error(String(error)) });
      });
    return () => controller.abort();
  }, [path, authenticated, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...resource, reload };
}
