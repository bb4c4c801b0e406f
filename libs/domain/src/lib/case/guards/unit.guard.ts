import { AREA_LEVELS, type AreaLevel } from '@grid/contracts';
import type { Actor, ActorRole } from '../actor.types';
import type { CaseState } from '../case-state.types';
import { areaUnit, rankOf, type HandlingUnit } from '../handling-unit.types';
import { leaderRankOn } from './scope.guard';

/** Who works in a unit of each level. */
const MEMBER_ROLES: Record<AreaLevel | 'department', readonly ActorRole[]> = {
  grid: ['grid_worker', 'grid_leader'],
  village: ['village_cadre'],
  zone: ['zone_leader'],
  district: ['operator', 'admin'],
  department: ['dept_staff', 'dept_head'],
};

/** True when the actor works in the unit (and may take a case given to the unit as a whole). */
export function isUnitMember(actor: Actor, unit: HandlingUnit | null): boolean {
  if (unit === null || !MEMBER_ROLES[unit.level].includes(actor.role)) return false;
  if (unit.level === 'department') return actor.departmentId === unit.departmentId;
  return unit.level === 'district' || actor.areaId === unit.areaId;
}

/**
 * True when the actor leads the unit or a unit above it on this case's path: they approve requests,
 * close and dispatch there. A department is led by its head, and by the zone and the district above it.
 */
export function isUnitLeader(actor: Actor, state: Pick<CaseState, 'areaPath'>, unit: HandlingUnit | null): boolean {
  if (unit === null) return false;
  if (unit.level === 'department' && actor.role === 'dept_head') return actor.departmentId === unit.departmentId;
  const rank = leaderRankOn(actor, state);
  return rank !== null && rank <= rankOf(unit);
}

/** The one the current step waits for: the assignee, or any member of the unit when nobody is assigned. */
export function isHandler(actor: Actor, state: Pick<CaseState, 'assigneeId' | 'unit'>): boolean {
  return state.assigneeId === null ? isUnitMember(actor, state.unit) : actor.id === state.assigneeId;
}

/** The actor's own unit on this case: their department, their area on its path, or else the district. */
export function unitOfActor(actor: Actor, state: Pick<CaseState, 'areaPath'>): HandlingUnit {
  if (actor.departmentId !== null && MEMBER_ROLES.department.includes(actor.role)) {
    return { level: 'department', departmentId: actor.departmentId };
  }
  const index = actor.areaId === null ? -1 : state.areaPath.indexOf(actor.areaId);
  return index < 0 ? areaUnit(state.areaPath, 'district') : areaUnit(state.areaPath, AREA_LEVELS[index]);
}
