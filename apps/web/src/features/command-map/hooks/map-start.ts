import { apiRequest } from '../../../api/api-client';
import { adoptEarly, takeEarly, takeEarlyWorker } from '../../../api/early-requests';
import { queryClient } from '../../../api/query-client';
import { apiQuery } from '../../../api/use-api-resource';
import { CASE_MAP_PATH, createMapWorker, GRID_OUTLINES_PATH } from './map-worker';
import type { ToMapWorker } from './map-worker-protocol';

/** The worker and the first load of the cases, begun before the wall's code has arrived. */
export interface MapStart {
  worker: Worker;
  /** The first GET /api/cases/map, already announced to the worker ('loading'); resolves when handed over. */
  firstLoad: Promise<void> | null;
}

let early: MapStart | null = null;

/**
 * GET /api/cases/map as a blob (unparsed), handed to the worker; the worker is told first that a load
 * began. `early`: the same request already started by early-start.ts, adopted if it succeeded.
 */
export function loadCasesInto(worker: Worker, signal?: AbortSignal, early: Promise<Response> | null = null): Promise<void> {
  worker.postMessage({ type: 'loading' } satisfies ToMapWorker);
  const again = () => apiRequest<Blob>(CASE_MAP_PATH, { signal, responseType: 'blob' });
  return adoptEarly(early, (response) => response.blob(), again).then((body) => worker.postMessage({ type: 'loaded', body } satisfies ToMapWorker));
}

/**
 * Render-as-you-fetch for the wall: called as its route is entered (app.tsx), so that the grid outlines
 * and the 9 MB of open cases are on their way, and the worker's code loading, while the page's code still
 * travels, instead of after it mounted (about a quarter of a second on a cold load). The page adopts both.
 */
export function startCommandMap(): void {
  if (early) return;
  // Into the query cache, adopting early-start.ts's request if it made one: the page's useAreaOutlines finds it there.
  void queryClient.prefetchQuery(apiQuery(GRID_OUTLINES_PATH, { shared: true }));
  const worker = takeEarlyWorker() ?? createMapWorker();
  const firstLoad = loadCasesInto(worker, undefined, takeEarly(CASE_MAP_PATH));
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
