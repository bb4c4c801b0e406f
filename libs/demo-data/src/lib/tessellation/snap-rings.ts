import { type Position, ringSignedArea } from '@grid/geo';
import Flatbush from 'flatbush';
import type { Point } from './convex-clip';

/** Output precision: 6 decimals, about 0.1 m. */
const SCALE = 1e6;
/**
 * Before rounding, corners closer than this (in degrees, about 0.1 mm) are one corner, and a corner this
 * close to an edge lies on it. Computed corners differ from the exact ones by about 1e-14 degrees; the
 * tessellation's real features are metres apart.
 */
const SAME_CORNER = 1e-9;

/**
 * Rounds the rings of a whole hierarchy of tessellations to 6 decimals so that every shared edge is
 * written identically on both sides, and returns them closed and counterclockwise (RFC 7946).
 *
 * Two things would otherwise break that. The same corner, computed separately for each cell that has
 * it, differs in its last bits: such copies are one corner. And a cell's corner often lies in the middle
 * of a neighbour's or its parent's edge (a T-junction: along a village border, the grids on each side have
 * their own corners; the village itself has none of them). Every corner lying on an edge is inserted
 * into it, so both sides walk the same corners and every parent ring holds all of its children's
 * boundary corners. Both are decided on the exact (unrounded) corners, where "on an edge" is
 * unambiguous; only then is each corner rounded, and the rings, made of the same corners, move together.
 * Deciding them after rounding, with a tolerance of a step or two, went wrong at city size: corners
 * 0.2 m apart that were one corner in one ring and two in another, and edges that took in a corner of
 * the cell next to theirs (a spike, or a sliver of a grid outside its village).
 */
export function snapRings(rings: readonly (readonly Point[])[]): Position[][] {
  const corners: Point[] = [];
  const byKey = new Map<string, number>();
  const cornerId = (p: Point): number => {
    const [kx, ky] = [Math.round(p[0] / SAME_CORNER), Math.round(p[1] / SAME_CORNER)];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const id = byKey.get(`${kx + dx},${ky + dy}`);
        if (id !== undefined) return id;
      }
    }
    byKey.set(`${kx},${ky}`, corners.length);
    corners.push(p);
    return corners.length - 1;
  };
  const cornerRings = rings.map((ring) => withoutRepeats(ring.map(cornerId)));
  if (corners.length === 0) return [];

  const tree = new Flatbush(corners.length);
  for (const [x, y] of corners) tree.add(x, y, x, y);
  tree.finish();
  const onEdge = (a: number, b: number): number[] => {
    const [ax, ay] = corners[a];
    const [bx, by] = corners[b];
    const [ex, ey] = [bx - ax, by - ay];
    const length2 = ex * ex + ey * ey;
    return tree
      .search(Math.min(ax, bx) - SAME_CORNER, Math.min(ay, by) - SAME_CORNER, Math.max(ax, bx) + SAME_CORNER, Math.max(ay, by) + SAME_CORNER)
      .filter((v) => v !== a && v !== b)
      .map((v) => {
        const [vx, vy] = corners[v];
        const along = ((vx - ax) * ex + (vy - ay) * ey) / length2;
        const off = Math.abs(ex * (vy - ay) - ey * (vx - ax)) / Math.sqrt(length2);
        return { v, along, off };
      })
      .filter(({ along, off }) => along > 0 && along < 1 && off <= SAME_CORNER)
      .sort((p, q) => p.along - q.along)
      .map(({ v }) => v);
  };

  // Rounded, corners that land on the same point are one vertex.
  const vertices: Position[] = [];
  const vertexOf = new Map<string, number>();
  const vertexOfCorner = corners.map(([x, y]) => {
    const [rx, ry] = [Math.round(x * SCALE), Math.round(y * SCALE)];
    const key = `${rx},${ry}`;
    let id = vertexOf.get(key);
    if (id === undefined) {
      id = vertices.length;
      vertexOf.set(key, id);
      vertices.push([rx / SCALE, ry / SCALE]);
    }
    return id;
  });

  return cornerRings.map((ring) => {
    const conformed = ring.flatMap((a, i) => [a, ...onEdge(a, ring[(i + 1) % ring.length])]);
    const rounded = withoutSpikes(conformed.map((c) => vertexOfCorner[c]));
    if (rounded.length < 3) throw new Error('a cell collapsed when rounded to 6 decimals');
    const positions = rounded.map((id) => vertices[id]);
    if (ringSignedArea(positions) < 0) positions.reverse();
    return [...positions, positions[0]];
  });
}

/**
 * Drops spikes X, Y, X (cyclically), over and over until none is left: where two corners of a cell round to
 * one point, the ring could otherwise go out to a third and straight back, crossing itself there. Without
 * the spike the cell ends at X, and its neighbours, made of the same corners, still share its edges.
 */
function withoutSpikes(ring: readonly number[]): number[] {
  let kept = withoutRepeats(ring);
  for (let i = 0; kept.length >= 3 && i < kept.length; ) {
    const n = kept.length;
    if (kept[(i + n - 1) % n] === kept[(i + 1) % n]) {
      kept = withoutRepeats(kept.filter((_, j) => j !== i && j !== (i + 1) % n));
      i = Math.max(0, i - 2);
    } else {
      i++;
    }
  }
  return kept;
}

/** Drops consecutive repeats (cyclically), which merged corners leave behind. */
function withoutRepeats(ring: readonly number[]): number[] {
  return ring.filter((id, i) => id !== ring[(i + ring.length - 1) % ring.length]);
}
