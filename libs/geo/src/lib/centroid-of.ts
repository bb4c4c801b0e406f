import type { LatLng } from './distance';
import { type AreaGeometry, type Position, polygonsOf } from './geometry';
import { classifyPoint } from './point-in-geometry';
import { ringMoments, ringSignedArea } from './ring';

/**
 * A representative point of an area, for labels, map pins and routing defaults.
 *
 * It is the area-weighted centroid (holes subtracted, MultiPolygon parts weighted by area) when that
 * lies strictly inside the geometry. For a concave shape, a shape with a hole around its centre, or a
 * MultiPolygon whose centroid falls between parts, it is instead a point strictly inside the largest
 * polygon: the middle of the widest span of a horizontal line through it, the line drawn halfway
 * between two vertex latitudes near the centroid so it never passes through a vertex (the method of
 * JTS's InteriorPointArea). Degenerate, zero-area input yields the mean of its outer-ring vertices.
 */
export function centroidOf(geometry: AreaGeometry): LatLng {
  const polygons = polygonsOf(geometry).filter((rings) => (rings[0]?.length ?? 0) > 0);
  if (polygons.length === 0) throw new RangeError('centroidOf: the geometry has no positions');
  const origin = polygons[0][0][0];
  let twiceArea = 0;
  let mx = 0;
  let my = 0;
  for (const rings of polygons) {
    rings.forEach((ring, r) => {
      const m = ringMoments(ring, origin);
      // Outer rings add and holes subtract, whichever way the input happens to wind them.
      const weight = (r === 0 ? 1 : -1) * Math.sign(m.twiceArea);
      twiceArea += weight * m.twiceArea;
      mx += weight * m.mx;
      my += weight * m.my;
    });
  }
  if (twiceArea <= 0) return vertexMean(polygons);
  const centroid = { lng: origin[0] + mx / (3 * twiceArea), lat: origin[1] + my / (3 * twiceArea) };
  if (classifyPoint(centroid, geometry) === 'inside') return centroid;
  return interiorPoint(largestPolygon(polygons), centroid.lat) ?? centroid;
}

function vertexMean(polygons: Position[][][]): LatLng {
  let lng = 0;
  let lat = 0;
  let n = 0;
  for (const [outer] of polygons) {
    // A closed ring repeats its first position; count it once.
    for (const [x, y] of outer.slice(0, -1)) {
      lng += x;
      lat += y;
      n++;
    }
  }
  return n === 0 ? { lng: polygons[0][0][0][0], lat: polygons[0][0][0][1] } : { lng: lng / n, lat: lat / n };
}

function largestPolygon(polygons: Position[][][]): Position[][] {
  const areaOf = (rings: Position[][]) =>
    rings.reduce((sum, ring, r) => sum + (r === 0 ? 1 : -1) * Math.abs(ringSignedArea(ring)), 0);
  return polygons.reduce((best, rings) => (areaOf(rings) > areaOf(best) ? rings : best));
}

/** A point strictly inside one polygon (outer ring and holes), or null if it has no interior. */
function interiorPoint(rings: Position[][], nearLat: number): LatLng | null {
  const lats = [...new Set(rings.flatMap((ring) => ring.map((p) => p[1])))].sort((a, b) => a - b);
  if (lats.length < 2) return null;
  // The two consecutive vertex latitudes around nearLat (clamped into the polygon's extent).
  let i = lats.findIndex((lat) => lat > nearLat);
  if (i <= 0) i = i === 0 ? 1 : lats.length - 1;
  const scanLat = (lats[i - 1] + lats[i]) / 2;

  const crossings: number[] = [];
  for (const ring of rings) {
    for (let k = 0; k + 1 < ring.length; k++) {
      const [ax, ay] = ring[k];
      const [bx, by] = ring[k + 1];
      if (ay < scanLat !== by < scanLat) crossings.push(ax + ((scanLat - ay) * (bx - ax)) / (by - ay));
    }
  }
  crossings.sort((a, b) => a - b);
  // Even-odd: the spans between crossings 0-1, 2-3, … are inside; try the widest first.
  const spans: [number, number][] = [];
  for (let k = 0; k + 1 < crossings.length; k += 2) spans.push([crossings[k], crossings[k + 1]]);
  spans.sort((a, b) => b[1] - b[0] - (a[1] - a[0]));
  for (const [west, east] of spans) {
    const candidate = { lng: (west + east) / 2, lat: scanLat };
    if (classifyPoint(candidate, { type: 'Polygon', coordinates: rings }) === 'inside') return candidate;
  }
  return null;
}
