import type { CaseSummary } from '@grid/contracts';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useCaseEvents, useRealtimeStatus } from '../../../realtime/realtime-events';
import type { GridTable, MapFilter, OpenCounts } from './map-case-view';
import { adoptMapStart, loadCasesInto } from './map-start';
import { createMapWorker } from './map-worker';
import type { ClustersMessage, FromMapWorker, StateMessage, ToMapWorker } from './map-worker-protocol';

export type { MapFilter, OpenCounts } from './map-case-view';
export { NO_FILTER } from './map-case-view';

/** A reload for events the live channel may have missed waits this long after the load before it. */
const RELOAD_AFTER_MS = 2000;

/** Pushes wait this long to travel to the worker together. */
const FORWARD_MS = 50;

/** Per grid of the wall (the order of its outlines): the shown open cases and the overdue ones among them. */
export interface GridLoads {
  open: Uint32Array;
  overdue: Uint32Array;
}

export interface MapCases {
  /** Open and overdue in the chosen area and category (null until loaded). */
  counts: OpenCounts | null;
  /** How many cases the map shows (the statuses too). */
  shown: number;
  loads: GridLoads | null;
  clusters: ClustersMessage | null;
  error: Error | null;
  /** The map's view changed: the worker answers its clusters. */
  setView: (bbox: [number, number, number, number], zoom: number) => void;
}

/**
 * Every open case in the user's scope (GET /api/cases/map), held by a worker (map-cases.worker.ts): the
 * page fetches the answer as a blob and hands it over unparsed, forwards the live pushes, the filters, the
 * grids and the map's view, and receives figures, shading and clusters. The worker and the first load are
 * started as the wall's route is entered (map-start.ts), beside the grid outlines, not after them. Loads
 * again (by ETag: cheap when nothing changed) when the live channel comes up after a load started, since
 * events may have been missed in between: after that load, not instead of it, so the wall draws at once.
 */
export function useMapCases(filter: MapFilter, grids: GridTable | null): MapCases {
  const worker = useRef<Worker | null>(null);
  const [state, setState] = useState<StateMessage | null>(null);
  const [clusters, setClusters] = useState<ClustersMessage | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const live = useRealtimeStatus() === 'live';
  const [epoch, setEpoch] = useState(0);
  const loadedLive = useRef(live);
  const pending = useRef<{ seq: number; summary: CaseSummary }[]>([]);
  const flush = useRef<ReturnType<typeof setTimeout> | null>(null);

  const firstLoad = useRef<Promise<void> | null>(null);
  const loading = useRef<Promise<unknown>>(Promise.resolve());
  const unmounted = useRef<AbortController | null>(null);

  const send = useCallback((message: ToMapWorker) => worker.current?.postMessage(message), []);

  useEffect(() => {
    const start = adoptMapStart();
    const w = start?.worker ?? createMapWorker();
    firstLoad.current = start?.firstLoad ?? null;
    const controller = new AbortController();
    unmounted.current = controller;
    w.onmessage = (event: MessageEvent<FromMapWorker>) => {
      const message = event.data;
      if (message.type === 'state') setState(message);
      else if (message.type === 'clusters') setClusters(message);
      else setError(new Error(message.message));
    };
    worker.current = w;
    return () => {
      controller.abort();
      w.terminate();
      worker.current = null;
      if (flush.current) clearTimeout(flush.current);
    };
  }, []);

  useEffect(() => {
    if (live && !loadedLive.current) setEpoch((e) => e + 1);
  }, [live]);

  useEffect(() => {
    const w = worker.current;
    const signal = unmounted.current?.signal;
    if (!w || !signal) return;
    const adopted = epoch === 0 ? firstLoad.current : null;
    firstLoad.current = null;
    // A load begun before the page mounted may predate the live channel, whatever its state now.
    loadedLive.current = adopted ? false : live;
    if (adopted && live) setEpoch((e) => e + 1);
    // One load at a time: a reload waits for the load before it, and a while more, so that the first
    // answer is parsed, clustered and drawn before the server and the worker take on the next 9 MB.
    const reload = () => new Promise((resolve) => setTimeout(resolve, epoch === 0 ? 0 : RELOAD_AFTER_MS)).then(() => (signal.aborted ? undefined : loadCasesInto(w, signal)));
    const load = adopted ?? loading.current.then(reload);
    loading.current = load.then(
      () => setError(null),
      (e: unknown) => {
        if (!signal.aborted) setError(e instanceof Error ? e : new Error(String(e)));
      },
    );
    // Reloads on `epoch` only, not on every change of the channel's state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [epoch]);

  // Pushes go over a few at a time, in one message.
  useCaseEvents(({ push }) => {
    pending.current.push({ seq: push.seq, summary: push.case });
    flush.current ??= setTimeout(() => {
      flush.current = null;
      send({ type: 'events', pushes: pending.current });
      pending.current = [];
    }, FORWARD_MS);
  });

  useEffect(() => send({ type: 'filter', filter }), [send, filter]);
  useEffect(() => {
    if (grids) send({ type: 'grids', table: { ids: grids.ids, parent: grids.parent, parents: grids.parents } });
  }, [send, grids]);

  const setView = useCallback((bbox: [number, number, number, number], zoom: number) => send({ type: 'view', bbox, zoom }), [send]);

  const loads = useMemo(() => (state?.gridOpen && state.gridOverdue ? { open: state.gridOpen, overdue: state.gridOverdue } : null), [state]);
  return { counts: state?.counts ?? null, shown: state?.shown ?? 0, loads, clusters, error, setView };
}
