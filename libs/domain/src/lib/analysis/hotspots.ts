import { benjaminiHochberg } from './false-discovery';
import { giStar } from './gi-star';
import { twoSidedP } from './normal-tail';

/** Why an analysis found no hotspots before testing anything (the answer says so instead of drawing nothing). */
export type HotspotStatus = 'ok' | 'no_grids' | 'no_cases' | 'too_few_cases';

/** Confidence of a hot cell after the false-discovery correction: q ≤ 0.01, 0.05, 0.10; 0 otherwise. */
export type HotspotConfidence = 0 | 90 | 95 | 99;

export interface HotspotRules {
  /** The false-discovery rate a hotspot is significant at (Benjamini–Hochberg). */
  alpha: number;
  /** Fewer cases in the whole study region than this: no test (the normal approximation of Gi* needs counts). */
  minCases: number;
  /** A hot cell's neighbourhood (itself and its neighbours) must hold at least this many cases. */
  minLocalCases: number;
}

export const DEFAULT_HOTSPOT_RULES: HotspotRules = { alpha: 0.05, minCases: 20, minLocalCases: 3 };

export interface HotspotCell {
  id: string;
  count: number;
  /** Cases in the cell and its neighbours. */
  local: number;
  /** Gi* z-score. */
  z: number;
  /** Two-sided p-value of z. */
  p: number;
  /** Benjamini–Hochberg adjusted p-value over every cell of the region. */
  q: number;
  confidence: HotspotConfidence;
  /** Significant at `alpha`, z > 0 and at least `minLocalCases` around: part of a hotspot. */
  hot: boolean;
}

export interface HotspotCluster {
  /** The hot cells, connected through the adjacency; the first is the one with the highest z. */
  ids: string[];
  cases: number;
  maxZ: number;
  minQ: number;
}

export interface HotspotAnalysis {
  status: HotspotStatus;
  totalCases: number;
  cells: HotspotCell[];
  clusters: HotspotCluster[];
  rules: HotspotRules;
}

/**
 * Hotspots of case counts over a set of cells (grids) and their adjacency: Gi* per cell, p-values, the
 * false-discovery correction over all cells, and the hot cells joined into clusters by adjacency (largest
 * first). Counts are taken as they are (grids are the unit of responsibility, and comparable in size).
 */
export function findHotspots(
  cells: readonly { id: string; count: number }[],
  neighbours: readonly (readonly number[])[],
  rules: HotspotRules = DEFAULT_HOTSPOT_RULES,
): HotspotAnalysis {
  const totalCases = cells.reduce((a, c) => a + c.count, 0);
  const quiet = (status: HotspotStatus): HotspotAnalysis => ({
    status,
    totalCases,
    cells: cells.map((c): HotspotCell => ({ id: c.id, count: c.count, local: c.count, z: 0, p: 1, q: 1, confidence: 0, hot: false })),
    clusters: [],
    rules,
  });
  if (!cells.length) return quiet('no_grids');
  if (totalCases === 0) return quiet('no_cases');
  if (totalCases < rules.minCases) return quiet('too_few_cases');
  const { z, local } = giStar(
    cells.map((c) => c.count),
    neighbours,
  );
  const p = z.map(twoSidedP);
  const q = benjaminiHochberg(p);
  const result: HotspotCell[] = cells.map((c, i) => {
    const confidence: HotspotConfidence = z[i] <= 0 ? 0 : q[i] <= 0.01 ? 99 : q[i] <= 0.05 ? 95 : q[i] <= 0.1 ? 90 : 0;
    return { id: c.id, count: c.count, local: local[i], z: z[i], p: p[i], q: q[i], confidence, hot: z[i] > 0 && q[i] <= rules.alpha && local[i] >= rules.minLocalCases };
  });
  return { status: 'ok', totalCases, cells: result, clusters: clustersOf(result, neighbours), rules };
}

/** Connected groups of hot cells, most cases first. */
function clustersOf(cells: readonly HotspotCell[], neighbours: readonly (readonly number[])[]): HotspotCluster[] {
  const seen = new Set<number>();
  const clusters: HotspotCluster[] = [];
  cells.forEach((cell, start) => {
    if (!cell.hot || seen.has(start)) return;
    const members: number[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length) {
      const i = stack.pop() as number;
      members.push(i);
      for (const j of neighbours[i]) {
        if (!seen.has(j) && cells[j]?.hot) {
          seen.add(j);
          stack.push(j);
        }
      }
    }
    members.sort((a, b) => cells[b].z - cells[a].z || cells[a].id.localeCompare(cells[b].id));
    clusters.push({
      ids: members.map((i) => cells[i].id),
      cases: members.reduce((a, i) => a + cells[i].count, 0),
      maxZ: cells[members[0]].z,
      minQ: Math.min(...members.map((i) => cells[i].q)),
    });
  });
  return clusters.sort((a, b) => b.cases - a.cases || b.maxZ - a.maxZ);
}

/** The clusters none of whose cells was hot before (a new hotspot for the morning meeting). */
export function newClusters(clusters: readonly HotspotCluster[], hotBefore: ReadonlySet<string>): HotspotCluster[] {
  return clusters.filter((c) => c.ids.every((id) => !hotBefore.has(id)));
}
