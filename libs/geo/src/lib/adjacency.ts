import { type AreaGeometry, type Position, polygonsOf } from './geometry';
import { bboxOf } from './bbox-of';

const METRES_PER_DEGREE = 111_320;

/**
 * Which areas touch (queen contiguity: a shared stretch of border or a shared corner), within `toleranceMeters`
 * so that boundaries drawn separately (a vertex of one lying on an edge of the other, rounding) still count.
 * Answers, for each geometry, the indexes of the others it touches, ascending.
 *
 * Two shapes touch when a vertex of either lies within the tolerance of an edge of the other. Shared vertices are
 * found first by a coordinate hash; only pairs whose boxes overlap and share none are tested edge by edge.
 */
export function adjacencyOf(geometries: readonly AreaGeometry[], toleranceMeters = 5): number[][] {
  const n = geometries.length;
  const neighbours: Set<number>[] = geometries.map(() => new Set<number>());
  const link = (a: number, b: number) => {
    if (a === b) return;
    neighbours[a].add(b);
    neighbours[b].add(a);
  };
  const rings = geometries.map((g) => polygonsOf(g).flatMap((polygon) => polygon));
  // Shared vertices (rounded to about 1 cm).
  const byVertex = new Map<string, number[]>();
  rings.forEach((list, index) => {
    const keys = new Set<string>();
    for (const ring of list) for (const [lng, lat] of ring) keys.add(`${Math.round(lng * 1e7)},${Math.round(lat * 1e7)}`);
    for (const key of keys) {
      const owners = byVertex.get(key);
      if (owners) owners.push(index);
      else byVertex.set(key, [index]);
    }
  });
  for (const owners of byVertex.values()) for (let i = 1; i < owners.length; i++) for (let j = 0; j < i; j++) link(owners[i], owners[j]);

  // Boxes widened by the tolerance, swept west to east.
  const pad = toleranceMeters / METRES_PER_DEGREE;
  const boxes = geometries.map((g) => {
    const [west, south, east, north] = bboxOf(g);
    const padLng = pad / Math.max(0.01, Math.cos((((south + north) / 2) * Math.PI) / 180));
    return [west - padLng, south - pad, east + padLng, north + pad];
  });
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => boxes[a][0] - boxes[b][0]);
  for (let x = 0; x < n; x++) {
    const a = order[x];
    for (let y = x + 1; y < n; y++) {
      const b = order[y];
      if (boxes[b][0] > boxes[a][2]) break;
      if (neighbours[a].has(b) || boxes[b][1] > boxes[a][3] || boxes[b][3] < boxes[a][1]) continue;
      if (touches(rings[a], rings[b], boxes[b], toleranceMeters) || touches(rings[b], rings[a], boxes[a], toleranceMeters)) link(a, b);
    }
  }
  return neighbours.map((set) => [...set].sort((a, b) => a - b));
}

/** Whether a vertex of `from` (inside the other's widened box) lies within the tolerance of an edge of `to`. */
function touches(from: Position[][], to: Position[][], box: number[], toleranceMeters: number): boolean {
  for (const ring of from) {
    for (const vertex of ring) {
      if (vertex[0] < box[0] || vertex[0] > box[2] || vertex[1] < box[1] || vertex[1] > box[3]) continue;
      const cos = Math.cos((vertex[1] * Math.PI) / 180);
      for (const other of to) {
        for (let k = 1; k < other.length; k++) {
          if (segmentDistanceMeters(vertex, other[k - 1], other[k], cos) <= toleranceMeters) return true;
        }
      }
    }
  }
  return false;
}

/** Distance from p to the segment ab in metres, on a local flat projection (fine over a few kilometres). */
function segmentDistanceMeters(p: Position, a: Position, b: Position, cos: number): number {
  const ax = (a[0] - p[0]) * cos * METRES_PER_DEGREE;
  const ay = (a[1] - p[1]) * METRES_PER_DEGREE;
  const bx = (b[0] - p[0]) * cos * METRES_PER_DEGREE;
  const by = (b[1] - p[1]) * METRES_PER_DEGREE;
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length2));
  return Math.hypot(ax + t * dx, ay + t * dy);
}
