import { DEPARTMENT_ROLES, type AreaLevel, type Role } from '@grid/contracts';

/** Where a post of each role sits: the levels of area it may be in, or a department. */
const AREA_LEVELS_OF: Record<Exclude<Role, 'dept_staff' | 'dept_head'>, readonly AreaLevel[]> = {
  grid_worker: ['grid'],
  // A grid leader leads one grid, or all the grids of a village (网格长 per grid or per village).
  grid_leader: ['grid', 'village'],
  village_cadre: ['village'],
  zone_leader: ['zone'],
  operator: ['district', 'zone'],
  assessor: ['district', 'zone'],
  admin: ['district'],
};

/** Why a post of `role` cannot sit in this unit (an area of a level, or a department), or null when it can. */
export function postPlacementProblem(role: Role, unit: { level: AreaLevel } | 'department'): string | null {
  if (DEPARTMENT_ROLES.includes(role)) return unit === 'department' ? null : `a ${role} post belongs to a department, not an area`;
  if (unit === 'department') return `a ${role} post belongs to an area, not a department`;
  const levels = AREA_LEVELS_OF[role as keyof typeof AREA_LEVELS_OF];
  return levels.includes(unit.level) ? null : `a ${role} post belongs to an area of level ${levels.join(' or ')}, not ${unit.level}`;
}
