import type { CaseMapResponse, CaseStatus, CaseSummary, Priority, SlaState } from '@grid/contracts';
// The constants alone: this runs in the map's worker, which should not carry the contracts' schemas.
import { CASE_MAP_CODES } from '@grid/contracts/vocabulary';
import { TERMINAL_STATUSES } from '../../../cases/case-filter';

/** What the map keeps of an open case: where it is and how it looks, nothing more. */
export interface MapCase {
  id: string;
  lat: number;
  lng: number;
  gridId: string;
  categoryCode: string;
  status: CaseStatus;
  priority: Priority;
  slaState: SlaState;
}

/** The rows of an answer as the map keeps them, in the answer's order. */
export function casesOf(answer: CaseMapResponse): MapCase[] {
  const rows: MapCase[] = new Array(answer.ids.length);
  for (let i = 0; i < rows.length; i++) {
    rows[i] = {
      id: answer.ids[i],
      lat: answer.lat[i] / 1e5,
      lng: answer.lng[i] / 1e5,
      gridId: answer.grids[answer.grid[i]],
      categoryCode: answer.categories[answer.category[i]],
      status: CASE_MAP_CODES.status[answer.status[i]],
      priority: CASE_MAP_CODES.priority[answer.priority[i]],
      slaState: CASE_MAP_CODES.sla[answer.sla[i]],
    };
  }
  return rows;
}

/**
 * The open cases of the wall, as loaded from GET /api/cases/map and then patched by live events. Each
 * case remembers the newest event seq applied, so a late or replayed push never overwrites fresher data,
 * and pushes that arrive while a load is on its way are applied on top of its answer.
 */
export class MapCaseStore {
  private cases = new Map<string, MapCase>();
  private seqs = new Map<string, number>();
  /** Pushes received since the current load started (applied again over its answer). */
  private sinceLoad: { seq: number; summary: CaseSummary }[] | null = null;
  /** Bumped on every change: a cheap "did anything change" for React. */
  version = 0;
  /** The version of the last answer loaded: the same again (a reload with nothing new) changes nothing. */
  private loadedVersion: string | null = null;

  get size(): number {
    return this.cases.size;
  }

  values(): IterableIterator<MapCase> {
    return this.cases.values();
  }

  loadStarted(): void {
    this.sinceLoad = [];
  }

  /**
   * Replaces everything with a fresh answer (its rows as casesOf gives them), then re-applies what arrived
   * while it was on its way. Answers how many of those changed the map, or null for the version already
   * loaded (a revalidated reload), which changes nothing.
   */
  loaded(answer: CaseMapResponse, rows: MapCase[] = casesOf(answer)): number | null {
    if (answer.version === this.loadedVersion) {
      // Everything since the last answer was pushed live and is applied already.
      this.sinceLoad = null;
      return null;
    }
    this.loadedVersion = answer.version;
    const cases = new Map<string, MapCase>();
    const seqs = new Map(this.seqs);
    rows.forEach((row, i) => {
      cases.set(row.id, row);
      seqs.set(row.id, answer.seqs[i]);
    });
    const pending = this.sinceLoad ?? [];
    this.cases = cases;
    this.seqs = seqs;
    this.sinceLoad = null;
    let changed = 0;
    for (const push of pending.sort((a, b) => a.seq - b.seq)) if (this.apply(push.seq, push.summary, true)) changed++;
    this.version++;
    return changed;
  }

  /** One live event; answers whether the map changed. */
  apply(seq: number, summary: CaseSummary, replaying = false): boolean {
    if (!replaying) this.sinceLoad?.push({ seq, summary });
    if (seq <= (this.seqs.get(summary.id) ?? 0)) return false;
    this.seqs.set(summary.id, seq);
    if (TERMINAL_STATUSES.includes(summary.status)) {
      if (!this.cases.delete(summary.id)) return false;
    } else {
      const { id, location, gridId, categoryCode, status, priority, slaState } = summary;
      this.cases.set(id, { id, lat: location.lat, lng: location.lng, gridId, categoryCode, status, priority, slaState });
    }
    if (!replaying) this.version++;
    return true;
  }
}
