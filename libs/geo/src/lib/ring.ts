import type { Position } from './geometry';

/** Shoelace sums of a ring about an origin: twice its signed area and its first moments. */
export interface RingMoments {
  /** Twice the signed area; positive when counterclockwise in x/y (lng/lat) order. */
  twiceArea: number;
  /** Σ cross × (xᵢ + xᵢ₊₁); the centroid's x is origin x + mx / (3 × twiceArea). */
  mx: number;
  my: number;
}

/**
 * Shoelace sums of a ring, with coordinates taken relative to `origin`: at lng ≈ 108 the raw
 * products would cancel away most significant digits of a village-sized area. Closed and open
 * rings give the same result, because the closing edge of a closed ring contributes nothing.
 */
export function ringMoments(ring: readonly Position[], origin: Position): RingMoments {
  const [x0, y0] = origin;
  const n = ring.length;
  let twiceArea = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    const ax = ring[i][0] - x0;
    const ay = ring[i][1] - y0;
    const next = ring[(i + 1) % n];
    const bx = next[0] - x0;
    const by = next[1] - y0;
    const cross = ax * by - bx * ay;
    twiceArea += cross;
    mx += cross * (ax + bx);
    my += cross * (ay + by);
  }
  return { twiceArea, mx, my };
}

/** Planar signed area of a ring in squared coordinate units; positive when counterclockwise. */
export function ringSignedArea(ring: readonly Position[]): number {
  return ring.length < 3 ? 0 : ringMoments(ring, ring[0]).twiceArea / 2;
}
