import type { BBox } from './geometry';

/** A WGS84 position in degrees. */
export interface LatLng {
  lat: number;
  lng: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const toRad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine); accurate to well under 0.5% at district scale. */
export function distanceMeters(a: LatLng, b: LatLng): number {
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The smallest box `[west, south, east, north]` that holds every point within `radiusMeters` of `center` by
 * `distanceMeters` (on the same sphere, widened by a millionth for rounding): a bounded index search for
 * "within the radius" that may return a little more, never less. Away from the poles and the antimeridian,
 * which a Chinese territory never nears; there the box spans every longitude.
 */
export function boxAround(center: LatLng, radiusMeters: number): BBox {
  const angle = (radiusMeters / EARTH_RADIUS_M) * (1 + 1e-6);
  const dLat = (angle * 180) / Math.PI;
  const reach = Math.sin(angle) / Math.cos(toRad(center.lat));
  const dLng = reach >= 1 || !Number.isFinite(reach) ? 180 : (Math.asin(reach) * 180) / Math.PI;
  return [center.lng - dLng, center.lat - dLat, center.lng + dLng, center.lat + dLat];
}
