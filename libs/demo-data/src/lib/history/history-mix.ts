import type { CaseSource, LatLng, Priority } from '@grid/contracts';
import { classifyPoint } from '@grid/geo';
import type { CaseCategory } from '@grid/domain';
import { fromTable, logNormal, uniform, type Random } from './history-random';

/**
 * How often each default category is reported, relative to one another: street order, litter and
 * e-bike charging lead, emergencies are rare. A category the list does not know weighs 1.
 */
const CATEGORY_WEIGHTS: Readonly<Record<string, number>> = {
  'street.parking': 14, 'city.litter': 14, 'street.vending': 10, 'safety.ebike': 9, 'dispute.neighbour': 8,
  'street.outside_shop': 6, 'city.posters': 5, 'city.garbage_collection': 5, 'city.facility': 4, 'order.noise': 4,
  'livelihood.road': 3, 'livelihood.utilities': 3, 'ecology.burning': 3, 'livelihood.enquiry': 3, 'city.greenery': 2,
  'safety.fire': 2, 'dispute.property': 2, 'livelihood.assistance': 2, 'livelihood.elderly': 2, 'construction.structure': 2,
  'safety.gas': 1.5, 'dispute.family': 1.5, 'special.left_behind': 1.5, 'ecology.dust': 1.5, 'ecology.dumping': 1.5,
  'street.food': 1.5, 'order.theft': 1, 'order.fraud': 1, 'dispute.wages': 1, 'construction.site': 1, 'livelihood.consumer': 1,
  'dispute.land': 0.8, 'petition.visit': 0.8, 'ecology.sewage': 0.8, 'safety.building': 0.7, 'safety.geohazard': 0.6,
  'ecology.water': 0.6, 'construction.farmland': 0.6, 'petition.letter': 0.5, 'construction.alteration': 0.5,
  'special.mental': 0.4, 'emergency.flood': 0.4, 'emergency.fire': 0.3, 'special.correction': 0.3, 'emergency.accident': 0.2,
  'special.drug': 0.2, 'order.vice': 0.2, 'emergency.public_health': 0.15, 'petition.collective': 0.15, 'emergency.mass': 0.1,
};

export const categoryWeightOf = (code: string): number => CATEGORY_WEIGHTS[code] ?? 1;

type Table<T> = readonly (readonly [T, number])[];

/** What grid workers see on their rounds vs. what residents call about. */
const SEEN_ON_ROUNDS: Table<CaseSource> = [['grid_report', 75], ['hotline', 14], ['front_desk', 3], ['patrol', 8]];
const PEOPLE_BRING: Table<CaseSource> = [['grid_report', 35], ['hotline', 35], ['front_desk', 30]];
const EMERGENCY_SOURCES: Table<CaseSource> = [['hotline', 50], ['grid_report', 40], ['patrol', 10]];
const SPECIAL_SOURCES: Table<CaseSource> = [['grid_report', 60], ['hotline', 30], ['front_desk', 10]];

function sourceTableOf(code: string): Table<CaseSource> {
  const parent = code.split('.')[0];
  if (parent === 'emergency') return EMERGENCY_SOURCES;
  if (['dispute', 'livelihood', 'petition'].includes(parent)) return PEOPLE_BRING;
  if (['special', 'order'].includes(parent)) return SPECIAL_SOURCES;
  return SEEN_ON_ROUNDS;
}

function priorityTableOf(category: CaseCategory): Table<Priority> {
  const parent = category.code.split('.')[0];
  if (parent === 'emergency') return [['emergency', 70], ['urgent', 30]];
  if (['safety', 'special'].includes(parent)) return [['normal', 72], ['urgent', 25], ['emergency', 3]];
  return [['normal', 91], ['urgent', 9]];
}

export const sourceOf = (random: Random, code: string): CaseSource => fromTable(random, sourceTableOf(code));

export const priorityOf = (random: Random, category: CaseCategory): Priority => fromTable(random, priorityTableOf(category));

/** Local minutes of the working windows 08:30–12:00 and 14:00–17:30, and the edges of a worker's day. */
const OFFICE: Table<readonly [number, number]> = [[[510, 720], 45], [[840, 1050], 45], [[450, 510], 4], [[720, 840], 3], [[1050, 1200], 3]];
const WEEKEND_ROUNDS: Table<readonly [number, number]> = [[[540, 1080], 1]];
const HOTLINE_HOURS: Table<readonly [number, number]> = [[[420, 720], 40], [[720, 1080], 40], [[1080, 1380], 17], [[0, 420], 3]];

/** When in the (local) day a report comes in, in minutes after midnight. */
export function reportMinuteOf(random: Random, source: CaseSource, priority: Priority, workday: boolean): number {
  if (priority === 'emergency') return uniform(random, 0, 1440);
  const table = source === 'hotline' ? HOTLINE_HOURS : source === 'front_desk' || workday ? OFFICE : WEEKEND_ROUNDS;
  const [from, to] = fromTable(random, source === 'front_desk' ? OFFICE.slice(0, 2) : table);
  return uniform(random, from, to);
}

/** How busy a grid is relative to others (a market town centre sees more than a hillside hamlet). */
export const gridBusynessOf = (random: Random): number => logNormal(random, 1, 0.55);

/** A point inside the ring, by rejection in its bounding box (the centroid if the ring is degenerate). */
export function pointInRing(random: Random, ring: readonly (readonly number[])[], fallback: LatLng): LatLng {
  const lngs = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  const [west, east, south, north] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  const polygon = { type: 'Polygon' as const, coordinates: [ring.map((p) => [p[0], p[1]])] };
  for (let attempt = 0; attempt < 200; attempt++) {
    const point = { lat: round6(uniform(random, south, north)), lng: round6(uniform(random, west, east)) };
    if (classifyPoint(point, polygon) === 'inside') return point;
  }
  return fallback;
}

/** A point a few metres from another, still inside the ring (a second report of the same thing). */
export function pointNear(random: Random, ring: readonly (readonly number[])[], near: LatLng): LatLng {
  const polygon = { type: 'Polygon' as const, coordinates: [ring.map((p) => [p[0], p[1]])] };
  for (let attempt = 0; attempt < 20; attempt++) {
    const point = { lat: round6(near.lat + uniform(random, -2e-4, 2e-4)), lng: round6(near.lng + uniform(random, -2e-4, 2e-4)) };
    if (classifyPoint(point, polygon) === 'inside') return point;
  }
  return near;
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
