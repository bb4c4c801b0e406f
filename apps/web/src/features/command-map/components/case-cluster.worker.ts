import Supercluster from 'supercluster';
import type { ClusterItem, ClustersMessage, LoadMessage, PointItem, ToWorker, ViewMessage } from './cluster-protocol';

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

const worker = globalThis as unknown as { onmessage: ((event: MessageEvent<ToWorker>) => void) | null; postMessage(message: ClustersMessage): void };

let index: Supercluster<PointProps, ClusterProps> | null = null;
let version = -1;
let view: ViewMessage | null = null;
/** Only the newest set is clustered: sets that arrive while one is built replace each other. */
let pendingLoad: LoadMessage | null = null;
let scheduled = false;

function build(load: LoadMessage): void {
  const cluster = new Supercluster<PointProps, ClusterProps>({
    radius: 56,
    maxZoom: 17,
    map: (p) => ({ overdue: p.sla === 2 ? 1 : 0, warning: p.sla === 1 ? 1 : 0, emergency: p.priority === 2 ? 1 : 0 }),
    reduce: (total, p) => {
      total.overdue += p.overdue;
      total.warning += p.warning;
      total.emergency += p.emergency;
    },
  });
  const points = new Array(load.lng.length);
  for (let i = 0; i < points.length; i++) {
    points[i] = { type: 'Feature', geometry: { type: 'Point', coordinates: [load.lng[i], load.lat[i]] }, properties: { index: i, sla: load.sla[i], priority: load.priority[i] } };
  }
  cluster.load(points);
  index = cluster;
  version = load.version;
}

function answer(): void {
  const clusters = index;
  if (!clusters || !view) return;
  const items = clusters.getClusters(view.bbox, view.zoom).map((f): PointItem | ClusterItem => {
    const [lng, lat] = f.geometry.coordinates;
    const p = f.properties;
    if ('cluster' in p && p.cluster) {
      return { kind: 'cluster', id: p.cluster_id, lng, lat, count: p.point_count, overdue: p.overdue, warning: p.warning, emergency: p.emergency, expansionZoom: clusters.getClusterExpansionZoom(p.cluster_id) };
    }
    return { kind: 'point', index: (p as PointProps).index, lng, lat };
  });
  worker.postMessage({ type: 'clusters', version, items });
}

function run(): void {
  scheduled = false;
  if (pendingLoad) {
    const load = pendingLoad;
    pendingLoad = null;
    build(load);
  }
  answer();
}

worker.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'load') pendingLoad = message;
  else view = message;
  // Let the messages already queued arrive first, so a burst is handled once.
  if (!scheduled) {
    scheduled = true;
    setTimeout(run, 0);
  }
};
