/** Past this many problems the list says how many more there are instead of naming each one. */
const MAX_PROBLEMS = 20;

/**
 * The problems that keep a value from being an area boundary: a GeoJSON Polygon or MultiPolygon
 * whose rings are closed and have at least 4 positions of finite [lng, lat] within [-180, 180] and
 * [-90, 90]. Returns an empty list for a valid boundary. Takes `unknown` because its caller is the
 * import of untrusted GeoJSON files; each problem names its place, e.g.
 * `coordinates[0][3]: latitude 95 is outside [-90, 90]`.
 * Self-intersection and ring orientation are not checked (RFC 7946 tells parsers not to reject on
 * winding order).
 */
export function isValidBoundary(geometry: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(geometry)) return ['the boundary is not an object'];
  const { type, coordinates } = geometry;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    return [`type must be "Polygon" or "MultiPolygon", not ${JSON.stringify(type)}`];
  }
  if (type === 'Polygon') checkPolygon(coordinates, 'coordinates', problems);
  else if (!Array.isArray(coordinates) || coordinates.length === 0) {
    problems.push('coordinates: a MultiPolygon needs at least one polygon');
  } else {
    coordinates.forEach((polygon, i) => checkPolygon(polygon, `coordinates[${i}]`, problems));
  }
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), `… and ${problems.length - MAX_PROBLEMS} more problems`];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function checkPolygon(polygon: unknown, at: string, problems: string[]): void {
  if (!Array.isArray(polygon) || polygon.length === 0) {
    problems.push(`${at}: a polygon needs at least one ring`);
    return;
  }
  polygon.forEach((ring, r) => checkRing(ring, `${at}[${r}]`, problems));
}

function checkRing(ring: unknown, at: string, problems: string[]): void {
  if (!Array.isArray(ring) || ring.length < 4) {
    problems.push(`${at}: a ring needs at least 4 positions`);
    return;
  }
  const valid = ring.map((position, p) => checkPosition(position, `${at}[${p}]`, problems));
  const first: unknown = ring[0];
  const last: unknown = ring[ring.length - 1];
  if (valid[0] && valid[ring.length - 1] && Array.isArray(first) && Array.isArray(last)) {
    if (first[0] !== last[0] || first[1] !== last[1]) {
      problems.push(`${at}: the ring is not closed (its last position must repeat its first)`);
    }
  }
}

function checkPosition(position: unknown, at: string, problems: string[]): boolean {
  if (!Array.isArray(position) || position.length < 2) {
    problems.push(`${at}: a position must be [longitude, latitude]`);
    return false;
  }
  const [lng, lat]: unknown[] = position;
  if (typeof lng !== 'number' || !Number.isFinite(lng) || typeof lat !== 'number' || !Number.isFinite(lat)) {
    problems.push(`${at}: longitude and latitude must be finite numbers`);
    return false;
  }
  const before = problems.length;
  if (lng < -180 || lng > 180) problems.push(`${at}: longitude ${lng} is outside [-180, 180]`);
  if (lat < -90 || lat > 90) problems.push(`${at}: latitude ${lat} is outside [-90, 90]`);
  return problems.length === before;
}
