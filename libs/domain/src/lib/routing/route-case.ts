import type { Priority } from '@grid/contracts';
import { categoryKindOf, type CaseCategory } from '../case/case-category.types';
import { areaUnit, type AreaPath, type HandlingUnit } from '../case/handling-unit.types';
import type { DutyChoice } from '../rota/rota.types';
import type { AlertTarget, Route } from './route.types';

export interface RouteInput {
  /** The located grid's path [district, zone, village, grid]. */
  areaPath: AreaPath;
  category: Pick<CaseCategory, 'handlingLevel' | 'departmentCode' | 'kind' | 'autoRegister' | 'autoDispatch'>;
  priority: Priority;
  /** The grid's on-duty worker (null when nobody is on duty: the grid as a whole is pushed). */
  onDutyWorkerId: string | null;
  /** Department ids by code (the responsibility list names departments by code). */
  departmentIdByCode: Readonly<Record<string, string>>;
  /** Each department's staff member on duty, by department id (a department keeping no rota is absent). */
  departmentOnDuty?: Readonly<Record<string, DutyChoice>>;
}

/**
 * The intake decision: which unit gets a new report, whom to push it to, who verifies, whom to alert.
 * A category whose department is unknown falls back to the territory, so that no report is ever lost
 * to a gap in the responsibility list.
 */
export function routeCase(input: RouteInput): Route {
  const { areaPath, category, priority, onDutyWorkerId } = input;
  const ownerDepartmentId = category.departmentCode === null ? null : (input.departmentIdByCode[category.departmentCode] ?? null);
  const ownerFirst = categoryKindOf(category) === 'component' && ownerDepartmentId !== null;
  const unit: HandlingUnit = ownerFirst
    ? { level: 'department', departmentId: ownerDepartmentId }
    : areaUnit(areaPath, category.handlingLevel === 'department' ? 'grid' : category.handlingLevel);
  const autoRegister = category.autoRegister ?? true;
  return {
    order: ownerFirst ? 'owner_first' : 'territory_first',
    unit,
    ownerDepartmentId,
    assigneeId: unit.level === 'grid' ? onDutyWorkerId : unit.level === 'department' ? (input.departmentOnDuty?.[unit.departmentId]?.userId ?? null) : null,
    verifierId: ownerFirst ? onDutyWorkerId : null,
    autoRegister,
    autoDispatch: autoRegister && (category.autoDispatch ?? true),
    alerts: alertsFor(areaPath, priority),
  };
}

function alertsFor(areaPath: AreaPath, priority: Priority): AlertTarget[] {
  return priority === 'emergency' ? [{ kind: 'zone_leader', areaId: areaPath[1] }, { kind: 'command_centre' }] : [];
}
