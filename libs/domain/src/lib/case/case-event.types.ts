import type { CaseEventKind, CaseSource, CaseStatus, LatLng, Priority, WhistleKind } from '@grid/contracts';
import type { Instant } from '../shared/instant.util';
import type { AreaPath, HandlingUnit } from './handling-unit.types';
import type { Route } from '../routing/route.types';
import type { DispatchRule } from '../rota/rota.types';

/** Photos and other files are stored by the API and referenced here by id. */
type Photos = { photoIds: string[] };
type Nothing = Record<string, never>;

/** What a case is about, fixed at intake. */
export interface CaseFacts {
  source: CaseSource;
  categoryCode: string;
  priority: Priority;
  description: string;
  location: LatLng;
  address: string | null;
  /** The areas the location falls in. */
  areaPath: AreaPath;
  /** Null for residents and other channels without a user. */
  reporterId: string | null;
}

export interface ReportedData extends CaseFacts, Photos {
  /** Open cases of the same category nearby, found at intake (an operator may merge). */
  duplicateCandidateIds: string[];
  route: Route;
}

/** A department summoned by a whistle, with its own time limits in hours of the case's clock. */
export interface SummonedDepartment {
  departmentId: string;
  lead: boolean;
  reportInHours: number;
  handleHours: number;
  /** The department's staff member on duty when summoned (its rota), and why; absent when it keeps no rota. */
  assigneeId?: string | null;
  rule?: DispatchRule | null;
}

/** The data each kind of event carries. The keys are exactly CASE_EVENT_KINDS (checked in the tests). */
export interface CaseEventDataMap {
  reported: ReportedData;
  self_handled: Photos;
  registered: { unit: HandlingUnit; auto: boolean };
  rejected: Nothing;
  /** `rule`: why the assignee was chosen (DESIGN §7a); null when nobody was named; absent on events written before the rota. */
  dispatched: { unit: HandlingUnit; assigneeId: string | null; verifierId: string | null; returnTo: HandlingUnit; auto: boolean; rule?: DispatchRule | null };
  delivered: Nothing;
  accepted: { assigneeId: string };
  returned: { unit: HandlingUnit };
  started: Nothing;
  progress: Photos;
  escalated: { from: HandlingUnit; to: HandlingUnit; auto: boolean };
  whistled: { whistleKind: WhistleKind; summonedBy: HandlingUnit; departments: SummonedDepartment[] };
  dept_reported_in: { departmentId: string };
  dept_completed: Photos & { departmentId: string };
  dept_rated: { departmentId: string; score: number };
  extension_requested: { hours: number };
  extension_approved: { hours: number };
  extension_denied: Nothing;
  suspension_requested: Nothing;
  suspended: Nothing;
  suspension_denied: Nothing;
  resumed: Nothing;
  completed: Photos;
  verified: Photos;
  rework: Photos;
  closed: { auto: boolean; withoutVerification: boolean };
  rated: { score: number; by: 'reporter' | 'resident' };
  cancelled: Nothing;
  merged: { mainCaseId: string };
  main_case_closed: { mainCaseId: string; mainCaseCode: string };
  /** Written by the sweeper when it notices; `crossedAt` is when the threshold was crossed. */
  sla_warning: { usedFraction: number; crossedAt: Instant };
  sla_overdue: { usedFraction: number; crossedAt: Instant };
  /** A new territory version put the location in another grid: the area paths before and after, and the version. */
  rerouted: { from: AreaPath; to: AreaPath; territoryVersion: number };
  info_requested: Nothing;
  /** The unit the case goes back to (the one that held it when it closed), and who asked. */
  reopened: { unit: HandlingUnit; by: 'resident' | 'staff' };
}

/** One timeline entry of a kind, as the domain writes it; the API adds the case id and `seq` when it stores it. */
export interface CaseEventOf<K extends CaseEventKind> {
  kind: K;
  /** Null only for the first event. */
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  /** Null for the system (automatic steps, the SLA sweeper) and for residents. */
  actorId: string | null;
  at: Instant;
  note?: string;
  data: CaseEventDataMap[K];
}

/** Any timeline entry: a union discriminated by `kind`. */
export type CaseEventDraft = { [K in CaseEventKind]: CaseEventOf<K> }[CaseEventKind];
