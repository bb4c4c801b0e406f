import { accept, refuse, type Outcome } from '../../shared/refusal.types';
import type { Actor } from '../actor.types';
import type { CaseState } from '../case-state.types';
import type { ActionHandler } from '../decision.types';
import { draftEvent, metaOf } from '../draft-event.util';
import { requireNote } from '../guards/field.guard';

/**
 * Who verifies on site (核查): the verifier named at dispatch, any grid worker of the case's grid, a grid
 * leader (网格长) of the grid or of its village (where grid leaders serve), or the reporter — never the one
 * who handled it. The grid leader is what makes a worker's own report, handled by that worker, verifiable.
 */
function requireVerifier(actor: Actor, state: CaseState): Outcome<null> {
  const inGrid =
    (actor.role === 'grid_worker' && actor.areaId === state.areaPath[3]) ||
    (actor.role === 'grid_leader' && (actor.areaId === state.areaPath[3] || actor.areaId === state.areaPath[2]));
  const reporter = actor.role === 'resident' || actor.id === state.reporterId;
  if (actor.id !== state.verifierId && !inGrid && !reporter) {
    return refuse('not_assignee', "only the case's grid workers, its verifier or the reporter verify");
  }
  return actor.id === state.handledBy ? refuse('same_actor', 'the handler may not verify their own work') : accept(null);
}

export const verify: ActionHandler<'verify'> = (input) => {
  const allowed = requireVerifier(input.actor, input.state);
  if (!allowed.ok) return allowed;
  return accept([draftEvent('verified', metaOf(input, 'verified', input.command.note), { photoIds: input.command.photoIds ?? [] })]);
};

/** rework (返工): back to the handler with the reason; it counts against them. */
export const rework: ActionHandler<'rework'> = (input) => {
  const allowed = requireVerifier(input.actor, input.state);
  if (!allowed.ok) return allowed;
  const reason = requireNote(input.command.note, 'the reason');
  if (!reason.ok) return reason;
  return accept([draftEvent('rework', metaOf(input, 'in_progress', reason.value), { photoIds: input.command.photoIds ?? [] })]);
};
