import { DEPARTMENT_ROLES, DISTRICT_WIDE_ROLES } from '@grid/contracts';
import type { AuthUser } from './auth-user';

/**
 * What a caller may see (DESIGN §2). Every scoped repository method takes a Scope, so a query that
 * forgets it does not compile.
 */
export type Scope =
  | { kind: 'all' }
  | { kind: 'area'; areaId: string }
  | { kind: 'department'; departmentId: string };

export function scopeOf(user: Pick<AuthUser, 'role' | 'areaId' | 'departmentId'>): Scope {
  if (DISTRICT_WIDE_ROLES.includes(user.role)) return { kind: 'all' };
  if (DEPARTMENT_ROLES.includes(user.role) && user.departmentId) return { kind: 'department', departmentId: user.departmentId };
  if (user.areaId) return { kind: 'area', areaId: user.areaId };
  // A user with neither an area nor a department sees nothing; the schema forbids it anyway.
  return { kind: 'area', areaId: '00000000-0000-0000-0000-000000000000' };
}
