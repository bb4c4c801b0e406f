import type { AreaIndexEntry } from '../area-index';
import type { BBox, Position } from '../geometry';

/**
 * A deterministic pseudo-random number in [0, 1) from two integers (an integer hash, so the tiling
 * needs no stateful generator and any cell can be computed on its own).
 */
export function hash01(a: number, b = 0): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4_294_967_296;
}

/** Uniform in [-spread, spread], from the hash of a lattice point. */
const jitter = (spread: number, a: number, b: number) => (hash01(a, b) * 2 - 1) * spread;

/**
 * A gap-free tiling of `box` into cols × rows irregular octagons, ids `r<row>c<col>` in row-major
 * order: a lattice whose inner corners are shifted by up to 10% of a cell and whose edges bend at a
 * midpoint shifted by up to 10% across the edge. The shifts are small enough that every vertex stays
 * in its own angular sector around the cell centre, so every cell is a simple polygon. Neighbours
 * compute their shared corners and midpoints from the same lattice indices, so shared edges are
 * identical. For tests and benchmarks of AreaIndex; not exported from the library.
 */
export function jitteredTiling(cols: number, rows: number, box: BBox): AreaIndexEntry[] {
  const [west, south, east, north] = box;
  const dx = (east - west) / cols;
  const dy = (north - south) / rows;
  const corner = (i: number, j: number): Position => {
    const inner = i > 0 && i < cols && j > 0 && j < rows;
    return [west + (i + (inner ? jitter(0.1, i, j) : 0)) * dx, south + (j + (inner ? jitter(0.1, j, i + 7919) : 0)) * dy];
  };
  // Midpoint of the edge from corner (i, j) along x (alongX) or y, bent across the edge unless on the box.
  const midpoint = (i: number, j: number, alongX: boolean): Position => {
    const [ax, ay] = corner(i, j);
    const [bx, by] = alongX ? corner(i + 1, j) : corner(i, j + 1);
    const onBox = alongX ? j === 0 || j === rows : i === 0 || i === cols;
    const bend = onBox ? 0 : jitter(0.1, i * 2 + (alongX ? 1 : 0), j + 104_729);
    return alongX ? [(ax + bx) / 2, (ay + by) / 2 + bend * dy] : [(ax + bx) / 2 + bend * dx, (ay + by) / 2];
  };
  const entries: AreaIndexEntry[] = [];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      // Counterclockwise: bottom edge, right edge, then top and left edges walked backwards.
      const ring = [
        corner(i, j),
        midpoint(i, j, true),
        corner(i + 1, j),
        midpoint(i + 1, j, false),
        corner(i + 1, j + 1),
        midpoint(i, j + 1, true),
        corner(i, j + 1),
        midpoint(i, j, false),
        corner(i, j),
      ];
      entries.push({ id: `r${j}c${i}`, boundary: { type: 'Polygon', coordinates: [ring] } });
    }
  }
  return entries;
}
