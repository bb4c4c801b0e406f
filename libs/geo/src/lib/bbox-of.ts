import { type AreaGeometry, type BBox, polygonsOf } from './geometry';

/** Bounding box of a geometry's outer rings (holes lie inside them and cannot widen it). */
export function bboxOf(geometry: AreaGeometry): BBox {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const rings of polygonsOf(geometry)) {
    for (const [lng, lat] of rings[0] ?? []) {
      if (lng < west) west = lng;
      if (lng > east) east = lng;
      if (lat < south) south = lat;
      if (lat > north) north = lat;
    }
  }
  return [west, south, east, north];
}
