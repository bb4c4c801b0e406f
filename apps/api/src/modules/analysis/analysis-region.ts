import type { AuthUser } from '../auth/auth-user';
import { scopeOf } from '../auth/scope';
import type { AnalysisGrid } from './grid-adjacency.store';

/**
 * Which grids an answer shows: those inside the area asked for (already checked to be in scope), or else inside the
 * caller's scope (a zone leader's zone, a village cadre's village; everything for the district). The statistic is
 * always the whole territory's: a village of four grids cannot carry a significance test of its own.
 */
export function regionOf(user: AuthUser, areaId: string | undefined): (grid: AnalysisGrid) => boolean {
  const inside = (ids: readonly string[]) => (grid: AnalysisGrid) => ids.some((id) => grid.id === id || grid.path.includes(id));
  if (areaId) return inside([areaId]);
  const scope = scopeOf(user);
  return scope.kind === 'all' ? () => true : scope.kind === 'area' ? inside(scope.areaIds) : () => false;
}

/** SQL condition for one category or a parent category with its children, over `cases` aliased `c`. */
export const CATEGORY_CONDITION = (param: string) => `(c.category_code = ${param} OR c.category_code LIKE ${param} || '.%')`;
