import type { LatLng } from './distance';

/**
 * GeoJSON geometry shapes (RFC 7946) as plain interfaces, so the library needs no @types/geojson.
 * They are structurally compatible with @types/geojson, which callers may use instead.
 */

/** [longitude, latitude] in degrees; an optional third value (altitude) is ignored. */
export type Position = number[];

export interface Polygon {
  type: 'Polygon';
  /** The outer ring first, then holes; every ring closed (first position repeated last). */
  coordinates: Position[][];
  bbox?: number[];
}

export interface MultiPolygon {
  type: 'MultiPolygon';
  coordinates: Position[][][];
  bbox?: number[];
}

/** What an area boundary may be. */
export type AreaGeometry = Polygon | MultiPolygon;

/** [west, south, east, north] in degrees, the GeoJSON bbox order. */
export type BBox = [west: number, south: number, east: number, north: number];

/** The polygons of a geometry, each as its list of rings, so callers treat both kinds alike. */
export function polygonsOf(geometry: AreaGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** True for a finite WGS84 position; anything else can never lie in an area. */
export function isValidLatLng(point: LatLng): boolean {
  const { lat, lng } = point;
  return Number.isFinite(lat) && Number.isFinite(lng) && lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180;
}
