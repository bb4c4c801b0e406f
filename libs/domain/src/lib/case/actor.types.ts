import type { Role } from '@grid/contracts';

/**
 * `resident`: a member of the public acting on their own case through its tracking token (rate, verify).
 * The API builds such an actor only from the token of the case it acts on, so the domain treats a
 * resident actor as that case's reporter. Their events carry no actor id (residents are not users).
 */
export type ActorRole = Role | 'resident';

/** Who acts. */
export interface Actor {
  id: string;
  role: ActorRole;
  /** The area the actor serves (null for department staff and residents). */
  areaId: string | null;
  /** Area ids from the district down to the actor's area ([] without an area). */
  areaPath: readonly string[];
  departmentId: string | null;
}

/** Roles whose scope is the whole district and who may act for the command centre. */
export const COMMAND_ROLES: readonly ActorRole[] = ['operator', 'admin'];

/** The leader role of each area level: who dispatches, approves and closes there. */
export const LEADER_ROLES: readonly ActorRole[] = ['grid_leader', 'village_cadre', 'zone_leader', 'operator', 'admin'];
