import { bboxOf, ringMoments, ringSignedArea } from '@grid/geo';
import { Delaunay } from 'd3-delaunay';
import { clipConvex, type Point, strictlyInsideConvex } from './convex-clip';

/** Lloyd iterations: enough to even out cell sizes without making the map look like a honeycomb. */
const LLOYD_ITERATIONS = 2;

/** Area centroid of a planar ring (convex here, so always inside it). */
export function planarCentroid(ring: readonly Point[]): Point {
  const { twiceArea, mx, my } = ringMoments(ring, ring[0]);
  if (twiceArea === 0) return ring[0];
  return [ring[0][0] + mx / (3 * twiceArea), ring[0][1] + my / (3 * twiceArea)];
}

export const planarArea = (ring: readonly Point[]) => Math.abs(ringSignedArea(ring));

/** The Voronoi cells of `seeds` (all inside the convex `region`), clipped to it. */
export function voronoiCells(seeds: readonly Point[], region: readonly Point[]): Point[][] {
  if (seeds.length === 1) return [[...region]];
  const [minX, minY, maxX, maxY] = bboxOf({ type: 'Polygon', coordinates: [[...region]] });
  const voronoi = Delaunay.from(seeds).voronoi([minX, minY, maxX, maxY]);
  return seeds.map((_, i) => {
    const cell = voronoi.cellPolygon(i);
    if (!cell) throw new Error(`no Voronoi cell for seed ${i}: two seeds coincide`);
    // d3 closes its rings; ours stay open until the final snapping.
    return clipConvex(cell.slice(0, -1), region);
  });
}

/**
 * Splits a convex region into `count` convex cells of similar size: Voronoi cells of random seeds,
 * relaxed a few times towards their centroids (Lloyd), so no cell is a sliver.
 */
export function relaxedCells(count: number, region: readonly Point[], random: () => number): Point[][] {
  const [minX, minY, maxX, maxY] = bboxOf({ type: 'Polygon', coordinates: [[...region]] });
  let seeds: Point[] = [];
  for (let attempts = 0; seeds.length < count; attempts++) {
    if (attempts > 1000 * count) throw new Error('could not place seeds inside the region');
    const p: Point = [minX + random() * (maxX - minX), minY + random() * (maxY - minY)];
    if (strictlyInsideConvex(p, region)) seeds.push(p);
  }
  for (let i = 0; i < LLOYD_ITERATIONS; i++) seeds = voronoiCells(seeds, region).map(planarCentroid);
  return voronoiCells(seeds, region);
}

/**
 * Orders cells for numbering as people read a map of a town: the cell nearest the centre first (in
 * Hengkou's case the town centre and its communities), then the others clockwise from north.
 */
export function orderAroundCentre(cells: readonly Point[][], centre: Point): Point[][] {
  const placed = cells.map((cell) => {
    const [x, y] = planarCentroid(cell);
    const bearing = Math.atan2(x - centre[0], y - centre[1]);
    return { cell, distance: Math.hypot(x - centre[0], y - centre[1]), bearing: bearing < 0 ? bearing + 2 * Math.PI : bearing };
  });
  const nearest = placed.reduce((best, p) => (p.distance < best.distance ? p : best));
  const rest = placed.filter((p) => p !== nearest).sort((a, b) => a.bearing - b.bearing);
  return [nearest, ...rest].map((p) => p.cell);
}
