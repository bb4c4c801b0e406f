import type { CaseMapResponse, CaseStatus } from '@grid/contracts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { apiRequest } from '../../../api/api-client';
import { useAreas } from '../../../cases/use-reference-data';
import { useCaseEvents, useRealtimeStatus } from '../../../realtime/realtime-events';
import { type MapCase, MapCaseStore } from './map-case-store';

export interface MapFilter {
  /** A zone or village: cases whose area path holds it. */
  areaId: string | null;
  /** A category or a whole parent category. */
  categoryCode: string | null;
  statuses: readonly CaseStatus[];
}

export const NO_FILTER: MapFilter = { areaId: null, categoryCode: null, statuses: [] };

export interface GridLoad {
  open: number;
  overdue: number;
}

/** Open and overdue cases in the chosen area and category, any status (the key figures). */
export interface OpenCounts {
  open: number;
  overdue: number;
}

/** Live events are applied in batches: 50 events a second redraw the map 4 times, not 50. */
const BATCH_MS = 250;

/**
 * Every open case in the user's scope (GET /api/cases/map, compact), kept live by the socket in
 * batches, narrowed by the wall's filters on the client so that switching a filter redraws at once
 * without a request. Reloads (cheaply, by ETag) whenever the live channel (re)connects, since events
 * may have been missed while it was down.
 */
export function useMapCases(filter: MapFilter): {
  counts: OpenCounts | null;
  /** What the map shows: also in the chosen statuses. */
  cases: MapCase[];
  byGrid: ReadonlyMap<string, GridLoad>;
  error: Error | null;
} {
  const store = useRef(new MapCaseStore()).current;
  const [version, setVersion] = useState(-1);
  const [error, setError] = useState<Error | null>(null);
  const live = useRealtimeStatus() === 'live';
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // A load that started before the live channel came up may miss what happened in between: load again
  // (by ETag: cheap when nothing changed). Reconnections replay what was missed and need no reload.
  const [epoch, setEpoch] = useState(0);
  const loadedLive = useRef(live);

  useEffect(() => {
    if (live && !loadedLive.current) setEpoch((e) => e + 1);
  }, [live]);

  useEffect(() => {
    const controller = new AbortController();
    loadedLive.current = live;
    store.loadStarted();
    apiRequest<CaseMapResponse>('/api/cases/map', { signal: controller.signal }).then(
      (answer) => {
        store.loaded(answer);
        setError(null);
        setVersion(store.version);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e : new Error(String(e)));
      },
    );
    return () => controller.abort();
    // Reloads on `epoch` only, not on every change of the channel's state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, epoch]);

  useCaseEvents(({ push }) => {
    if (!store.apply(push.seq, push.case) || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      setVersion(store.version);
    }, BATCH_MS);
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const areas = useAreas();
  const { areaId, categoryCode, statuses } = filter;
  // A grid's ancestors, to filter by zone or village without sending each case's area path.
  const gridsIn = useMemo(() => {
    if (!areaId) return null;
    const inside = new Set<string>();
    for (const area of areas.list) {
      if (area.level === 'grid' && (area.path.includes(areaId) || area.id === areaId)) inside.add(area.id);
    }
    return inside;
  }, [areas.list, areaId]);

  return useMemo(() => {
    if (version < 0) return { counts: null, cases: [], byGrid: new Map(), error };
    const counts = { open: 0, overdue: 0 };
    const cases: MapCase[] = [];
    const byGrid = new Map<string, GridLoad>();
    for (const c of store.values()) {
      if (gridsIn && !gridsIn.has(c.gridId)) continue;
      if (categoryCode && c.categoryCode !== categoryCode && !c.categoryCode.startsWith(`${categoryCode}.`)) continue;
      const overdue = c.slaState === 'overdue';
      counts.open += 1;
      if (overdue) counts.overdue += 1;
      if (statuses.length && !statuses.includes(c.status)) continue;
      cases.push(c);
      const load = byGrid.get(c.gridId);
      if (load) {
        load.open += 1;
        if (overdue) load.overdue += 1;
      } else byGrid.set(c.gridId, { open: 1, overdue: overdue ? 1 : 0 });
    }
    return { counts, cases, byGrid, error };
    // `version` stands for the store's content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, gridsIn, categoryCode, statuses, error]);
}
