import type { CaseSummary, HandlingUnitDto, SlaState } from '@grid/contracts';
import type { CaseState } from '@grid/domain';
import type { CaseEntity } from './case.entity';

export interface SlaSnapshot {
  acceptDueAt: Date | null;
  handleDueAt: Date | null;
  state: SlaState;
  /** When a threshold without its event will be crossed next (the sweeper's schedule). */
  nextCheckAt: Date | null;
}

/** The columns of the case row that follow from its projected state and SLA (the row is never edited otherwise). */
export function projectionColumns(state: CaseState, sla: SlaSnapshot, lastSeq: number): Partial<CaseEntity> {
  const unit = state.unit;
  return {
    status: state.status,
    handlingAreaId: unit && unit.level !== 'department' ? unit.areaId : null,
    handlingDepartmentId: unit?.level === 'department' ? unit.departmentId : null,
    assigneeId: state.assigneeId,
    departmentIds: departmentIdsOf(state),
    suspended: state.suspended,
    mergedInto: state.mergedInto,
    closedAt: state.closedAt ? new Date(state.closedAt) : null,
    acceptDueAt: sla.acceptDueAt,
    handleDueAt: sla.handleDueAt,
    slaState: sla.state,
    nextSlaCheckAt: sla.nextCheckAt,
    state,
    lastSeq: String(lastSeq),
  };
}

/** The departments on a case: the one handling it and every one summoned. */
export function departmentIdsOf(state: Pick<CaseState, 'unit' | 'coHandlers'>): string[] {
  const ids = new Set(state.coHandlers.map((c) => c.departmentId));
  if (state.unit?.level === 'department') ids.add(state.unit.departmentId);
  return [...ids];
}

export function toCaseSummary(c: CaseEntity): CaseSummary {
  const unit: HandlingUnitDto | null = c.state.unit ? { ...c.state.unit } : null;
  return {
    id: c.id,
    code: c.code,
    status: c.status,
    source: c.source,
    categoryCode: c.categoryCode,
    priority: c.priority,
    description: c.description,
    location: { lat: c.lat, lng: c.lng },
    address: c.address,
    gridId: c.gridId,
    areaPath: c.areaPath,
    unit,
    assigneeId: c.assigneeId,
    departmentIds: c.departmentIds,
    finishedDepartmentIds: c.state.coHandlers.filter((h) => h.status === 'completed').map((h) => h.departmentId),
    slaState: c.slaState,
    acceptDueAt: c.acceptDueAt?.toISOString() ?? null,
    handleDueAt: c.handleDueAt?.toISOString() ?? null,
    suspended: c.suspended,
    duplicateCandidateIds: c.state.flags.duplicateCandidateIds,
    reportedAt: c.reportedAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
  };
}
