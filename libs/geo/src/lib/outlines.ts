import Flatbush from 'flatbush';
import { type AreaGeometry, polygonsOf } from './geometry';

/**
 * Many area boundaries in a form made for drawing them all at once (the command centre's 10,000 grids):
 * coordinates quantized to integers (degrees × scale) and delta-encoded, so they travel in about a third
 * of their GeoJSON and decode into flat typed arrays that a canvas draws from without an object per
 * vertex. Neighbours that share a vertex in the source still share it after quantization.
 *
 * An area is a list of rings, drawn and tested with the even-odd rule: a polygon's holes and a
 * multipolygon's separate parts both come out right without saying which ring is which.
 */
export interface EncodedOutlines {
  /** Coordinates are integers: degrees × scale (100,000: about a metre). */
  scale: number;
  /** Per area, how many rings it has. */
  rings: number[];
  /** Per ring, how many vertices (the closing vertex is not repeated). */
  sizes: number[];
  /** lng, lat of every vertex in turn, each the difference from the vertex before (the first from 0, 0). */
  coords: number[];
}

/** Decoded outlines: area i's rings are ringStart[i] … ringStart[i + 1] − 1; ring r's vertices vertexStart[r] … vertexStart[r + 1] − 1. */
export interface Outlines {
  count: number;
  ringStart: Uint32Array;
  vertexStart: Uint32Array;
  lng: Float64Array;
  lat: Float64Array;
  /** west, south, east, north of area i at 4i … 4i + 3. */
  bbox: Float64Array;
}

/** About a metre: far below a screen pixel at every zoom the maps use (up to 18). */
export const OUTLINE_SCALE = 100_000;

/**
 * Quantizes and delta-encodes boundaries (one entry per area, in the order given). Consecutive vertices
 * that quantize to the same point are merged; a ring left with fewer than three is dropped.
 */
export function encodeOutlines(geometries: readonly AreaGeometry[], scale = OUTLINE_SCALE): EncodedOutlines {
  const rings: number[] = [];
  const sizes: number[] = [];
  const coords: number[] = [];
  let px = 0;
  let py = 0;
  for (const geometry of geometries) {
    let kept = 0;
    for (const polygon of polygonsOf(geometry)) {
      for (const ring of polygon) {
        const points: number[] = [];
        for (const [lng, lat] of ring) {
          const x = Math.round(lng * scale);
          const y = Math.round(lat * scale);
          const n = points.length;
          if (n > 0 && points[n - 2] === x && points[n - 1] === y) continue;
          points.push(x, y);
        }
        // The closing vertex repeats the first.
        if (points.length >= 4 && points[0] === points[points.length - 2] && points[1] === points[points.length - 1]) points.length -= 2;
        if (points.length < 6) continue;
        for (let i = 0; i < points.length; i += 2) {
          coords.push(points[i] - px, points[i + 1] - py);
          px = points[i];
          py = points[i + 1];
        }
        sizes.push(points.length / 2);
        kept++;
      }
    }
    rings.push(kept);
  }
  return { scale, rings, sizes, coords };
}

/** Decodes what encodeOutlines wrote; a RangeError when the parts disagree (a truncated or forged answer). */
export function decodeOutlines(encoded: EncodedOutlines): Outlines {
  const { scale, rings, sizes, coords } = encoded;
  const ringCount = rings.reduce((sum, n) => sum + n, 0);
  const vertexCount = sizes.reduce((sum, n) => sum + n, 0);
  if (!(scale > 0) || ringCount !== sizes.length || vertexCount * 2 !== coords.length) {
    throw new RangeError(`outlines: ${rings.length} areas, ${ringCount} rings for ${sizes.length} sizes, ${vertexCount} vertices for ${coords.length / 2} coordinates`);
  }
  const count = rings.length;
  const ringStart = new Uint32Array(count + 1);
  for (let i = 0; i < count; i++) ringStart[i + 1] = ringStart[i] + rings[i];
  const vertexStart = new Uint32Array(ringCount + 1);
  for (let r = 0; r < ringCount; r++) vertexStart[r + 1] = vertexStart[r] + sizes[r];
  const lng = new Float64Array(vertexCount);
  const lat = new Float64Array(vertexCount);
  let x = 0;
  let y = 0;
  for (let v = 0; v < vertexCount; v++) {
    x += coords[2 * v];
    y += coords[2 * v + 1];
    lng[v] = x / scale;
    lat[v] = y / scale;
  }
  const bbox = new Float64Array(4 * count);
  for (let i = 0; i < count; i++) {
    let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let v = vertexStart[ringStart[i]]; v < vertexStart[ringStart[i + 1]]; v++) {
      if (lng[v] < west) west = lng[v];
      if (lng[v] > east) east = lng[v];
      if (lat[v] < south) south = lat[v];
      if (lat[v] > north) north = lat[v];
    }
    bbox.set([west, south, east, north], 4 * i);
  }
  return { count, ringStart, vertexStart, lng, lat, bbox };
}

/** The box around every area ([west, south, east, north]); null when there is no vertex at all. */
export function outlinesBounds(outlines: Outlines): [number, number, number, number] | null {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < outlines.count; i++) {
    const b = outlines.bbox.subarray(4 * i, 4 * i + 4);
    if (!(b[0] <= b[2])) continue; // an area without rings
    west = Math.min(west, b[0]);
    south = Math.min(south, b[1]);
    east = Math.max(east, b[2]);
    north = Math.max(north, b[3]);
  }
  return west <= east ? [west, south, east, north] : null;
}

/** Area i's rings as [lng, lat] lists, e.g. to draw one area as a single vector path. */
export function outlineRings(outlines: Outlines, area: number): number[][][] {
  const rings: number[][][] = [];
  for (let r = outlines.ringStart[area]; r < outlines.ringStart[area + 1]; r++) {
    const ring: number[][] = [];
    for (let v = outlines.vertexStart[r]; v < outlines.vertexStart[r + 1]; v++) ring.push([outlines.lng[v], outlines.lat[v]]);
    rings.push(ring);
  }
  return rings;
}

/**
 * Which area a point falls in, among decoded outlines (e.g. the grid under the pointer): a packed R-tree
 * over the areas' boxes, then the even-odd test over the candidates' rings. Where areas overlap, the first
 * wins; a point exactly on an edge may go either way (for pointing, not for routing: see AreaIndex).
 */
export class OutlineIndex {
  private constructor(
    private readonly outlines: Outlines,
    private readonly tree: Flatbush | null,
  ) {}

  static build(outlines: Outlines): OutlineIndex {
    if (outlines.count === 0) return new OutlineIndex(outlines, null);
    const tree = new Flatbush(outlines.count);
    for (let i = 0; i < outlines.count; i++) {
      const b = outlines.bbox;
      // An area without rings gets a box far off the globe, where no point falls.
      if (b[4 * i] <= b[4 * i + 2]) tree.add(b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]);
      else tree.add(-1000, -1000, -1000, -1000);
    }
    tree.finish();
    return new OutlineIndex(outlines, tree);
  }

  /** The area's index, or -1 when the point is in none. */
  locate(lng: number, lat: number): number {
    if (!this.tree || !Number.isFinite(lng) || !Number.isFinite(lat)) return -1;
    const candidates = this.tree.search(lng, lat, lng, lat).sort((a, b) => a - b);
    for (const i of candidates) if (this.contains(i, lng, lat)) return i;
    return -1;
  }

  private contains(area: number, x: number, y: number): boolean {
    const { ringStart, vertexStart, lng, lat } = this.outlines;
    let inside = false;
    for (let r = ringStart[area]; r < ringStart[area + 1]; r++) {
      const first = vertexStart[r];
      const last = vertexStart[r + 1] - 1;
      for (let v = first, u = last; v <= last; u = v++) {
        if (lat[v] > y !== lat[u] > y && x < ((lng[u] - lng[v]) * (y - lat[v])) / (lat[u] - lat[v]) + lng[v]) inside = !inside;
      }
    }
    return inside;
  }
}
