import type { Scope } from '../auth/scope';

/**
 * SQL condition (and parameters) restricting an area id column to what a scope may see: the scope's
 * areas and everything below them. Department scopes see the whole territory of areas (departments serve
 * the district); case queries narrow them further by department.
 */
export function areaScopeCondition(areaIdColumn: string, scope: Scope, param = 'scopeAreaId'): { sql: string; params: Record<string, string[]> } {
  if (scope.kind !== 'area') return { sql: 'TRUE', params: {} };
  return {
    sql: `${areaIdColumn} IN (SELECT s.id FROM areas s WHERE s.id IN (:...${param}) OR s.path && ARRAY[:...${param}]::uuid[])`,
    params: { [param]: scope.areaIds },
  };
}
