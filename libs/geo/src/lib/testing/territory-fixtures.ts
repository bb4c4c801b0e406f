import type { Position } from '../geometry';
import type { TerritoryRecord } from '../territory/territory-types';
import { rectangle, rectangleRing } from './fixtures';

/** Degrees per metre at latitude 32.7 (the demo district), for fixtures sized in metres. */
export const DEG_PER_M_LAT = 1 / 111_195;
export const DEG_PER_M_LNG = DEG_PER_M_LAT / Math.cos((32.7 * Math.PI) / 180);

export const VILLAGE_CODE = '610902107001';

const area = (code: string, level: TerritoryRecord['level'], parentCode: string | null, ring: Position[], extra: Partial<TerritoryRecord> = {}): TerritoryRecord => ({
  code,
  name: `area ${code}`,
  level,
  parentCode,
  boundary: { type: 'Polygon', coordinates: [ring] },
  population: null,
  households: null,
  staffQuota: null,
  ...extra,
});

/**
 * A district, one zone and one village all on the same 0.02° square, and two grids splitting it at
 * lng 108.71: a valid territory that tests change one thing at a time.
 */
export function tinyTerritory(grids?: { west?: Position[]; east?: Position[] }): TerritoryRecord[] {
  const box = rectangleRing(108.7, 32.7, 108.72, 32.72);
  return [
    area('610902', 'district', null, box),
    area('610902Z01', 'zone', '610902', box),
    area(VILLAGE_CODE, 'village', '610902Z01', box, { population: 2400, households: 800, staffQuota: 4 }),
    area(`${VILLAGE_CODE}001`, 'grid', VILLAGE_CODE, grids?.west ?? rectangleRing(108.7, 32.7, 108.71, 32.72)),
    area(`${VILLAGE_CODE}002`, 'grid', VILLAGE_CODE, grids?.east ?? rectangleRing(108.71, 32.7, 108.72, 32.72)),
  ];
}

/** The west grid with a square bump of `side` metres into the east grid (an overlap of side² m²). */
export function westGridWithBump(side: number): Position[] {
  const dx = side * DEG_PER_M_LNG;
  const dy = side * DEG_PER_M_LAT;
  return [
    [108.7, 32.7],
    [108.71, 32.7],
    [108.71 + dx, 32.7],
    [108.71 + dx, 32.7 + dy],
    [108.71, 32.7 + dy],
    [108.71, 32.72],
    [108.7, 32.72],
    [108.7, 32.7],
  ];
}

export { rectangle, rectangleRing };
