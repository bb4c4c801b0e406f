/**
 * The wall's open cases, off the main thread: the worker parses the answer of GET /api/cases/map, keeps
 * it live with the pushes the page forwards, narrows it by the filters, counts the key figures and the
 * shading of each grid, and clusters the shown cases (supercluster) for the map's view. The page only
 * draws what it is sent: figures, one count pair per grid, and the few hundred markers of the view.
 */
import type { CaseMapResponse, Priority, SlaState } from '@grid/contracts';
import Supercluster from 'supercluster';
import { casesOf, type MapCase, MapCaseStore } from './map-case-store';
import { type GridTable, gridsUnder, type MapFilter, NO_FILTER, viewCases } from './map-case-view';
import type { ClusterItem, FromMapWorker, PointItem, ToMapWorker } from './map-worker-protocol';

/** Events are applied at once but published at most this often: 50 a second redraw the wall 4 times. */
const BATCH_MS = 250;
/**
 * Clustering 100,000 cases takes a few hundred milliseconds of a core. Under a stream of events the
 * clusters are rebuilt at most about once a second, and never more than half the time, so the worker
 * does not take the core the page needs; a load or a filter is clustered at once.
 */
const CLUSTER_GAP_MS = 1000;

interface PointProps {
  index: number;
  sla: number;
  priority: number;
}
interface ClusterProps {
  overdue: number;
  warning: number;
  emergency: number;
}

const OPTIONS: ConstructorParameters<typeof Supercluster<PointProps, ClusterProps>>[0] = {
  radius: 56,
  maxZoom: 17,
  map: (p) => ({ overdue: p.sla === 2 ? 1 : 0, warning: p.sla === 1 ? 1 : 0, emergency: p.priority === 2 ? 1 : 0 }),
  reduce: (total, p) => {
    total.overdue += p.overdue;
    total.warning += p.warning;
    total.emergency += p.emergency;
  },
};

const SLA_RANK: Record<SlaState, number> = { on_time: 0, warning: 1, overdue: 2 };
const PRIORITY_RANK: Record<Priority, number> = { normal: 0, urgent: 1, emergency: 2 };

/**
 * Clusters a few thousand made-up points once as the worker starts, while the first answer is still on
 * the network: the real 100,000 then run in code the engine has already optimised (about half the time).
 */
function warmUp(): void {
  const points = Array.from({ length: 5000 }, (_, i) => ({
    type: 'Feature' as const,
    geometry: { type: 'Point' as const, coordinates: [108 + (i % 71) * 0.003, 32 + Math.floor(i / 71) * 0.003] },
    properties: { index: i, sla: i % 3, priority: i % 3 },
  }));
  const cluster = new Supercluster<PointProps, ClusterProps>(OPTIONS);
  cluster.load(points);
  cluster.getClusters([107, 31, 109, 33], 12);
}

const scope = globalThis as unknown as { onmessage: ((event: MessageEvent<ToMapWorker>) => void) | null; postMessage(message: FromMapWorker, transfer?: Transferable[]): void };

const store = new MapCaseStore();
let loaded = false;
let table: GridTable | null = null;
let filter: MapFilter = NO_FILTER;
let gridsIn: Set<string> | null = null;
let view: { bbox: [number, number, number, number]; zoom: number } | null = null;

/** The shown cases of the last refresh, and whether the store or filter changed since. */
let shown: MapCase[] = [];
let stale = false;
let stateTimer: ReturnType<typeof setTimeout> | null = null;
let stateDue = 0;

let index: Supercluster<PointProps, ClusterProps> | null = null;
let indexed: MapCase[] = [];
let indexedLoaded = false;
let clusterStale = false;
let clusterUrgent = false;
let clusterTimer: ReturnType<typeof setTimeout> | null = null;
let lastBuildEnd = 0;
let lastBuildMs = 0;

function refresh(cases: Iterable<MapCase> = store.values()): void {
  stale = false;
  const result = viewCases(cases, filter, table, gridsIn);
  shown = result.shown;
  const transfer = [result.gridOpen?.buffer, result.gridOverdue?.buffer].filter((b): b is ArrayBuffer => b !== undefined);
  scope.postMessage({ type: 'state', counts: loaded ? result.counts : null, shown: shown.length, gridOpen: result.gridOpen, gridOverdue: result.gridOverdue }, transfer);
}

function build(): void {
  const started = performance.now();
  const cluster = new Supercluster<PointProps, ClusterProps>(OPTIONS);
  cluster.load(
    shown.map((c, index) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [c.lng, c.lat] }, properties: { index, sla: SLA_RANK[c.slaState], priority: PRIORITY_RANK[c.priority] } })),
  );
  index = cluster;
  indexed = shown;
  indexedLoaded = loaded;
  clusterStale = false;
  clusterUrgent = false;
  lastBuildEnd = performance.now();
  lastBuildMs = lastBuildEnd - started;
}

function answer(): void {
  const clusters = index;
  if (!clusters || !view) return;
  const items = clusters.getClusters(view.bbox, view.zoom).map((f): PointItem | ClusterItem => {
    const [lng, lat] = f.geometry.coordinates;
    const p = f.properties;
    if ('cluster' in p && p.cluster) {
      return { kind: 'cluster', lng, lat, count: p.point_count, overdue: p.overdue, warning: p.warning, emergency: p.emergency, expansionZoom: clusters.getClusterExpansionZoom(p.cluster_id) };
    }
    const c = indexed[(p as PointProps).index];
    return { kind: 'point', id: c.id, lng: c.lng, lat: c.lat, sla: c.slaState, priority: c.priority };
  });
  scope.postMessage({ type: 'clusters', loaded: indexedLoaded, cases: indexed.length, items });
}

/** Rebuilds the clusters now if allowed, or when the gap after the last build has passed. */
function cluster(): void {
  clusterTimer = null;
  if (!clusterStale) return;
  const wait = clusterUrgent ? 0 : lastBuildEnd + Math.max(CLUSTER_GAP_MS, lastBuildMs) - performance.now();
  if (wait > 0) {
    clusterTimer = setTimeout(cluster, wait);
    return;
  }
  if (stale) refresh();
  build();
  answer();
}

function tick(): void {
  stateTimer = null;
  refresh();
  if (clusterStale && !clusterTimer) cluster();
}

/** Something changed: publish it after `delayMs` (0 for a load or a filter, BATCH_MS for events), and re-cluster. */
function changed(delayMs: number): void {
  stale = true;
  clusterStale = true;
  if (delayMs === 0) {
    clusterUrgent = true;
    if (clusterTimer) clearTimeout(clusterTimer);
    clusterTimer = null;
  }
  const due = performance.now() + delayMs;
  if (stateTimer && stateDue <= due) return;
  if (stateTimer) clearTimeout(stateTimer);
  stateDue = due;
  stateTimer = setTimeout(tick, delayMs);
}

async function handle(message: ToMapWorker): Promise<void> {
  switch (message.type) {
    case 'grids':
      table = message.table;
      gridsIn = filter.areaId ? gridsUnder(table, filter.areaId) : null;
      changed(0);
      return;
    case 'filter':
      filter = message.filter;
      // Without the grids yet, an area filter shows nothing rather than everything.
      gridsIn = filter.areaId ? (table ? gridsUnder(table, filter.areaId) : new Set()) : null;
      changed(0);
      return;
    case 'loading':
      store.loadStarted();
      return;
    case 'loaded': {
      let parsed: CaseMapResponse;
      try {
        parsed = JSON.parse(await message.body.text()) as CaseMapResponse;
      } catch (error) {
        scope.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
        return;
      }
      const rows = casesOf(parsed);
      if (!loaded) {
        // The first answer is drawn straight from its rows, before the store is built from them; pushes
        // that came meanwhile follow with the next batch.
        loaded = true;
        refresh(rows);
        build();
        answer();
        if (store.loaded(parsed, rows)) changed(BATCH_MS);
        return;
      }
      // The same version again (a revalidated reload) changes nothing.
      if (store.loaded(parsed, rows) !== null) changed(0);
      return;
    }
    case 'events': {
      let any = false;
      for (const { seq, summary } of message.pushes) any = store.apply(seq, summary) || any;
      if (any) changed(BATCH_MS);
      return;
    }
    case 'view':
      view = { bbox: message.bbox, zoom: message.zoom };
      answer();
      return;
  }
}

// One message at a time, in order: a load's parse finishes before the pushes that followed it are applied.
let queue = Promise.resolve().then(warmUp);
scope.onmessage = (event) => {
  queue = queue.then(() => handle(event.data));
};
