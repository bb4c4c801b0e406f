/** Messages between the wall and its map worker, which holds the open cases off the main thread. */
import type { CaseSummary, Priority, SlaState } from '@grid/contracts';
import type { GridTable, MapFilter, OpenCounts } from './map-case-view';

export type ToMapWorker =
  /** The wall's grids (outline order), to shade them and to filter by area. */
  | { type: 'grids'; table: GridTable }
  /** A load of GET /api/cases/map started: pushes from now on are applied again over its answer. */
  | { type: 'loading' }
  /** Its answer, unparsed (the worker parses the 9 MB, not the page). */
  | { type: 'loaded'; body: Blob }
  | { type: 'events'; pushes: { seq: number; summary: CaseSummary }[] }
  | { type: 'filter'; filter: MapFilter }
  /** The map's view: the worker answers the clusters in it. */
  | { type: 'view'; bbox: [number, number, number, number]; zoom: number };

/** The figures and the shading, after each change (at most every BATCH_MS under a stream of events). */
export interface StateMessage {
  type: 'state';
  /** Null until the first answer is loaded. */
  counts: OpenCounts | null;
  shown: number;
  /** Per grid of the table, the shown cases and the overdue ones; null until the grids are known. */
  gridOpen: Uint32Array | null;
  gridOverdue: Uint32Array | null;
}

export interface PointItem {
  kind: 'point';
  id: string;
  lng: number;
  lat: number;
  sla: SlaState;
  priority: Priority;
}

export interface ClusterItem {
  kind: 'cluster';
  lng: number;
  lat: number;
  count: number;
  overdue: number;
  warning: number;
  emergency: number;
  /** The zoom at which the cluster splits (a click flies there). */
  expansionZoom: number;
}

/** The clusters and cases of the last view; `loaded` once they stem from a full load of the cases. */
export interface ClustersMessage {
  type: 'clusters';
  loaded: boolean;
  /** How many cases the clusters were built from. */
  cases: number;
  items: (PointItem | ClusterItem)[];
}

export type FromMapWorker = StateMessage | ClustersMessage | { type: 'failed'; message: string };
