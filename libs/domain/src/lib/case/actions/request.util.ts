import { accept, refuse, type Outcome } from '../../shared/refusal.types';
import type { Actor } from '../actor.types';
import type { CaseState, PendingRequest } from '../case-state.types';
import { isUnitLeader } from '../guards/unit.guard';
import { requireNote } from '../guards/field.guard';
import type { ActionHandler } from '../decision.types';
import type { CaseCommandOf } from '../case-command.types';
import { draftEvent, metaOf } from '../draft-event.util';

/**
 * The checks of a decision on a pending request (extension, suspension): there is one, the decider
 * leads the handling unit (or a unit above it), and is not the one who asked.
 */
export function requireDecider<R extends PendingRequest>(actor: Actor, state: CaseState, pending: R | null): Outcome<R> {
  if (pending === null) return refuse('no_request', 'there is no pending request');
  if (!isUnitLeader(actor, state, state.unit)) return refuse('not_assignee', 'only a leader of the handling unit decides');
  if (pending.requestedBy === actor.id) return refuse('same_actor', 'a request is decided by someone other than who asked');
  return accept(pending);
}

type DenyAction = 'deny_extension' | 'deny_suspension';

/** A denial, with its reason, of the request `pendingOf` finds. */
export function denial<A extends DenyAction>(
  pendingOf: (state: CaseState) => PendingRequest | null,
  kind: 'extension_denied' | 'suspension_denied',
): ActionHandler<A> {
  return (input) => {
    const pending = requireDecider(input.actor, input.state, pendingOf(input.state));
    if (!pending.ok) return pending;
    const reason = requireNote((input.command as CaseCommandOf<DenyAction>).note, 'the reason');
    if (!reason.ok) return reason;
    return accept([draftEvent(kind, metaOf(input, input.state.status, reason.value), {})]);
  };
}
