import pointInPolygon from 'point-in-polygon-hao';
import type { LatLng } from './distance';
import { type AreaGeometry, isValidLatLng, polygonsOf } from './geometry';

export type PointLocation = 'inside' | 'boundary' | 'outside';

/**
 * Where a point lies relative to a geometry, with exact (robust) predicates. A point on any ring,
 * outer or hole, is on the boundary; a point inside a hole is outside. Invalid points (NaN, out of
 * range) are outside.
 * Expects a valid boundary (see isValidBoundary): rings must be closed.
 */
export function classifyPoint(point: LatLng, geometry: AreaGeometry): PointLocation {
  if (!isValidLatLng(point)) return 'outside';
  const position = [point.lng, point.lat];
  let onBoundary = false;
  for (const rings of polygonsOf(geometry)) {
    const result = pointInPolygon(position, rings);
    if (result === true) return 'inside';
    if (result === 0) onBoundary = true;
  }
  return onBoundary ? 'boundary' : 'outside';
}

/** True when the point is inside the geometry or on its boundary (a closed-set test). */
export function pointInGeometry(point: LatLng, geometry: AreaGeometry): boolean {
  return classifyPoint(point, geometry) !== 'outside';
}
