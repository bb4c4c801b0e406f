import { ringSignedArea } from '@grid/geo';

/** A planar point [x, y]; rings of them are open (the first point is not repeated). */
export type Point = [number, number];

/**
 * Points closer than this (in degrees, about 0.1 mm) are one point. Clipping a cell that already
 * touches the clip line yields such near-twins, and the near-zero edge between them has no reliable
 * direction, which would break the inside tests that follow.
 */
const SAME_POINT = 1e-9;

/** Twice the signed area of triangle a, b, p: positive when p is left of the directed line a → b. */
const side = (a: Point, b: Point, p: Point) => (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);

/**
 * Sutherland–Hodgman: the part of `subject` inside the convex polygon `clip` (either winding).
 * Exact for convex ∩ convex, which is all the tessellation needs: Voronoi cells and the box are convex.
 */
export function clipConvex(subject: readonly Point[], clip: readonly Point[]): Point[] {
  const orientation = Math.sign(ringSignedArea(clip));
  let output: Point[] = [...subject];
  for (let e = 0; e < clip.length && output.length > 0; e++) {
    const a = clip[e];
    const b = clip[(e + 1) % clip.length];
    const input = output;
    output = [];
    input.forEach((current, i) => {
      const previous = input[(i + input.length - 1) % input.length];
      const sc = orientation * side(a, b, current);
      const sp = orientation * side(a, b, previous);
      if ((sc >= 0) !== (sp >= 0)) {
        // The segment crosses the clip line: cut it where the signed distance is zero.
        const t = sp / (sp - sc);
        output.push([previous[0] + t * (current[0] - previous[0]), previous[1] + t * (current[1] - previous[1])]);
      }
      if (sc >= 0) output.push(current);
    });
  }
  return withoutTwins(output);
}

function withoutTwins(ring: Point[]): Point[] {
  const kept: Point[] = [];
  for (const p of ring) {
    const last = kept[kept.length - 1];
    if (!last || Math.abs(p[0] - last[0]) > SAME_POINT || Math.abs(p[1] - last[1]) > SAME_POINT) kept.push(p);
  }
  while (kept.length > 1 && Math.abs(kept[0][0] - kept[kept.length - 1][0]) <= SAME_POINT && Math.abs(kept[0][1] - kept[kept.length - 1][1]) <= SAME_POINT) {
    kept.pop();
  }
  return kept;
}

/** True when p is strictly inside the convex polygon (either winding). */
export function strictlyInsideConvex(p: Point, polygon: readonly Point[]): boolean {
  const orientation = Math.sign(ringSignedArea(polygon));
  return polygon.every((a, i) => orientation * side(a, polygon[(i + 1) % polygon.length], p) > 0);
}
