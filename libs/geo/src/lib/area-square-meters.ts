import { bboxOf } from './bbox-of';
import { type AreaGeometry, polygonsOf } from './geometry';
import { ringSignedArea } from './ring';

const EARTH_RADIUS_M = 6_371_008.8;
const METERS_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;

/**
 * Approximate area in square metres: the planar area in degrees, projected equirectangularly at the
 * latitude of the shape's bounding-box centre. Within 0.01% for district-sized shapes, which is all
 * the demo generator and statistics need; not meant for shapes spanning many degrees of latitude.
 * Holes are subtracted whatever the winding order of the rings.
 */
export function areaSquareMeters(geometry: AreaGeometry): number {
  let degrees2 = 0;
  for (const [outer, ...holes] of polygonsOf(geometry)) {
    if (!outer) continue;
    degrees2 += Math.abs(ringSignedArea(outer));
    for (const hole of holes) degrees2 -= Math.abs(ringSignedArea(hole));
  }
  const [, south, , north] = bboxOf(geometry);
  const cosLat = Math.cos((((south + north) / 2) * Math.PI) / 180);
  return Math.max(0, degrees2) * METERS_PER_DEGREE * METERS_PER_DEGREE * cosLat;
}
