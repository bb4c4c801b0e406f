import type { CategoryDto, CategoryKind, ClockKind, Priority, TimeLimit } from '@grid/contracts';

/**
 * What the domain needs of a category (the responsibility list, 权责清单), plus routing and SLA rules
 * that DESIGN leaves to data. Every rule is optional; its default is what a plain category means.
 */
export type CaseCategory = Pick<
  CategoryDto,
  'code' | 'handlingLevel' | 'departmentCode' | 'clock' | 'timeLimits' | 'requiresVerification'
> & {
  /** 事件 (territory first) or 部件 (owner first). Default: `component` when handled by a department, else `event`. */
  kind?: CategoryKind;
  /** Register a new report at once (default true). */
  autoRegister?: boolean;
  /** Dispatch a registered report at once to the routed unit and on-duty worker (default true). */
  autoDispatch?: boolean;
  /** When the case turns overdue, the sweeper escalates it one level (default false). */
  autoEscalateOnOverdue?: boolean;
};

export function categoryKindOf(category: Pick<CaseCategory, 'kind' | 'handlingLevel'>): CategoryKind {
  return category.kind ?? (category.handlingLevel === 'department' ? 'component' : 'event');
}

export function timeLimitOf(category: Pick<CaseCategory, 'timeLimits'>, priority: Priority): TimeLimit {
  return category.timeLimits[priority];
}

/** Emergencies run on calendar hours whatever the category says: an emergency does not wait for Monday. */
export function clockKindOf(category: Pick<CaseCategory, 'clock'>, priority: Priority): ClockKind {
  return priority === 'emergency' ? 'calendar' : category.clock;
}
