import * as turf from '@turf/turf';
import Flatbush from 'flatbush';
import { bboxOf } from '../bbox-of';
import { centroidOf } from '../centroid-of';
import type { LatLng } from '../distance';
import { type AreaGeometry, polygonsOf, type Position } from '../geometry';
import { isValidBoundary } from '../is-valid-boundary';
import { classifyPoint } from '../point-in-geometry';
import { TERRITORY_LEVELS, type TerritoryProblem, type TerritoryRecord } from './territory-types';

export interface TerritoryTolerances {
  /** Overlaps between areas of a level, and parts of a child outside its parent, from this size (m²) are errors. */
  errorM2: number;
  /** Below this (m²) a difference is floating-point noise and not reported; between it and errorM2, a warning. */
  noiseM2: number;
}

/** ADR 0008: a 1 m² overlap is an error; slivers under 0.5 m² are warnings; under 0.01 m², noise. */
export const DEFAULT_TOLERANCES: TerritoryTolerances = { errorM2: 0.5, noiseM2: 0.01 };

/** Where a Chinese territory can lie (lng 73–136, lat 3–54); coordinates beyond are mis-projected. */
const CHINA_EXTENT = { west: 73, south: 3, east: 136, north: 54 };
/** A vertex closer than this (degrees, about 0.1 mm) to a boundary counts as on it. */
const ON_EDGE_DEGREES = 1e-9;

// turf's own GeoJSON types, so that no direct dependency on @types/geojson is needed.
type Geometry = ReturnType<typeof turf.polygon>['geometry'] | ReturnType<typeof turf.multiPolygon>['geometry'];
type Feature = ReturnType<typeof turf.feature<Geometry>>;

export const collection = (list: Feature[]) => turf.featureCollection<Geometry>(list);
/** A boundary as turf's feature (one type for Polygon and MultiPolygon, as turf's set operations take them). */
export const featureOf = (boundary: AreaGeometry): Feature => (boundary.type === 'Polygon' ? turf.polygon(boundary.coordinates) : turf.multiPolygon(boundary.coordinates)) as Feature;

/**
 * Everything wrong with a territory before it is applied, each problem with its area code and a point:
 * invalid rings, self-intersections, implausible (mis-projected) coordinates, duplicate and malformed
 * codes (a grid's code is its village's 12-digit code + 3 digits), missing or wrong-level parents,
 * overlaps between areas of one level, children outside their parent, and gaps inside a parent.
 * Pure and synchronous; fast enough for 20,000 grids (a packed R-tree finds overlap candidates, and a
 * cheap vertex test spares the polygon clipping for neighbours that only share edges).
 */
export function validateTerritory(records: readonly TerritoryRecord[], tolerances: TerritoryTolerances = DEFAULT_TOLERANCES): TerritoryProblem[] {
  const problems: TerritoryProblem[] = [];
  const geometryOk = records.map((record) => checkGeometry(record, problems));
  checkCodesAndParents(records, geometryOk, problems);
  const features = records.map((r, i) => (geometryOk[i] ? featureOf(r.boundary) : null));
  checkOverlaps(records, features, tolerances, problems);
  checkParents(records, features, tolerances, problems);
  return problems;
}

/** True when a problem of the list keeps the import from being applied (warnings can be accepted). */
export function hasErrors(problems: readonly TerritoryProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

function pointOf(geometry: AreaGeometry): LatLng | undefined {
  const first = polygonsOf(geometry)[0]?.[0]?.[0];
  return first && Number.isFinite(first[0]) && Number.isFinite(first[1]) ? { lng: first[0], lat: first[1] } : undefined;
}

/** The first position of a boundary when it is a pair of finite numbers (whatever the rest), else null. */
function firstNumbers(boundary: unknown): [number, number] | null {
  let value: unknown = (boundary as { coordinates?: unknown } | null)?.coordinates;
  while (Array.isArray(value) && Array.isArray(value[0])) value = value[0];
  return Array.isArray(value) && Number.isFinite(value[0]) && Number.isFinite(value[1]) ? [value[0] as number, value[1] as number] : null;
}

function implausible(code: string, [x, y]: [number, number], problems: TerritoryProblem[]): false {
  problems.push({
    severity: 'error',
    code: 'implausible_coordinates',
    areaCode: code,
    params: { x, y },
    message: `${code}: coordinates such as (${x}, ${y}) are not longitude/latitude in China: is the file projected without a .prj, or in another system?`,
    at: plausible({ lng: x, lat: y }),
  });
  return false;
}

function checkGeometry(record: TerritoryRecord, problems: TerritoryProblem[]): boolean {
  const { code, boundary } = record;
  // Metres read as degrees (a projected file without its .prj) say so, rather than "longitude 565000 is outside [-180, 180]".
  const first = firstNumbers(boundary);
  if (first && (Math.abs(first[0]) > 180 || Math.abs(first[1]) > 90)) return implausible(code, first, problems);
  const invalid = isValidBoundary(boundary);
  if (invalid.length) {
    problems.push({ severity: 'error', code: 'invalid_ring', areaCode: code, params: { detail: invalid.slice(0, 3).join('; ') }, message: `${code}: ${invalid.slice(0, 3).join('; ')}`, at: plausible(pointOf(boundary)) });
    return false;
  }
  const [west, south, east, north] = bboxOf(boundary);
  if (west < CHINA_EXTENT.west || east > CHINA_EXTENT.east || south < CHINA_EXTENT.south || north > CHINA_EXTENT.north) {
    const [x, y] = polygonsOf(boundary)[0][0][0];
    return implausible(code, [x, y], problems);
  }
  // Per polygon: the parts of a MultiPolygon may share an edge or a corner (two grids merged) without crossing.
  const kinks = polygonsOf(boundary).flatMap((rings) => turf.kinks(turf.polygon(rings)).features);
  if (kinks.length) {
    const [lng, lat] = kinks[0].geometry.coordinates;
    problems.push({ severity: 'error', code: 'self_intersection', areaCode: code, params: { count: kinks.length }, message: `${code}: the boundary crosses itself (${kinks.length} crossing${kinks.length > 1 ? 's' : ''})`, at: { lat, lng } });
    return false;
  }
  for (const rings of polygonsOf(boundary)) {
    for (const ring of rings) {
      if (new Set(ring.map((p) => `${p[0]},${p[1]}`)).size < 3 || turf.area(turf.polygon([ring])) === 0) {
        problems.push({ severity: 'error', code: 'invalid_ring', areaCode: code, params: { context: 'flat' }, message: `${code}: a ring has no area (fewer than 3 distinct corners, or all in a line)`, at: { lng: ring[0][0], lat: ring[0][1] } });
        return false;
      }
    }
  }
  return true;
}

function plausible(point: LatLng | undefined): LatLng | undefined {
  return point && point.lat >= -90 && point.lat <= 90 && point.lng >= -180 && point.lng <= 180 ? point : undefined;
}

const CODE_PATTERN = /^[0-9A-Za-z_-]{1,32}$/;

function checkCodesAndParents(records: readonly TerritoryRecord[], geometryOk: boolean[], problems: TerritoryProblem[]): void {
  const byCode = new Map<string, TerritoryRecord>();
  records.forEach((record, i) => {
    const at = geometryOk[i] ? centroidOf(record.boundary) : undefined;
    const { code } = record;
    if (byCode.has(code)) problems.push({ severity: 'error', code: 'duplicate_code', areaCode: code, message: `${code}: the code appears more than once`, at });
    else byCode.set(code, record);
    if (!CODE_PATTERN.test(code)) problems.push({ severity: 'error', code: 'malformed_code', areaCode: code, params: { context: 'characters' }, message: `${code}: a code has 1–32 letters, digits, "-" or "_"`, at });
    if (record.level === 'village' && !/^\d{12}$/.test(code)) {
      problems.push({ severity: 'warning', code: 'malformed_code', areaCode: code, params: { context: 'village' }, message: `${code}: a village or community code is normally its 12-digit statistical division code`, at });
    }
  });
  records.forEach((record, i) => {
    const at = geometryOk[i] ? centroidOf(record.boundary) : undefined;
    const { code, parentCode, level } = record;
    const depth = TERRITORY_LEVELS.indexOf(level);
    if (!parentCode) {
      if (level !== 'district') problems.push({ severity: 'error', code: 'missing_parent', areaCode: code, params: { context: 'none', level, parentLevel: TERRITORY_LEVELS[depth - 1] ?? '' }, message: `${code}: a ${level} needs a parent ${TERRITORY_LEVELS[depth - 1]}`, at });
      return;
    }
    const parent = byCode.get(parentCode);
    if (!parent) {
      problems.push({ severity: 'error', code: 'missing_parent', areaCode: code, params: { parentCode }, message: `${code}: its parent ${parentCode} is not in the file`, at });
      return;
    }
    if (TERRITORY_LEVELS.indexOf(parent.level) !== depth - 1) {
      problems.push({ severity: 'error', code: 'wrong_parent_level', areaCode: code, params: { level, parentLevel: parent.level, parentCode, expected: TERRITORY_LEVELS[depth - 1] ?? '' }, message: `${code}: a ${level} must sit under a ${TERRITORY_LEVELS[depth - 1] ?? 'nothing'}, not a ${parent.level} (${parentCode})`, at });
    }
    if (level === 'grid' && /^\d{12}$/.test(parentCode) && !new RegExp(`^${parentCode}\\d{3}$`).test(code)) {
      problems.push({ severity: 'error', code: 'malformed_code', areaCode: code, params: { context: 'grid', parentCode }, message: `${code}: a grid's code is its village's code ${parentCode} followed by 3 digits`, at });
    }
  });
}

function checkOverlaps(records: readonly TerritoryRecord[], features: (Feature | null)[], tolerances: TerritoryTolerances, problems: TerritoryProblem[]): void {
  const indices = features.flatMap((f, i) => (f ? [i] : []));
  if (indices.length < 2) return;
  const tree = new Flatbush(indices.length);
  const boxes = indices.map((i) => bboxOf(records[i].boundary));
  for (const [w, s, e, n] of boxes) tree.add(w, s, e, n);
  tree.finish();
  indices.forEach((i, k) => {
    const [w, s, e, n] = boxes[k];
    for (const hit of tree.search(w, s, e, n)) {
      const j = indices[hit];
      if (j <= i || records[j].level !== records[i].level) continue;
      if (!mayOverlap(records[i].boundary, records[j].boundary)) continue;
      const shared = turf.intersect(collection([features[i] as Feature, features[j] as Feature]));
      const m2 = shared ? turf.area(shared) : 0;
      if (m2 < tolerances.noiseM2 || !shared) continue;
      const [lng, lat] = turf.pointOnFeature(shared).geometry.coordinates;
      const a = records[i].code;
      const b = records[j].code;
      problems.push({
        severity: m2 >= tolerances.errorM2 ? 'error' : 'warning',
        code: 'overlap',
        areaCode: a,
        params: { other: b, area: formatM2(m2) },
        message: `${a} and ${b} overlap by ${formatM2(m2)}`,
        at: { lat, lng },
      });
    }
  });
}

function checkParents(records: readonly TerritoryRecord[], features: (Feature | null)[], tolerances: TerritoryTolerances, problems: TerritoryProblem[]): void {
  const byCode = new Map(records.map((r, i) => [r.code, i]));
  const children = new Map<number, number[]>();
  records.forEach((record, i) => {
    const p = record.parentCode ? byCode.get(record.parentCode) : undefined;
    if (p === undefined || !features[i] || !features[p]) return;
    children.set(p, [...(children.get(p) ?? []), i]);
    if (insideOrOn(record.boundary, records[p].boundary)) return;
    const outside = turf.difference(collection([features[i] as Feature, features[p] as Feature]));
    const m2 = outside ? turf.area(outside) : 0;
    if (!outside || m2 < tolerances.noiseM2) return;
    const [lng, lat] = turf.pointOnFeature(outside).geometry.coordinates;
    problems.push({
      severity: m2 >= tolerances.errorM2 ? 'error' : 'warning',
      code: 'outside_parent',
      areaCode: record.code,
      params: { parentCode: records[p].code, area: formatM2(m2) },
      message: `${record.code}: ${formatM2(m2)} of it lies outside its parent ${records[p].code}`,
      at: { lat, lng },
    });
  });
  for (const [p, kids] of children) {
    const parentM2 = turf.area(features[p] as Feature);
    const childrenM2 = kids.reduce((sum, k) => sum + turf.area(features[k] as Feature), 0);
    if (parentM2 - childrenM2 < tolerances.errorM2) continue;
    const covered = kids.length === 1 ? features[kids[0]] : turf.union(collection(kids.map((k) => features[k] as Feature)));
    const gap = covered ? turf.difference(collection([features[p] as Feature, covered])) : features[p];
    const m2 = gap ? turf.area(gap) : 0;
    if (!gap || m2 < tolerances.errorM2) continue;
    const [lng, lat] = turf.pointOnFeature(gap).geometry.coordinates;
    // A warning: a point in a gap is in no grid, so reports there are refused; that may be meant (a lake).
    problems.push({ severity: 'warning', code: 'gap', areaCode: records[p].code, params: { area: formatM2(m2), children: kids.length }, message: `${records[p].code}: ${formatM2(m2)} of it is covered by none of its ${kids.length} children`, at: { lat, lng } });
  }
}

function formatM2(m2: number): string {
  return m2 >= 10_000 ? `${(m2 / 10_000).toFixed(2)} ha` : `${m2 >= 10 ? Math.round(m2) : m2.toFixed(2)} m²`;
}

/** Cheap test: false when the two can only touch (no vertex or edge midpoint of one strictly inside the other, no edges crossing). */
export function mayOverlap(a: AreaGeometry, b: AreaGeometry): boolean {
  // Two copies of one shape have no probe strictly inside the other: their equal boxes give them away.
  if (boxOf(a).every((v, i) => v === boxOf(b)[i])) return true;
  return probesInside(a, b) || probesInside(b, a) || edgesCross(a, b);
}

/** True when every vertex and edge midpoint of `child` is inside `parent` or on its boundary, and no edges cross. */
function insideOrOn(child: AreaGeometry, parent: AreaGeometry): boolean {
  for (const p of probes(child)) {
    if (classifyPoint(p, parent) === 'outside' && distanceToBoundary(p, parent) > ON_EDGE_DEGREES) return false;
  }
  return !edgesCross(child, parent);
}

function* probes(geometry: AreaGeometry): Generator<LatLng> {
  for (const rings of polygonsOf(geometry)) {
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        yield { lng: ring[i][0], lat: ring[i][1] };
        yield { lng: (ring[i][0] + ring[i + 1][0]) / 2, lat: (ring[i][1] + ring[i + 1][1]) / 2 };
      }
    }
  }
}

function probesInside(a: AreaGeometry, b: AreaGeometry): boolean {
  for (const p of probes(a)) {
    if (classifyPoint(p, b) === 'inside' && distanceToBoundary(p, b) > ON_EDGE_DEGREES) return true;
  }
  return false;
}

function distanceToBoundary(p: LatLng, geometry: AreaGeometry): number {
  let best = Infinity;
  for (const [a, b] of edges(geometry)) best = Math.min(best, segmentDistance(p.lng, p.lat, a, b));
  return best;
}

function segmentDistance(x: number, y: number, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / length2));
  return Math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy));
}

/** True when an edge of `a` and an edge of `b` cross at a point inside both (a proper crossing). */
function edgesCross(a: AreaGeometry, b: AreaGeometry): boolean {
  // Only b's edges near a matter: a grid against its village's long ring tests a handful, not hundreds.
  const [aw, as, ae, an] = boxOf(a);
  const near = edges(b).filter(([r, s]) => Math.max(r[0], s[0]) >= aw && Math.min(r[0], s[0]) <= ae && Math.max(r[1], s[1]) >= as && Math.min(r[1], s[1]) <= an);
  if (near.length === 0) return false;
  for (const [p, q] of edges(a)) {
    for (const [r, s] of near) {
      if (Math.max(p[0], q[0]) < Math.min(r[0], s[0]) || Math.min(p[0], q[0]) > Math.max(r[0], s[0]) || Math.max(p[1], q[1]) < Math.min(r[1], s[1]) || Math.min(p[1], q[1]) > Math.max(r[1], s[1])) continue;
      const d1 = orient(r, s, p);
      const d2 = orient(r, s, q);
      const d3 = orient(p, q, r);
      const d4 = orient(p, q, s);
      if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
    }
  }
  return false;
}

const edgeCache = new WeakMap<AreaGeometry, [Position, Position][]>();
const boxCache = new WeakMap<AreaGeometry, ReturnType<typeof bboxOf>>();

/** A geometry's edges, made once per geometry (parents are tested against each of their children). */
function edges(geometry: AreaGeometry): [Position, Position][] {
  let out = edgeCache.get(geometry);
  if (out) return out;
  out = [];
  for (const rings of polygonsOf(geometry)) for (const ring of rings) for (let i = 0; i + 1 < ring.length; i++) out.push([ring[i], ring[i + 1]]);
  edgeCache.set(geometry, out);
  return out;
}

function boxOf(geometry: AreaGeometry): ReturnType<typeof bboxOf> {
  let box = boxCache.get(geometry);
  if (!box) boxCache.set(geometry, (box = bboxOf(geometry)));
  return box;
}

/** Sign of the turn p → q → r, with a relative tolerance so collinear shared edges read as 0. */
function orient(p: Position, q: Position, r: Position): number {
  const value = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  return Math.abs(value) < 1e-18 ? 0 : value;
}
