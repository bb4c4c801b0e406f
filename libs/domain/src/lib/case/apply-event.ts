import { areaUnit } from './handling-unit.types';
import type { CaseEventDraft, CaseEventOf } from './case-event.types';
import type { CaseState, CoHandler } from './case-state.types';

/** The projection of a `reported` event: a new case. */
function opened(event: CaseEventOf<'reported'>): CaseState {
  // Named fields rather than a rest spread: timelines are replayed on every read, and V8's object rest is slow.
  const { source, categoryCode, priority, description, location, address, areaPath, reporterId, duplicateCandidateIds, route, photoIds } = event.data;
  return {
    source,
    categoryCode,
    priority,
    description,
    location,
    address,
    areaPath,
    reporterId,
    status: event.toStatus,
    route,
    reportPhotoIds: photoIds,
    unit: null,
    assigneeId: null,
    verifierId: route.verifierId,
    returnTo: null,
    handledBy: null,
    coHandlers: [],
    pendingExtension: null,
    extensions: [],
    pendingSuspension: null,
    suspended: false,
    delivered: false,
    slaNotified: { warning: false, overdue: false },
    flags: { selfHandled: false, duplicateCandidateIds, reworkCount: 0, escalationCount: 0 },
    mergedInto: null,
    rating: null,
    reportedAt: event.at,
    registeredAt: null,
    dispatchedAt: null,
    acceptedAt: null,
    handledAt: null,
    verifiedAt: null,
    closedAt: null,
    lastEventAt: event.at,
  };
}

const updateCoHandler = (state: CaseState, departmentId: string, patch: Partial<CoHandler>): CoHandler[] =>
  state.coHandlers.map((c) => (c.departmentId === departmentId ? { ...c, ...patch } : c));

/** What a case in hand loses when it changes hands (escalation, return): its person and open requests. */
const handsOver = { assigneeId: null, delivered: false, returnTo: null, pendingExtension: null, pendingSuspension: null } as const;

/** A re-route moves the case's areas; a case held by its old grid moves to the new grid (see `reroute`). */
function rerouted(state: CaseState, event: CaseEventOf<'rerouted'>): Partial<CaseState> {
  const { from, to } = event.data;
  const heldByOldGrid = state.unit !== null && state.unit.level === 'grid' && state.unit.areaId === from[3];
  if (!heldByOldGrid) return { areaPath: to };
  const unit = areaUnit(to, 'grid');
  return event.toStatus === 'registered' && event.fromStatus !== 'registered' ? { ...handsOver, areaPath: to, unit } : { areaPath: to, unit };
}

/** What one event changes besides the status, which always becomes the event's `toStatus`. */
function changes(state: CaseState, event: CaseEventDraft): Partial<CaseState> {
  const { at } = event;
  switch (event.kind) {
    case 'reported':
      throw new Error('a case is reported only once');
    case 'self_handled':
      return {
        unit: areaUnit(state.areaPath, 'grid'),
        assigneeId: event.actorId,
        handledBy: event.actorId,
        handledAt: at,
        flags: { ...state.flags, selfHandled: true },
      };
    case 'registered':
      return { unit: event.data.unit, registeredAt: state.registeredAt ?? at };
    case 'dispatched': {
      const { unit, assigneeId, verifierId, returnTo } = event.data;
      return { unit, assigneeId, verifierId, returnTo, dispatchedAt: at, acceptedAt: null, delivered: false };
    }
    case 'delivered':
      return { delivered: true };
    case 'accepted':
      return { assigneeId: event.data.assigneeId, acceptedAt: at };
    case 'returned':
      return { ...handsOver, unit: event.data.unit };
    case 'escalated':
      return { ...handsOver, unit: event.data.to, flags: { ...state.flags, escalationCount: state.flags.escalationCount + 1 } };
    case 'whistled':
      return {
        coHandlers: [
          ...state.coHandlers,
          ...event.data.departments.map((d): CoHandler => ({
            departmentId: d.departmentId,
            lead: d.lead,
            reportInHours: d.reportInHours,
            handleHours: d.handleHours,
            assigneeId: d.assigneeId ?? null,
            status: 'summoned',
            whistleKind: event.data.whistleKind,
            summonedBy: event.data.summonedBy,
            summonedAt: at,
            reportedInAt: null,
            completedAt: null,
            rating: null,
          })),
        ],
      };
    case 'dept_reported_in':
      return { coHandlers: updateCoHandler(state, event.data.departmentId, { status: 'reported_in', reportedInAt: at }) };
    case 'dept_completed':
      return { coHandlers: updateCoHandler(state, event.data.departmentId, { status: 'completed', completedAt: at }) };
    case 'dept_rated':
      return { coHandlers: updateCoHandler(state, event.data.departmentId, { rating: event.data.score }) };
    case 'extension_requested':
      return { pendingExtension: { requestedBy: event.actorId, requestedAt: at, reason: event.note ?? '', hours: event.data.hours } };
    case 'extension_approved':
      return { pendingExtension: null, extensions: [...state.extensions, event.data.hours] };
    case 'extension_denied':
      return { pendingExtension: null };
    case 'suspension_requested':
      return { pendingSuspension: { requestedBy: event.actorId, requestedAt: at, reason: event.note ?? '' } };
    case 'suspended':
      return { pendingSuspension: null, suspended: true };
    case 'suspension_denied':
      return { pendingSuspension: null };
    case 'resumed':
      return { suspended: false };
    case 'completed':
      return { handledBy: event.actorId, handledAt: at, pendingExtension: null, pendingSuspension: null };
    case 'verified':
      return { verifiedAt: at };
    case 'rework':
      return { flags: { ...state.flags, reworkCount: state.flags.reworkCount + 1 } };
    case 'closed':
      return { closedAt: at };
    case 'rated':
      return { rating: event.data.score };
    case 'cancelled':
      return { suspended: false, pendingExtension: null, pendingSuspension: null };
    case 'merged':
      return { suspended: false, pendingExtension: null, pendingSuspension: null, mergedInto: event.data.mainCaseId };
    case 'sla_warning':
      return { slaNotified: { ...state.slaNotified, warning: true } };
    case 'sla_overdue':
      return { slaNotified: { ...state.slaNotified, overdue: true } };
    case 'rerouted':
      return rerouted(state, event);
    case 'reopened':
      // Not resolved after all: the steps after handling are undone; the rating given stays (it counts).
      return { ...handsOver, unit: event.data.unit, handledAt: null, verifiedAt: null, closedAt: null };
    case 'main_case_closed':
    case 'info_requested':
    case 'rejected':
    case 'started':
    case 'progress':
      return {};
  }
}

/** One step of the fold: the case after one more event. Throws on a log that could not have been written. */
export function applyEvent(state: CaseState | null, event: CaseEventDraft): CaseState {
  if (event.kind === 'reported') {
    if (state !== null) throw new Error('a case is reported only once');
    return opened(event);
  }
  if (state === null) throw new Error(`a case starts with 'reported', not '${event.kind}'`);
  return { ...state, ...changes(state, event), status: event.toStatus, lastEventAt: event.at };
}
