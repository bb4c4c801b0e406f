import type { LatLng } from '@grid/contracts';
import { boxAround } from '@grid/geo';
import type { DuplicateProbe } from './find-duplicate-candidates';

/** An open case as duplicate detection sees it. */
export interface OpenCaseEntry extends DuplicateProbe {
  id: string;
}

/** One change to the set of open cases: a case that is open (added or moved), or one that no longer is. */
export type OpenCaseChange = { kind: 'open'; entry: OpenCaseEntry } | { kind: 'gone'; id: string };

const METRES_PER_DEGREE_OF_LATITUDE = 111_320;

/**
 * The open cases of a territory in memory, bucketed by category and by cells about a radius wide, so that the
 * cases near a point are found by looking at the few cells around it. `near` answers a superset of the cases
 * within the radius (every case in the cells the radius touches); `findDuplicateCandidates` then decides.
 */
export class OpenCaseIndex {
  /** category → cell → id → entry */
  private readonly cells = new Map<string, Map<number, Map<string, OpenCaseEntry>>>();
  private readonly cellOf = new Map<string, { categoryCode: string; cell: number }>();
  private readonly cellDegrees: number;

  constructor(private readonly radiusMeters: number) {
    if (!(radiusMeters > 0)) throw new RangeError(`an open-case index needs a radius above 0 metres, got ${radiusMeters}`);
    this.cellDegrees = radiusMeters / METRES_PER_DEGREE_OF_LATITUDE;
  }

  get size(): number {
    return this.cellOf.size;
  }

  apply(change: OpenCaseChange): void {
    if (change.kind === 'gone') this.remove(change.id);
    else this.put(change.entry);
  }

  put(entry: OpenCaseEntry): void {
    this.remove(entry.id);
    const cell = this.cellKey(Math.floor(entry.location.lng / this.cellDegrees), Math.floor(entry.location.lat / this.cellDegrees));
    let byCell = this.cells.get(entry.categoryCode);
    if (!byCell) this.cells.set(entry.categoryCode, (byCell = new Map()));
    let entries = byCell.get(cell);
    if (!entries) byCell.set(cell, (entries = new Map()));
    entries.set(entry.id, entry);
    this.cellOf.set(entry.id, { categoryCode: entry.categoryCode, cell });
  }

  remove(id: string): void {
    const where = this.cellOf.get(id);
    if (!where) return;
    this.cellOf.delete(id);
    const byCell = this.cells.get(where.categoryCode) as Map<number, Map<string, OpenCaseEntry>>;
    const entries = byCell.get(where.cell) as Map<string, OpenCaseEntry>;
    entries.delete(id);
    if (!entries.size) byCell.delete(where.cell);
    if (!byCell.size) this.cells.delete(where.categoryCode);
  }

  /** The open cases of the category in the cells within the index's radius of `location`: a superset of those within it. */
  near(categoryCode: string, location: LatLng): OpenCaseEntry[] {
    const byCell = this.cells.get(categoryCode);
    if (!byCell) return [];
    const [west, south, east, north] = boxAround(location, this.radiusMeters);
    const found: OpenCaseEntry[] = [];
    for (let x = Math.floor(west / this.cellDegrees); x <= Math.floor(east / this.cellDegrees); x++) {
      for (let y = Math.floor(south / this.cellDegrees); y <= Math.floor(north / this.cellDegrees); y++) {
        const entries = byCell.get(this.cellKey(x, y));
        if (entries) for (const entry of entries.values()) found.push(entry);
      }
    }
    return found;
  }

  /** One number per cell: for a radius of a metre or more a row number stays below 2^25 either way, so no two cells share one. */
  private cellKey(x: number, y: number): number {
    return x * 2 ** 26 + y;
  }
}
