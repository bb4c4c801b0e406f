import type { CaseAction, CaseSource, LatLng, Priority, WhistleKind } from '@grid/contracts';
import type { AreaPath, HandlingUnit } from './handling-unit.types';
import type { SummonedDepartment } from './case-event.types';

/** Fields every command may carry: a note (reason, result, progress text) and photo ids. */
interface Base {
  note?: string;
  photoIds?: string[];
}

export interface ReportFields extends Base {
  source: CaseSource;
  priority?: Priority;
  description?: string;
  location: LatLng;
  address?: string | null;
  /** Where the location fell: [district, zone, village, grid] (from @grid/geo). */
  areaPath: AreaPath;
  /** Open cases flagged by `findDuplicateCandidates`. */
  duplicateCandidateIds?: string[];
}

/** The commands of the state machine, one per CASE_ACTIONS entry. */
export interface CaseCommandMap {
  report: ReportFields;
  /** A minor matter handled on the spot: note (result) and at least one result photo required. */
  self_handle: ReportFields;
  register: Base;
  /** note (reason) required. */
  reject: Base;
  dispatch: Base & { unit: HandlingUnit; assigneeId?: string | null; verifierId?: string | null };
  acknowledge: Base;
  accept: Base;
  /** note (reason) required. */
  return: Base;
  start: Base;
  /** note or a photo required. */
  progress: Base;
  escalate: Base;
  whistle: Base & { whistleKind: WhistleKind; departments: SummonedDepartment[] };
  report_in: Base;
  /** note required. */
  dept_complete: Base;
  rate_department: Base & { departmentId: string; score: number };
  /** note (reason) required. */
  request_extension: Base & { hours: number };
  approve_extension: Base;
  deny_extension: Base;
  /** note (reason) required. */
  request_suspension: Base;
  approve_suspension: Base;
  deny_suspension: Base;
  resume: Base;
  /** note (the result, 反馈) required. */
  complete: Base;
  verify: Base;
  /** note (reason) required. */
  rework: Base;
  close: Base;
  rate: Base & { score: number };
  /** note (reason) required. */
  cancel: Base;
  merge: Base & { mainCaseId: string };
  /** note (the question to the resident) required. */
  request_info: Base;
  /** note (the resident's words) required; within REOPEN_WINDOW_DAYS of closing. */
  reopen: Base;
}

export type CaseCommand = { [A in CaseAction]: { action: A } & CaseCommandMap[A] }[CaseAction];
export type CaseCommandOf<A extends CaseAction> = Extract<CaseCommand, { action: A }>;
