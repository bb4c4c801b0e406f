import type { LatLng } from '@grid/contracts';
import { distanceMeters } from '@grid/geo';
import { pointInRing } from './history-mix';
import { streamOf, uniform } from './history-random';
import type { HistoryGrid, HistoryInput } from './simulate-history';

/**
 * What the demo's history must show the command centre's analysis (issue 20), planted over the random reports:
 *
 * - **A lasting hotspot**: street vending around the grid nearest the territory's middle and its three nearest
 *   grids, rising over the last three weeks (1, 2, then 4 extra reports a day).
 * - **A new hotspot this week**: litter in the grid a quarter of the way across the territory and its two nearest,
 *   three extra reports a day over the last six days, none before: the morning meeting's "new this week".
 * - **Recurring places**: five spots, each reported again every 12–19 days in one category; each report comes
 *   after the last one was handled and closed, so the next is a recurrence ("reported here 4 times in 60 days").
 */
export interface PlantedReport {
  key: string;
  grid: HistoryGrid;
  categoryCode: string;
  /** Local midnight of the report's day. */
  midnight: number;
  /** A point near this one (a recurring place), or anywhere in the grid when null. */
  near: LatLng | null;
}

const RECURRING_CATEGORIES = ['city.garbage_collection', 'street.outside_shop', 'order.noise', 'ecology.dumping', 'city.posters'];
const RECURRING_PLACES = 5;

export function plantedReports(input: HistoryInput, days: readonly number[]): PlantedReport[] {
  const known = new Set(input.categories.map((c) => c.code));
  const grids = input.grids;
  if (grids.length < 8 || days.length < 21) return [];
  const planted: PlantedReport[] = [];
  const last = days.length - 1;
  const middle = meanOf(grids.map((g) => g.centroid));
  const [west, east] = [Math.min(...grids.map((g) => g.centroid.lng)), Math.max(...grids.map((g) => g.centroid.lng))];

  if (known.has('street.vending')) {
    const cluster = nearestGrids(grids, middle, 4);
    for (let ago = 21; ago >= 1; ago--) {
      const perDay = ago > 14 ? 1 : ago > 7 ? 2 : 4;
      for (let i = 0; i < perDay; i++) planted.push({ key: `hotspot:vending:${ago}:${i}`, grid: cluster[(ago + i) % cluster.length], categoryCode: 'street.vending', midnight: days[last - ago + 1], near: null });
    }
  }
  if (known.has('city.litter')) {
    const cluster = nearestGrids(grids, { lat: middle.lat, lng: west + (east - west) / 4 }, 3);
    for (let ago = 6; ago >= 1; ago--)
      for (let i = 0; i < 3; i++) planted.push({ key: `hotspot:litter:${ago}:${i}`, grid: cluster[(ago + i) % cluster.length], categoryCode: 'city.litter', midnight: days[last - ago + 1], near: null });
  }

  const random = streamOf(input.seed, 'recurring-places');
  const categories = RECURRING_CATEGORIES.filter((c) => known.has(c));
  for (let p = 0; p < RECURRING_PLACES && categories.length; p++) {
    const grid = grids[Math.floor(random() * grids.length)];
    const spot = pointInRing(random, grid.ring, grid.centroid);
    const categoryCode = categories[p % categories.length];
    // From about 85 days back, one report every 12–19 days; the last at most a few days ago.
    for (let ago = Math.min(last, 80 + Math.floor(uniform(random, 0, 6))), n = 0; ago >= 2; ago -= Math.floor(uniform(random, 12, 20)), n++)
      planted.push({ key: `recurring:${p}:${n}`, grid, categoryCode, midnight: days[last - ago], near: spot });
  }
  return planted;
}

/** The `k` grids whose centroids lie nearest a point (ties by id), nearest first. */
function nearestGrids(grids: readonly HistoryGrid[], point: LatLng, k: number): HistoryGrid[] {
  return [...grids].sort((a, b) => distanceMeters(a.centroid, point) - distanceMeters(b.centroid, point) || a.id.localeCompare(b.id)).slice(0, k);
}

const meanOf = (points: readonly LatLng[]): LatLng => ({ lat: points.reduce((a, p) => a + p.lat, 0) / points.length, lng: points.reduce((a, p) => a + p.lng, 0) / points.length });

