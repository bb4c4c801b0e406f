import type { LatLng } from '../distance';
import type { AreaGeometry } from '../geometry';

/** The levels of the territory tree, root first (the same words as the API's AREA_LEVELS). */
export const TERRITORY_LEVELS = ['district', 'zone', 'village', 'grid'] as const;
export type TerritoryLevel = (typeof TERRITORY_LEVELS)[number];

/** A feature as read from a file, already in WGS 84: its geometry (any type) and its raw properties. */
export interface RawFeature {
  geometry: { type: string; coordinates?: unknown } | null;
  properties: Record<string, unknown>;
}

/** One area of an import after its properties were mapped. */
export interface TerritoryRecord {
  code: string;
  name: string;
  level: TerritoryLevel;
  parentCode: string | null;
  boundary: AreaGeometry;
  population: number | null;
  households: number | null;
  /** Staffing quota (员额) of the area. */
  staffQuota: number | null;
}

export type ProblemSeverity = 'error' | 'warning';

export const PROBLEM_CODES = [
  'file_empty',
  'unsupported_geometry',
  'missing_property',
  'unknown_level',
  'bad_number',
  'invalid_ring',
  'self_intersection',
  'implausible_coordinates',
  'duplicate_code',
  'malformed_code',
  'missing_parent',
  'wrong_parent_level',
  'overlap',
  'outside_parent',
  'gap',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One thing wrong with an import, with its place: the area's code and a point to show on the map. */
export interface TerritoryProblem {
  severity: ProblemSeverity;
  code: ProblemCode;
  areaCode?: string;
  /** The values the wording names (another area's code, square metres …): clients word `code` in their language. */
  params?: Record<string, string | number>;
  /** In English, for API users. */
  message: string;
  at?: LatLng;
}
