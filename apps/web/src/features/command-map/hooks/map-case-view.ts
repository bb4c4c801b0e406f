import type { CaseStatus } from '@grid/contracts';
import type { MapCase } from './map-case-store';

export interface MapFilter {
  /** A zone or village: cases whose grid lies under it. */
  areaId: string | null;
  /** A category or a whole parent category. */
  categoryCode: string | null;
  statuses: readonly CaseStatus[];
}

export const NO_FILTER: MapFilter = { areaId: null, categoryCode: null, statuses: [] };

/** Open and overdue cases in the chosen area and category, any status (the key figures). */
export interface OpenCounts {
  open: number;
  overdue: number;
}

/** The grids of the wall in the order of their outlines, with each one's parent and the parent's ancestors. */
export interface GridTable {
  ids: readonly string[];
  /** Index into `parents`, -1 for none. */
  parent: readonly number[];
  parents: readonly { id: string; path: readonly string[] }[];
}

/** What the map shows of the open cases under a filter. */
export interface MapCaseView {
  counts: OpenCounts;
  /** The cases that pass every filter (the statuses too): the ones drawn and clustered. */
  shown: MapCase[];
  /** Per grid of the table (same order), the shown cases in it and how many of those are overdue; null without a table. */
  gridOpen: Uint32Array | null;
  gridOverdue: Uint32Array | null;
}

/** The grids under an area (a zone, a village, or a grid itself), from the table alone. */
export function gridsUnder(table: GridTable, areaId: string): Set<string> {
  const inside = new Set<string>();
  table.ids.forEach((id, i) => {
    const parent = table.parents[table.parent[i]];
    if (id === areaId || parent?.id === areaId || parent?.path.includes(areaId)) inside.add(id);
  });
  return inside;
}

/**
 * Narrows the open cases by the wall's filters: the key figures count the area and category only, the map
 * shows the chosen statuses too, and each grid is shaded by the shown cases in it. One pass over the cases;
 * `gridsIn` is gridsUnder's answer for the filter's area (computed once per area, not per pass).
 */
export function viewCases(cases: Iterable<MapCase>, filter: MapFilter, table: GridTable | null, gridsIn: ReadonlySet<string> | null): MapCaseView {
  const { categoryCode, statuses } = filter;
  const counts = { open: 0, overdue: 0 };
  const shown: MapCase[] = [];
  const slot = table ? new Map(table.ids.map((id, i) => [id, i])) : null;
  const gridOpen = table ? new Uint32Array(table.ids.length) : null;
  const gridOverdue = table ? new Uint32Array(table.ids.length) : null;
  for (const c of cases) {
    if (gridsIn && !gridsIn.has(c.gridId)) continue;
    if (categoryCode && c.categoryCode !== categoryCode && !c.categoryCode.startsWith(`${categoryCode}.`)) continue;
    const overdue = c.slaState === 'overdue';
    counts.open += 1;
    if (overdue) counts.overdue += 1;
    if (statuses.length && !statuses.includes(c.status)) continue;
    shown.push(c);
    const i = slot?.get(c.gridId);
    if (i !== undefined && gridOpen && gridOverdue) {
      gridOpen[i] += 1;
      if (overdue) gridOverdue[i] += 1;
    }
  }
  return { counts, shown, gridOpen, gridOverdue };
}
