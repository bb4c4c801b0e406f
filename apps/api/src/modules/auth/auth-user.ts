import type { AreaLevel, Role, SessionUser } from '@grid/contracts';

/** The authenticated caller, as every service sees it. */
export interface AuthUser extends SessionUser {
  /** The caller's area and its ancestors, root first (empty for department-only users). */
  areaPath: string[];
  areaLevel: AreaLevel | null;
  /** The areas and departments of every post active now (一人多岗): scope and rooms take their union (ADR 0009). */
  postAreaIds?: string[];
  postDepartmentIds?: string[];
}

export const isRole = (user: Pick<AuthUser, 'role'>, ...roles: Role[]) => roles.includes(user.role);
