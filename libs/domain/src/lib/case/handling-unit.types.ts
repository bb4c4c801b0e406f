import { AREA_LEVELS, type AreaLevel } from '@grid/contracts';

/** The ids of the areas a case falls in, from the district down: [district, zone, village, grid]. */
export type AreaPath = readonly [district: string, zone: string, village: string, grid: string];

/** The unit that is responsible for a case now: an area at one level, or a department. */
export type HandlingUnit = { level: AreaLevel; areaId: string } | { level: 'department'; departmentId: string };

/** 0 for the district … 3 for a grid; a department ranks with the zone (zones and the district summon it). */
export function rankOf(unit: HandlingUnit): number {
  return unit.level === 'department' ? AREA_LEVELS.indexOf('zone') : AREA_LEVELS.indexOf(unit.level);
}

/** The unit of the case's own area at a level. */
export function areaUnit(path: AreaPath, level: AreaLevel): HandlingUnit {
  return { level, areaId: path[AREA_LEVELS.indexOf(level)] };
}

/** The unit one level up (grid → village → zone → district; a department goes to the district), or null at the top. */
export function unitAbove(path: AreaPath, unit: HandlingUnit): HandlingUnit | null {
  if (unit.level === 'department') return areaUnit(path, 'district');
  const rank = AREA_LEVELS.indexOf(unit.level);
  return rank === 0 ? null : areaUnit(path, AREA_LEVELS[rank - 1]);
}

export function sameUnit(a: HandlingUnit | null, b: HandlingUnit | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.level === 'department' || b.level === 'department') {
    return a.level === 'department' && b.level === 'department' && a.departmentId === b.departmentId;
  }
  return a.level === b.level && a.areaId === b.areaId;
}

/** True when an area unit is one of the case's own areas at its level (a case is handled where it is). */
export function isOnPath(path: AreaPath, unit: HandlingUnit): boolean {
  return unit.level === 'department' || path[AREA_LEVELS.indexOf(unit.level)] === unit.areaId;
}
