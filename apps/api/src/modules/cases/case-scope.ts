import type { AuthUser } from '../auth/auth-user';
import { scopeOf } from '../auth/scope';

/**
 * Which cases a caller may read (DESIGN §2), as SQL over `cases` aliased `c`: their area subtree (a grid
 * worker: their grid), or the cases their department is on; always the cases assigned to them and the
 * ones they reported; everything for operators, assessors and admins.
 */
export function caseScopeCondition(user: Pick<AuthUser, 'id' | 'role' | 'areaId' | 'departmentId' | 'postAreaIds' | 'postDepartmentIds'>): { sql: string; params: Record<string, string | string[]> } {
  const scope = scopeOf(user);
  const own = 'c.assignee_id = :scopeUserId OR c.reporter_id = :scopeUserId';
  switch (scope.kind) {
    case 'all':
      return { sql: 'TRUE', params: {} };
    case 'area':
      return { sql: `(c.area_path && ARRAY[:...scopeAreaIds]::uuid[] OR ${own})`, params: { scopeAreaIds: scope.areaIds, scopeUserId: user.id } };
    case 'department':
      return { sql: `(c.department_ids && ARRAY[:...scopeDepartmentIds]::uuid[] OR ${own})`, params: { scopeDepartmentIds: scope.departmentIds, scopeUserId: user.id } };
  }
}

/** The same rule for replaying `case_events` (aliased `e`) on the live channel. */
export function eventScopeCondition(user: Pick<AuthUser, 'id' | 'role' | 'areaId' | 'departmentId' | 'postAreaIds' | 'postDepartmentIds'>): { sql: string; params: unknown[] } {
  const scope = scopeOf(user);
  const assigned = `(e.data->>'assigneeId' = $1)`;
  switch (scope.kind) {
    case 'all':
      return { sql: 'TRUE', params: [] };
    case 'area':
      return { sql: `(e.area_path && $2::uuid[] OR ${assigned})`, params: [user.id, scope.areaIds] };
    case 'department':
      return { sql: `(e.department_ids && $2::uuid[] OR ${assigned})`, params: [user.id, scope.departmentIds] };
  }
}
