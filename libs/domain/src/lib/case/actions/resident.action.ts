import { COMMAND_ROLES } from '../actor.types';
import { accept, refuse } from '../../shared/refusal.types';
import { toMs } from '../../shared/instant.util';
import type { ActionHandler } from '../decision.types';
import { draftEvent, metaOf } from '../draft-event.util';
import { requireNote } from '../guards/field.guard';
import { isHandler, isUnitLeader } from '../guards/unit.guard';
import { areaUnit } from '../handling-unit.types';

/** How long after closing a resident may ask to reopen a case (issue 18). */
export const REOPEN_WINDOW_DAYS = 7;

/** Whether a case closed at `closedAt` may still be reopened at `now`. */
export function withinReopenWindow(closedAt: string | null, now: string, days = REOPEN_WINDOW_DAYS): boolean {
  return closedAt !== null && toMs(now) - toMs(closedAt) <= days * 86_400_000;
}

/**
 * request_info (补充材料): whoever the case waits for, or a leader of its unit, asks the resident a question; the
 * status does not change (the resident is told through the notification channel, the question is the note).
 */
export const requestInfo: ActionHandler<'request_info'> = (input) => {
  const { state, actor, command } = input;
  if (!COMMAND_ROLES.includes(actor.role) && !isHandler(actor, state) && !isUnitLeader(actor, state, state.unit)) {
    return refuse('not_assignee', 'only the handler or a leader of the handling unit asks the resident');
  }
  const question = requireNote(command.note, 'the question');
  if (!question.ok) return question;
  return accept([draftEvent('info_requested', metaOf(input, state.status, question.value), {})]);
};

/**
 * reopen: the resident is not satisfied with the result and asks, within 7 days of closing, for the case to be
 * handled again. It goes back to its unit (the one holding it when it closed) and its last assignee, dispatched
 * by the system: `reopened` (closed → registered, the resident's words as the note) then `dispatched`. The rating
 * stays; the case is open again, so the assessment counts it as not closed.
 */
export const reopen: ActionHandler<'reopen'> = (input) => {
  const { state, actor, command, now } = input;
  if (!withinReopenWindow(state.closedAt, now)) return refuse('limit_reached', `a case may be reopened only within ${REOPEN_WINDOW_DAYS} days of closing`);
  const reason = requireNote(command.note, 'the reason');
  if (!reason.ok) return reason;
  const unit = state.unit ?? areaUnit(state.areaPath, 'grid');
  const by = actor.role === 'resident' ? 'resident' : 'staff';
  const reopened = draftEvent('reopened', metaOf(input, 'registered', reason.value), { unit, by });
  const dispatched = draftEvent(
    'dispatched',
    { from: 'registered', to: 'dispatched', actor: null, at: now },
    { unit, assigneeId: state.assigneeId, verifierId: state.verifierId, returnTo: state.returnTo ?? areaUnit(state.areaPath, 'district'), auto: true },
  );
  return accept([reopened, dispatched]);
};
