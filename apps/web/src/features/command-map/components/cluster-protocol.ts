/** Messages between the map and its clustering worker (supercluster off the main thread). */

/** The points to cluster, column-wise in transferable arrays; `version` names this set. */
export interface LoadMessage {
  type: 'load';
  version: number;
  lng: Float64Array;
  lat: Float64Array;
  /** 0 on time, 1 warning, 2 overdue. */
  sla: Uint8Array;
  /** 0 normal, 1 urgent, 2 emergency. */
  priority: Uint8Array;
}

export interface ViewMessage {
  type: 'view';
  bbox: [number, number, number, number];
  zoom: number;
}

export type ToWorker = LoadMessage | ViewMessage;

/** A single case: `index` is its position in the loaded set. */
export interface PointItem {
  kind: 'point';
  index: number;
  lng: number;
  lat: number;
}

export interface ClusterItem {
  kind: 'cluster';
  id: number;
  lng: number;
  lat: number;
  count: number;
  overdue: number;
  warning: number;
  emergency: number;
  /** The zoom at which the cluster splits (a click flies there). */
  expansionZoom: number;
}

/** The clusters and points of the last requested view, for the set `version`. */
export interface ClustersMessage {
  type: 'clusters';
  version: number;
  items: (PointItem | ClusterItem)[];
}
