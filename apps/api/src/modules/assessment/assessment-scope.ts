import { ASSESSMENT_LEVELS, DEPARTMENT_ROLES, DISTRICT_WIDE_ROLES, type AreaLevel, type AssessmentLevel } from '@grid/contracts';
import type { AuthUser } from '../auth/auth-user';
import { areaColumnOf, type SqlParams } from './assessment-sql';

/**
 * What part of the assessment a caller may see. Leaders see the units inside their area (a zone leader
 * their zone, a village cadre or grid leader their village), judged on the cases reported there;
 * department staff their department; a grid worker their own line and their grid; operators, assessors and
 * admins everything.
 */
export interface AssessmentScope {
  /** The facts are those of cases in this area (null: the whole territory). */
  area: { id: string; level: AreaLevel } | null;
  /** The facts are those of cases this department is on. */
  departmentId: string | null;
  levels: readonly AssessmentLevel[];
  /** The only unit whose line the caller may see at a level (a worker: themselves), if restricted. */
  onlyUnit: Partial<Record<AssessmentLevel, string>>;
}

export function assessmentScopeOf(user: AuthUser): AssessmentScope {
  if (DISTRICT_WIDE_ROLES.includes(user.role)) return { area: null, departmentId: null, levels: ASSESSMENT_LEVELS, onlyUnit: {} };
  if (DEPARTMENT_ROLES.includes(user.role) && user.departmentId)
    return { area: null, departmentId: user.departmentId, levels: ['department'], onlyUnit: { department: user.departmentId } };
  const area = user.areaId && user.areaLevel ? { id: user.areaId, level: user.areaLevel } : { id: '00000000-0000-0000-0000-000000000000', level: 'grid' as const };
  if (user.role === 'grid_worker') return { area, departmentId: null, levels: ['worker', 'grid'], onlyUnit: { worker: user.id } };
  return { area, departmentId: null, levels: ASSESSMENT_LEVELS, onlyUnit: {} };
}

/** The instant a local date (Asia/Shanghai) begins. */
export const startOfLocalDate = (date: string): Date => new Date(`${date}T00:00:00+08:00`);

/** A period of local dates (Asia/Shanghai), inclusive, as instants [from, to). */
export function periodOf(from: string, to: string): { from: Date; to: Date } {
  const end = startOfLocalDate(to);
  end.setUTCDate(end.getUTCDate() + 1);
  return { from: startOfLocalDate(from), to: end };
}

/**
 * The scope's conditions over facts (`f`), departments' parts (`d`) or rollup rows (`r`, which have no
 * department: a department's scope is never read from them).
 */
export function scopeConditions(scope: AssessmentScope, params: SqlParams, alias: 'f' | 'd' | 'r'): string[] {
  const conditions: string[] = [];
  const column = scope.area ? areaColumnOf(scope.area.level) : null;
  if (scope.area && column) conditions.push(`${alias}.${column} = ${params.add(scope.area.id, '::uuid')}`);
  if (scope.departmentId)
    conditions.push(alias === 'd' ? `${alias}.department_id = ${params.add(scope.departmentId, '::uuid')}` : `${alias}.department_ids @> ARRAY[${params.add(scope.departmentId, '::uuid')}]`);
  return conditions;
}

/** The facts (alias `f`) or departments' parts (alias `d`) of the period inside the scope. */
export function scopeWhere(scope: AssessmentScope, period: { from: Date; to: Date }, params: SqlParams, alias: 'f' | 'd'): string {
  return [`${alias}.reported_at >= ${params.add(period.from)}`, `${alias}.reported_at < ${params.add(period.to)}`, ...scopeConditions(scope, params, alias)].join(' AND ');
}
