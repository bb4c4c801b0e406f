import { AREA_LEVELS, DEPARTMENT_ROLES, DISTRICT_WIDE_ROLES, type Role } from '@grid/contracts';
import type { Actor, ActorRole } from '../actor.types';
import type { CaseState } from '../case-state.types';

type ScopeView = Pick<CaseState, 'areaPath' | 'unit' | 'coHandlers' | 'assigneeId' | 'verifierId'>;

const isRole = (role: ActorRole, roles: readonly Role[]): boolean => (roles as readonly ActorRole[]).includes(role);

/** The departments a case is on: the handling department and every summoned one. */
export function departmentsOn(state: Pick<CaseState, 'unit' | 'coHandlers'>): string[] {
  const handling = state.unit?.level === 'department' ? [state.unit.departmentId] : [];
  return [...handling, ...state.coHandlers.map((c) => c.departmentId)];
}

/**
 * DESIGN §2: operators, assessors and admins see everything; department roles the cases their
 * department is on; area roles their area subtree; grid roles also the cases assigned to them (or that
 * they are to verify) elsewhere. A resident actor is built from the case's own tracking token.
 */
export function isInScope(actor: Actor, state: ScopeView): boolean {
  if (actor.role === 'resident' || isRole(actor.role, DISTRICT_WIDE_ROLES)) return true;
  if (isRole(actor.role, DEPARTMENT_ROLES)) return actor.departmentId !== null && departmentsOn(state).includes(actor.departmentId);
  if (actor.id === state.assigneeId || actor.id === state.verifierId) return true;
  return actor.areaId !== null && state.areaPath.includes(actor.areaId);
}

/** The area level each leader role leads (0 district … 3 grid). */
const LEADER_RANK: Partial<Record<ActorRole, number>> = {
  operator: 0,
  admin: 0,
  zone_leader: AREA_LEVELS.indexOf('zone'),
  village_cadre: AREA_LEVELS.indexOf('village'),
  grid_leader: AREA_LEVELS.indexOf('grid'),
};

/** The level at which the actor leads this case's areas, or null when they lead none of them. */
export function leaderRankOn(actor: Actor, state: Pick<CaseState, 'areaPath'>): number | null {
  const rank = LEADER_RANK[actor.role];
  if (rank === undefined) return null;
  if (rank === 0) return 0;
  return state.areaPath[rank] === actor.areaId ? rank : null;
}
