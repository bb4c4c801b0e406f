import { type Position, ringSignedArea } from '@grid/geo';
import Flatbush from 'flatbush';
import type { Point } from './convex-clip';

/** Output precision: 6 decimals, about 0.1 m. */
const SCALE = 1e6;
/** How far (in 1e-6 degrees) a vertex may lie from an edge and still be taken as lying on it. */
const ON_EDGE_TOLERANCE = 2;

/**
 * Rounds the rings of a whole hierarchy of tessellations to 6 decimals so that every shared edge is
 * written identically on both sides, and returns them closed and counterclockwise (RFC 7946).
 *
 * Two things would otherwise break that. The same corner, computed separately for each cell that has
 * it, can differ in its last bits and round one step apart: vertices within one step are merged into
 * one. And a cell's corner often lies in the middle of a neighbour's edge (a T-junction: along a
 * village border, the grids on each side have their own corners; the village itself has none of
 * them); rounding would push it off that edge by a few centimetres, leaving slivers of gap or overlap.
 * So every vertex lying on an edge is inserted into it: then both sides walk the same vertices and
 * every parent ring holds all of its children's boundary vertices. With `frame`, the first ring is an
 * axis-aligned rectangle holding all the others (the district's box), and vertices that near its sides are put on them.
 */
export function snapRings(rings: readonly (readonly Point[])[], options: { frame?: boolean } = {}): Position[][] {
  const vertices: Point[] = [];
  const byKey = new Map<string, number>();
  const sides = options.frame && rings.length ? frameSides(rings[0]) : null;
  const vertexId = ([lng, lat]: Point): number => {
    const x = sides ? onSide(Math.round(lng * SCALE), sides.xs) : Math.round(lng * SCALE);
    const y = sides ? onSide(Math.round(lat * SCALE), sides.ys) : Math.round(lat * SCALE);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const id = byKey.get(`${x + dx},${y + dy}`);
        if (id !== undefined) return id;
      }
    }
    byKey.set(`${x},${y}`, vertices.length);
    vertices.push([x, y]);
    return vertices.length - 1;
  };
  const idRings = rings.map((ring) => withoutRepeats(ring.map(vertexId)));

  if (vertices.length === 0) return [];
  const tree = new Flatbush(vertices.length);
  for (const [x, y] of vertices) tree.add(x, y, x, y);
  tree.finish();

  const onEdge = (a: number, b: number): number[] => {
    const [ax, ay] = vertices[a];
    const [bx, by] = vertices[b];
    const [ex, ey] = [bx - ax, by - ay];
    const length2 = ex * ex + ey * ey;
    const [minX, maxX] = widened(ax, bx);
    const [minY, maxY] = widened(ay, by);
    return tree
      .search(minX, minY, maxX, maxY)
      .filter((v) => v !== a && v !== b)
      .map((v) => {
        const [vx, vy] = vertices[v];
        const along = ((vx - ax) * ex + (vy - ay) * ey) / length2;
        const off = Math.abs(ex * (vy - ay) - ey * (vx - ax)) / Math.sqrt(length2);
        return { v, along, off };
      })
      .filter(({ along, off }) => along > 0 && along < 1 && off <= ON_EDGE_TOLERANCE)
      .sort((p, q) => p.along - q.along)
      .map(({ v }) => v);
  };

  return idRings.map((ring) => {
    if (ring.length < 3) throw new Error('a cell collapsed when rounded to 6 decimals');
    const conformed = ring.flatMap((a, i) => [a, ...onEdge(a, ring[(i + 1) % ring.length])]);
    const positions = conformed.map((id) => [vertices[id][0] / SCALE, vertices[id][1] / SCALE]);
    if (ringSignedArea(positions) < 0) positions.reverse();
    return [...positions, positions[0]];
  });
}

/** The sides of an axis-aligned frame ring, rounded. */
function frameSides(ring: readonly Point[]): { xs: number[]; ys: number[] } {
  const xs = ring.map(([x]) => Math.round(x * SCALE));
  const ys = ring.map(([, y]) => Math.round(y * SCALE));
  return { xs: [Math.min(...xs), Math.max(...xs)], ys: [Math.min(...ys), Math.max(...ys)] };
}

/**
 * A coordinate within the tolerance of a side of the frame, put on it: such a vertex (an inner corner a few
 * centimetres from the district's edge) would otherwise be inserted into that edge as a spike, and leave a
 * sliver of the cells along it outside the district.
 */
function onSide(value: number, sides: readonly number[]): number {
  return sides.find((side) => Math.abs(value - side) <= ON_EDGE_TOLERANCE) ?? value;
}

/** The interval between two coordinates, widened by the tolerance. */
function widened(a: number, b: number): [number, number] {
  return [Math.min(a, b) - ON_EDGE_TOLERANCE, Math.max(a, b) + ON_EDGE_TOLERANCE];
}

/** Drops consecutive repeats (cyclically), which merged vertices leave behind. */
function withoutRepeats(ring: readonly number[]): number[] {
  return ring.filter((id, i) => id !== ring[(i + ring.length - 1) % ring.length]);
}
