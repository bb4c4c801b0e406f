import { accept, refuse } from '../../shared/refusal.types';
import type { ActionHandler } from '../decision.types';
import { draftEvent, metaOf } from '../draft-event.util';
import { requireNote } from '../guards/field.guard';
import { isHandler, isUnitLeader } from '../guards/unit.guard';
import { requireHandler } from './handling.action';
import { denial, requireDecider } from './request.util';

/** request a suspension (挂账): the matter cannot be solved now (funds, season, court); the reason is required. */
export const requestSuspension: ActionHandler<'request_suspension'> = (input) => {
  const { state, command } = input;
  const allowed = requireHandler(input.actor, state);
  if (!allowed.ok) return allowed;
  if (state.pendingSuspension !== null) return refuse('request_pending', 'a suspension request is already pending');
  const reason = requireNote(command.note, 'the reason');
  if (!reason.ok) return reason;
  return accept([draftEvent('suspension_requested', metaOf(input, state.status, reason.value), {})]);
};

/** approve: the case is suspended and its SLA clocks stop. */
export const approveSuspension: ActionHandler<'approve_suspension'> = (input) => {
  const pending = requireDecider(input.actor, input.state, input.state.pendingSuspension);
  if (!pending.ok) return pending;
  return accept([draftEvent('suspended', metaOf(input, input.state.status, input.command.note), {})]);
};

export const denySuspension = denial<'deny_suspension'>((s) => s.pendingSuspension, 'suspension_denied');

/**
 * resume: the clocks run again. The assignee needs no approval for it (resuming only shortens the pause,
 * against their own interest); the unit's leader may resume too.
 */
export const resume: ActionHandler<'resume'> = (input) => {
  const { state, actor } = input;
  if (!state.suspended) return refuse('not_suspended', 'the case is not suspended');
  if (!isHandler(actor, state) && !isUnitLeader(actor, state, state.unit)) {
    return refuse('not_assignee', 'only the assignee or a leader of the handling unit may resume');
  }
  return accept([draftEvent('resumed', metaOf(input, state.status, input.command.note), {})]);
};
