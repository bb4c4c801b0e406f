import { apiRequest } from '../../../api/api-client';
import { prefetchSharedResource } from '../../../api/use-shared-resource';
import type { ToMapWorker } from './map-worker-protocol';

/** The worker and the first load of the cases, begun before the wall's code has arrived. */
export interface MapStart {
  worker: Worker;
  /** The first GET /api/cases/map, already announced to the worker ('loading'); resolves when handed over. */
  firstLoad: Promise<void> | null;
}

export const GRID_OUTLINES_PATH = '/api/areas/outlines?level=grid';

let early: MapStart | null = null;

export function createMapWorker(): Worker {
  return new Worker(new URL('./map-cases.worker.ts', import.meta.url), { type: 'module' });
}

/** GET /api/cases/map as a blob (unparsed), handed to the worker; the worker is told first that a load began. */
export function loadCasesInto(worker: Worker, signal?: AbortSignal): Promise<void> {
  worker.postMessage({ type: 'loading' } satisfies ToMapWorker);
  return apiRequest<Blob>('/api/cases/map', { signal, responseType: 'blob' }).then((body) => worker.postMessage({ type: 'loaded', body } satisfies ToMapWorker));
}

/**
 * Render-as-you-fetch for the wall: called as its route is entered (app.tsx), so that the grid outlines
 * and the 9 MB of open cases are on their way, and the worker's code loading, while the page's code still
 * travels, instead of after it mounted (about a quarter of a second on a cold load). The page adopts both.
 */
export function startCommandMap(): void {
  if (early) return;
  prefetchSharedResource(GRID_OUTLINES_PATH, { persist: false });
  const worker = createMapWorker();
  const firstLoad = loadCasesInto(worker);
  // A failure is the page's to show when it adopts the load.
  firstLoad.catch(() => undefined);
  early = { worker, firstLoad };
}

/** What startCommandMap began, once: a later visit of the wall starts its own. */
export function adoptMapStart(): MapStart | null {
  const start = early;
  early = null;
  return start;
}
