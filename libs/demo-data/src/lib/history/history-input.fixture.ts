import { CHINA_WORK_CALENDAR, type Actor, type AreaPath } from '@grid/domain';
import { defaultCategories } from '../categories';
import { generateTerritory } from '../generate-territory';
import type { Territory } from '../territory';
import type { HistoryInput } from './simulate-history';

/** A deterministic uuid for the n-th synthetic row (the API gives real ones). */
export const syntheticUuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * A history input as the API builds it from the stored demo territory: areas and users with ids,
 * the grids' rings and on-duty workers, the default leaf categories and the China work calendar.
 */
export function historyInputOf(
  territory: Territory = generateTerritory(),
  options: Partial<Pick<HistoryInput, 'seed' | 'now' | 'days' | 'casesPerDay'>> = {},
): HistoryInput {
  let next = 0;
  const areas = [territory.district, ...territory.zones, ...territory.villages, ...territory.grids];
  const idOf = new Map(areas.map((a) => [a.code, syntheticUuid(++next)]));
  const parentOf = new Map(areas.map((a) => [a.code, a.parentCode]));
  const pathOf = (code: string): string[] => {
    const parent = parentOf.get(code) ?? null;
    return [...(parent === null ? [] : pathOf(parent)), idOf.get(code) as string];
  };
  const departmentIdByCode = Object.fromEntries(territory.departments.map((d) => [d.code, syntheticUuid(++next)]));
  const users: Actor[] = territory.users.map((u) => ({
    id: syntheticUuid(++next),
    role: u.role,
    areaId: u.areaCode === null ? null : (idOf.get(u.areaCode) ?? null),
    areaPath: u.areaCode === null ? [] : pathOf(u.areaCode),
    departmentId: u.departmentCode === null ? null : (departmentIdByCode[u.departmentCode] ?? null),
  }));
  const grids = territory.grids.map((g) => {
    const id = idOf.get(g.code) as string;
    return {
      id,
      areaPath: pathOf(g.code) as unknown as AreaPath,
      centroid: g.centroid,
      ring: g.boundary.coordinates[0],
      workerId: users.find((u) => u.role === 'grid_worker' && u.areaId === id)?.id ?? null,
    };
  });
  return {
    seed: options.seed ?? 20261123,
    now: options.now ?? '2026-11-23T06:00:00.000Z',
    days: options.days ?? 90,
    casesPerDay: options.casesPerDay ?? 30,
    grids,
    users,
    categories: defaultCategories.filter((c) => c.parentCode !== null),
    departmentIdByCode,
    calendar: CHINA_WORK_CALENDAR,
  };
}
