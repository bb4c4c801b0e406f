import type { CaseStatus, CoHandlerStatus, WhistleKind } from '@grid/contracts';
import type { CaseFacts } from './case-event.types';
import type { Instant } from '../shared/instant.util';
import type { Route } from '../routing/route.types';
import type { HandlingUnit } from './handling-unit.types';

/** A department summoned as co-handler (吹哨报到). Its due times come from `slaOf`. */
export interface CoHandler {
  departmentId: string;
  lead: boolean;
  status: CoHandlerStatus;
  whistleKind: WhistleKind;
  /** The unit that summoned it, which also rates it. */
  summonedBy: HandlingUnit;
  summonedAt: Instant;
  reportInHours: number;
  handleHours: number;
  /** The department's staff member on duty when summoned (null: the department as a whole). */
  assigneeId: string | null;
  reportedInAt: Instant | null;
  completedAt: Instant | null;
  /** 1–5, given by the summoning unit. */
  rating: number | null;
}

export interface PendingRequest {
  requestedBy: string | null;
  requestedAt: Instant;
  reason: string;
}

/**
 * A case as the projection of its events (`project`). Due times are not stored here: they depend on
 * the calendar and are computed by `slaOf` from the events, so a corrected calendar recomputes them.
 */
export interface CaseState extends CaseFacts {
  status: CaseStatus;
  /** Photos taken with the report. */
  reportPhotoIds: string[];
  /** The routing decision at intake. */
  route: Route;
  /** The unit responsible now: while `registered`, the one that must dispatch it; later, the one handling it. */
  unit: HandlingUnit | null;
  assigneeId: string | null;
  /** Who verifies on site when set (a department's case: the grid worker); else the grid or the reporter. */
  verifierId: string | null;
  /** Where a returned case goes back to (the dispatcher's unit). */
  returnTo: HandlingUnit | null;
  /** Who completed the handling last (may not verify it). */
  handledBy: string | null;
  coHandlers: CoHandler[];
  pendingExtension: (PendingRequest & { hours: number }) | null;
  /** Hours of each approved extension, in order. */
  extensions: number[];
  pendingSuspension: PendingRequest | null;
  suspended: boolean;
  /** The assignee's phone acknowledged the current dispatch. */
  delivered: boolean;
  /** Which SLA thresholds already have their event (the sweeper writes each once). */
  slaNotified: { warning: boolean; overdue: boolean };
  flags: {
    selfHandled: boolean;
    /** Open cases of the same category nearby at intake. */
    duplicateCandidateIds: string[];
    reworkCount: number;
    escalationCount: number;
  };
  mergedInto: string | null;
  /** The reporter's satisfaction, 1–5. */
  rating: number | null;
  reportedAt: Instant;
  registeredAt: Instant | null;
  dispatchedAt: Instant | null;
  acceptedAt: Instant | null;
  handledAt: Instant | null;
  verifiedAt: Instant | null;
  closedAt: Instant | null;
  lastEventAt: Instant;
}
