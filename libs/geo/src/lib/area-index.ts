import Flatbush from 'flatbush';
import pointInPolygon from 'point-in-polygon-hao';
import { bboxOf } from './bbox-of';
import type { LatLng } from './distance';
import { type AreaGeometry, type Position, isValidLatLng, polygonsOf } from './geometry';
import { isValidBoundary } from './is-valid-boundary';

export interface AreaIndexEntry {
  id: string;
  boundary: AreaGeometry;
}

/** One polygon of an entry; a MultiPolygon's parts are indexed apart for tighter boxes. */
interface Part {
  entry: number;
  rings: Position[][];
}

/**
 * An immutable in-memory index of area boundaries answering "which area is this point in?" in
 * microseconds: a packed R-tree (flatbush) over each polygon's bounding box narrows the search to a
 * few candidates, then an exact, robust point-in-polygon test (point-in-polygon-hao) decides.
 *
 * Rules of locate:
 * - areas are closed sets: a point on an outer boundary is inside, a point inside a hole is outside
 *   (a point on a hole's ring is on the boundary, hence inside);
 * - a point in several areas (on an edge or vertex they share, or anywhere in overlapping areas)
 *   belongs to the one that came first in the entries given to `build`: deterministic, and the
 *   caller chooses the precedence by ordering the entries;
 * - NaN, infinite or out-of-range coordinates, and points in no area, give null.
 *
 * Boundaries change rarely; when they do, build a new index (10,000 grids take milliseconds) and
 * swap the reference.
 */
export class AreaIndex {
  private constructor(
    private readonly ids: readonly string[],
    private readonly parts: readonly Part[],
    private readonly tree: Flatbush | null,
  ) {}

  /** Throws a RangeError naming the entry if an id repeats or a boundary is invalid. */
  static build(entries: readonly AreaIndexEntry[]): AreaIndex {
    const seen = new Set<string>();
    const parts: Part[] = [];
    entries.forEach(({ id, boundary }, entry) => {
      if (seen.has(id)) throw new RangeError(`AreaIndex: area id ${id} appears twice`);
      seen.add(id);
      const problems = isValidBoundary(boundary);
      if (problems.length > 0) throw new RangeError(`AreaIndex: area ${id}: ${problems.join('; ')}`);
      for (const rings of polygonsOf(boundary)) parts.push({ entry, rings });
    });
    // Flatbush refuses zero items; an empty index simply finds nothing.
    if (parts.length === 0) return new AreaIndex([], [], null);
    const tree = new Flatbush(parts.length);
    for (const { rings } of parts) {
      const [west, south, east, north] = bboxOf({ type: 'Polygon', coordinates: rings });
      tree.add(west, south, east, north);
    }
    tree.finish();
    return new AreaIndex(
      entries.map((e) => e.id),
      parts,
      tree,
    );
  }

  /** The number of areas indexed. */
  get size(): number {
    return this.ids.length;
  }

  /** The id of the area containing the point, or null; see the class comment for the rules. */
  locate(point: LatLng): string | null {
    if (this.tree === null || !isValidLatLng(point)) return null;
    const { lng, lat } = point;
    // Parts were added in entry order, so ascending part index is ascending build order.
    const candidates = this.tree.search(lng, lat, lng, lat).sort((a, b) => a - b);
    const position = [lng, lat];
    for (const i of candidates) {
      const part = this.parts[i];
      if (pointInPolygon(position, part.rings) !== false) return this.ids[part.entry];
    }
    return null;
  }
}
