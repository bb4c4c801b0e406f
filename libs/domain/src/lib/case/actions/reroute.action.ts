import type { CaseStatus } from '@grid/contracts';
import type { Instant } from '../../shared/instant.util';
import type { CaseEventOf } from '../case-event.types';
import type { CaseState } from '../case-state.types';
import { TERMINAL_STATUSES } from '../case-transitions';
import { draftEvent } from '../draft-event.util';
import type { AreaPath } from '../handling-unit.types';

/** Working statuses: the case was dispatched to someone of its unit. */
const SENT_BACK: readonly CaseStatus[] = ['dispatched', 'accepted', 'in_progress'];

/**
 * What the status of a re-routed case becomes (ADR 0008): a case its old grid was working on (dispatched,
 * accepted, in progress, not suspended) goes back to `registered` at the new grid, to be dispatched there;
 * every other case keeps its status (and, unless its old grid held it, its unit and assignee).
 */
export function reroutedStatus(state: Pick<CaseState, 'status' | 'unit' | 'suspended' | 'areaPath'>): CaseStatus {
  const heldByOldGrid = state.unit !== null && state.unit.level === 'grid' && state.unit.areaId === state.areaPath[3];
  return heldByOldGrid && !state.suspended && SENT_BACK.includes(state.status) ? 'registered' : state.status;
}

/**
 * The system's re-route of an open case after a territory version put its location in another grid, or
 * null when there is nothing to do (an ended case, or the same grid). The API writes these set-based for
 * many cases at once (`TerritoryRerouter`), by the same rule.
 */
export function reroute(state: CaseState, to: AreaPath, territoryVersion: number, at: Instant): CaseEventOf<'rerouted'> | null {
  if (TERMINAL_STATUSES.includes(state.status) || state.mergedInto !== null || state.areaPath[3] === to[3]) return null;
  return draftEvent('rerouted', { from: state.status, to: reroutedStatus(state), actor: null, at }, { from: state.areaPath, to, territoryVersion });
}
