import { accept } from '../../shared/refusal.types';
import type { ActionHandler } from '../decision.types';
import { draftEvent, metaOf } from '../draft-event.util';
import { requireNote } from '../guards/field.guard';

/** register (立案): the case goes to the unit its route named at intake, to be dispatched there. */
export const register: ActionHandler<'register'> = (input) =>
  accept([draftEvent('registered', metaOf(input, 'registered', input.command.note), { unit: input.state.route.unit, auto: false })]);

/** reject (不予立案), with the reason the reporter is told. */
export const reject: ActionHandler<'reject'> = (input) => {
  const reason = requireNote(input.command.note, 'the reason');
  if (!reason.ok) return reason;
  return accept([draftEvent('rejected', metaOf(input, 'rejected', reason.value), {})]);
};
