import { accept, refuse, type Outcome } from '../../shared/refusal.types';
import type { Actor } from '../actor.types';
import type { CaseState } from '../case-state.types';
import type { ActionHandler } from '../decision.types';
import { draftEvent, metaOf } from '../draft-event.util';
import { cleanNote, requireNote } from '../guards/field.guard';
import { isHandler, isUnitMember } from '../guards/unit.guard';
import { areaUnit } from '../handling-unit.types';

/** The assignee (or, while nobody is assigned, anyone in the unit) is who the step waits for. */
export function requireHandler(actor: Actor, state: CaseState): Outcome<null> {
  return isHandler(actor, state) ? accept(null) : refuse('not_assignee', 'only the assignee may do this');
}

/** The assignee, or a member of the unit the case was given to (who takes it over). */
function requireHandlerOrUnit(actor: Actor, state: CaseState): Outcome<null> {
  return isHandler(actor, state) || isUnitMember(actor, state.unit)
    ? accept(null)
    : refuse('not_assignee', 'only the assignee or their unit may do this');
}

/** acknowledge: the assignee's phone received the push (delivery receipt), once per dispatch. */
export const acknowledge: ActionHandler<'acknowledge'> = (input) => {
  const { state, actor } = input;
  if (actor.id !== state.assigneeId) return refuse('not_assignee', 'only the assignee acknowledges delivery');
  if (state.delivered) return refuse('already_done', 'delivery is already acknowledged');
  return accept([draftEvent('delivered', metaOf(input, input.state.status, input.command.note), {})]);
};

/** accept (签收): the acceptor becomes the assignee. */
export const acceptCase: ActionHandler<'accept'> = (input) => {
  const allowed = requireHandlerOrUnit(input.actor, input.state);
  if (!allowed.ok) return allowed;
  return accept([draftEvent('accepted', metaOf(input, 'accepted', input.command.note), { assigneeId: input.actor.id })]);
};

/** return (退回): not ours; back to the dispatcher's unit with the reason. */
export const returnCase: ActionHandler<'return'> = (input) => {
  const { state, actor, command } = input;
  const allowed = requireHandlerOrUnit(actor, state);
  if (!allowed.ok) return allowed;
  const reason = requireNote(command.note, 'the reason');
  if (!reason.ok) return reason;
  const unit = state.returnTo ?? areaUnit(state.areaPath, 'district');
  return accept([draftEvent('returned', metaOf(input, 'registered', reason.value), { unit })]);
};

export const start: ActionHandler<'start'> = (input) => {
  const allowed = requireHandler(input.actor, input.state);
  if (!allowed.ok) return allowed;
  return accept([draftEvent('started', metaOf(input, 'in_progress', input.command.note), {})]);
};

/** progress: a note or photos, any number of times (also while suspended). */
export const progress: ActionHandler<'progress'> = (input) => {
  const { command } = input;
  const allowed = requireHandler(input.actor, input.state);
  if (!allowed.ok) return allowed;
  const photoIds = command.photoIds ?? [];
  if (cleanNote(command.note) === undefined && photoIds.length === 0) {
    return refuse('missing_field', 'a progress note or photo is required', 'note');
  }
  return accept([draftEvent('progress', metaOf(input, 'in_progress', command.note), { photoIds })]);
};

/** complete (反馈): the result is required; every summoned department must have completed its part (事不完人不撤). */
export const complete: ActionHandler<'complete'> = (input) => {
  const { state, command } = input;
  const allowed = requireHandler(input.actor, state);
  if (!allowed.ok) return allowed;
  const result = requireNote(command.note, 'the result');
  if (!result.ok) return result;
  const pending = state.coHandlers.filter((c) => c.status !== 'completed').map((c) => c.departmentId);
  if (pending.length > 0) return refuse('departments_pending', `summoned departments have not completed: ${pending.join(', ')}`);
  return accept([draftEvent('completed', metaOf(input, 'handled', result.value), { photoIds: command.photoIds ?? [] })]);
};
