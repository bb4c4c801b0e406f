import { DEPARTMENT_ROLES, DISTRICT_WIDE_ROLES } from '@grid/contracts';
import type { AuthUser } from './auth-user';

/**
 * What a caller may see (DESIGN §2). Every scoped repository method takes a Scope, so a query that
 * forgets it does not compile. A person with several posts (一人多岗) sees the union of their active posts'
 * areas (or departments); the primary post's role decides which kind of scope it is (ADR 0009).
 */
export type Scope =
  | { kind: 'all' }
  | { kind: 'area'; areaIds: string[] }
  | { kind: 'department'; departmentIds: string[] };

/** An id that matches nothing: a user with neither an area nor a department sees nothing (the schema forbids it anyway). */
const NOTHING = '00000000-0000-0000-0000-000000000000';

const union = (primary: string | null, others: readonly string[] | undefined): string[] => [...new Set([...(primary ? [primary] : []), ...(others ?? [])])];

export function scopeOf(user: Pick<AuthUser, 'role' | 'areaId' | 'departmentId' | 'postAreaIds' | 'postDepartmentIds'>): Scope {
  if (DISTRICT_WIDE_ROLES.includes(user.role)) return { kind: 'all' };
  if (DEPARTMENT_ROLES.includes(user.role) && user.departmentId) return { kind: 'department', departmentIds: union(user.departmentId, user.postDepartmentIds) };
  const areaIds = union(user.areaId, user.postAreaIds);
  return { kind: 'area', areaIds: areaIds.length ? areaIds : [NOTHING] };
}
