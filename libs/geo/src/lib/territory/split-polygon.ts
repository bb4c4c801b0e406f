import * as turf from '@turf/turf';
import type { Polygon, Position } from '../geometry';
import { TerritoryEditError } from './territory-edit-error';

/** A part smaller than this (m², the import's error tolerance for overlaps) is no grid: the line only grazed the boundary. */
const MIN_PART_M2 = 0.5;

/** Where a line crosses a ring: the ring's segment and how far along it (u), and how far along the line (t). */
interface Crossing {
  segment: number;
  u: number;
  t: number;
  point: Position;
}

/**
 * Cuts a polygon in two along a line drawn across it: both ends outside, crossing the outer ring exactly
 * twice and no hole. The two parts share the cut exactly (the same positions), so they neither overlap nor
 * leave a sliver between them. Holes go to the part they lie in. Refuses anything else with a
 * TerritoryEditError naming the field `line`.
 */
export function splitPolygon(polygon: Polygon, line: readonly Position[], label: string): [Polygon, Polygon] {
  const [outer, ...holes] = polygon.coordinates;
  const feature = turf.polygon(polygon.coordinates);
  const start = line[0];
  const end = line[line.length - 1];
  if (turf.booleanPointInPolygon(start, feature) || turf.booleanPointInPolygon(end, feature)) {
    throw new TerritoryEditError(`the line must start and end outside ${label}: draw it right across the grid`, 'line', 'split_line_ends_inside');
  }
  if (holes.some((hole) => crossings(line, hole).length > 0)) {
    throw new TerritoryEditError(`the line crosses a hole of ${label}: draw it around the hole`, 'line', 'split_line_crosses_hole');
  }
  const hits = crossings(line, outer);
  if (hits.length < 2) throw new TerritoryEditError(`the line does not cross ${label} from one side to the other`, 'line', 'split_line_not_crossing');
  if (hits.length > 2) throw new TerritoryEditError(`the line crosses the boundary of ${label} ${hits.length} times: draw it across once, from outside to outside, so that it makes two parts`, 'line', 'split_line_not_crossing');
  const [first, second] = hits;
  const inside = line.filter((_, k) => k > first.t && k < second.t);
  const cut = [first.point, ...inside, second.point];
  const ringA = closed([...cut, ...arc(outer, second, first).slice(1)]);
  const ringB = closed([...[...cut].reverse(), ...arc(outer, first, second).slice(1)]);
  const parts = [ringA, ringB].map((ring) => turf.polygon([ring]));
  const total = turf.area(feature);
  const areas = parts.map((p) => turf.area(p));
  // A line only touching a corner, or running along an edge, gives no proper second part. turf's spherical areas
  // are not exactly additive when an edge is cut at an inner point (about 1e-5 of the area): a wrong cut is far off.
  if (areas.some((m2) => m2 < MIN_PART_M2) || Math.abs(areas[0] + areas[1] - total) > total * 1e-3) {
    throw new TerritoryEditError(`the line does not cut ${label} in two parts: draw it across the grid's inside, not along an edge or through a corner`, 'line', 'split_line_not_crossing');
  }
  const withHoles = (ring: Position[], part: ReturnType<typeof turf.polygon>): Polygon => ({
    type: 'Polygon',
    coordinates: [ring, ...holes.filter((hole) => turf.booleanPointInPolygon(hole[0], part))],
  });
  return [withHoles(ringA, parts[0]), withHoles(ringB, parts[1])];
}

/** Every proper crossing of the line with the ring, in the line's order; a hit on a ring vertex counts once. */
function crossings(line: readonly Position[], ring: readonly Position[]): Crossing[] {
  const out: Crossing[] = [];
  for (let i = 0; i + 1 < line.length; i++) {
    for (let j = 0; j + 1 < ring.length; j++) {
      const hit = intersect(line[i], line[i + 1], ring[j], ring[j + 1]);
      if (hit) out.push({ segment: j, u: hit.u, t: i + hit.t, point: hit.point });
    }
  }
  out.sort((a, b) => a.t - b.t);
  return out.filter((c, k) => k === 0 || Math.abs(c.t - out[k - 1].t) > 1e-12);
}

function intersect(a: Position, b: Position, c: Position, d: Position): { t: number; u: number; point: Position } | null {
  const r0 = b[0] - a[0];
  const r1 = b[1] - a[1];
  const s0 = d[0] - c[0];
  const s1 = d[1] - c[1];
  const denominator = r0 * s1 - r1 * s0;
  // Parallel or collinear: running along an edge is no crossing (the area check above refuses such a cut).
  if (denominator === 0) return null;
  const t = ((c[0] - a[0]) * s1 - (c[1] - a[1]) * s0) / denominator;
  const u = ((c[0] - a[0]) * r1 - (c[1] - a[1]) * r0) / denominator;
  if (t < 0 || t > 1 || u < 0 || u > 1) return null;
  // A crossing at a ring vertex takes the vertex itself, so the parts keep the neighbours' exact positions.
  const point = u === 0 ? c : u === 1 ? d : [a[0] + t * r0, a[1] + t * r1];
  return { t, u, point };
}

/** The ring's positions walking forward from one crossing to the other, both crossings included. */
function arc(ring: readonly Position[], from: Crossing, to: Crossing): Position[] {
  const n = ring.length - 1;
  if (from.segment === to.segment && to.u > from.u) return [from.point, to.point];
  const out = [from.point];
  let segment = from.segment;
  do {
    segment = (segment + 1) % n;
    out.push(ring[segment]);
  } while (segment !== to.segment);
  out.push(to.point);
  return out;
}

/** Drops repeated consecutive positions and closes the ring. */
function closed(ring: Position[]): Position[] {
  const out = ring.filter((p, k) => k === 0 || p[0] !== ring[k - 1][0] || p[1] !== ring[k - 1][1]);
  const [first] = out;
  const last = out[out.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) out.push(first);
  return out;
}
