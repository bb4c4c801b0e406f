import { timeLimitOf } from '../case-category.types';
import { accept, refuse, type Outcome } from '../../shared/refusal.types';
import type { CaseState } from '../case-state.types';
import { DEFAULT_CASE_RULES, type ActionHandler, type DecisionContext } from '../decision.types';
import { draftEvent, metaOf } from '../draft-event.util';
import { requireHours, requireNote } from '../guards/field.guard';
import { requireHandler } from './handling.action';
import { denial, requireDecider } from './request.util';

function requireExtensionLeft(state: CaseState, context: DecisionContext): Outcome<null> {
  const max = context.rules?.maxExtensions ?? DEFAULT_CASE_RULES.maxExtensions;
  return state.extensions.length < max ? accept(null) : refuse('limit_reached', `a case may be extended at most ${max} times`);
}

/** request an extension (延期): bounded in number and, each, by the category's original handling limit. */
export const requestExtension: ActionHandler<'request_extension'> = (input) => {
  const { state, command, context } = input;
  const allowed = requireHandler(input.actor, state);
  if (!allowed.ok) return allowed;
  if (state.pendingExtension !== null) return refuse('request_pending', 'an extension request is already pending');
  const left = requireExtensionLeft(state, context);
  if (!left.ok) return left;
  const hours = requireHours(command.hours, 'hours');
  if (!hours.ok) return hours;
  const limit = timeLimitOf(context.category, state.priority).handleHours;
  if (hours.value > limit) return refuse('invalid_field', `an extension is at most the original ${limit} hours`, 'hours');
  const reason = requireNote(command.note, 'the reason');
  if (!reason.ok) return reason;
  return accept([draftEvent('extension_requested', metaOf(input, state.status, reason.value), { hours: hours.value })]);
};

export const approveExtension: ActionHandler<'approve_extension'> = (input) => {
  const pending = requireDecider(input.actor, input.state, input.state.pendingExtension);
  if (!pending.ok) return pending;
  const left = requireExtensionLeft(input.state, input.context);
  if (!left.ok) return left;
  return accept([draftEvent('extension_approved', metaOf(input, input.state.status, input.command.note), { hours: pending.value.hours })]);
};

export const denyExtension = denial<'deny_extension'>((s) => s.pendingExtension, 'extension_denied');
