import { COMMAND_ROLES } from '../actor.types';
import { accept, refuse } from '../../shared/refusal.types';
import type { ActionHandler } from '../decision.types';
import { draftEvent, metaOf } from '../draft-event.util';
import { requireNote, requireScore } from '../guards/field.guard';
import { isUnitLeader } from '../guards/unit.guard';
import { leaderRankOn } from '../guards/scope.guard';
import { TERMINAL_STATUSES } from '../case-transitions';
import type { CaseEventOf } from '../case-event.types';
import type { CaseState } from '../case-state.types';
import type { Instant } from '../../shared/instant.util';

/** close (结案): by a leader of the handling unit or the command centre; unverified only where the category needs no verification. */
export const close: ActionHandler<'close'> = (input) => {
  const { state, actor, context } = input;
  const withoutVerification = state.status === 'handled';
  if (withoutVerification && context.category.requiresVerification) return refuse('wrong_status', 'the case must be verified before it is closed');
  if (!isUnitLeader(actor, state, state.unit)) return refuse('not_assignee', 'only a leader of the handling unit or the command centre closes');
  return accept([draftEvent('closed', metaOf(input, 'closed', input.command.note), { auto: false, withoutVerification })]);
};

/** rate: the reporter's satisfaction, 1–5, once. */
export const rate: ActionHandler<'rate'> = (input) => {
  const { state, actor, command } = input;
  const by = actor.role === 'resident' ? 'resident' : 'reporter';
  if (by === 'reporter' && actor.id !== state.reporterId) return refuse('not_assignee', 'only the reporter rates the case');
  if (state.rating !== null) return refuse('already_done', 'the case is already rated');
  const score = requireScore(command.score);
  if (!score.ok) return score;
  return accept([draftEvent('rated', metaOf(input, 'closed', command.note), { score: score.value, by })]);
};

/**
 * cancel: the command centre at any time before handling; the reporter withdraws while it is only reported; the
 * zone leader of the case's zone approves a return (退单) the channel's case was asked to go back with.
 */
export const cancel: ActionHandler<'cancel'> = (input) => {
  const { state, actor, command, context } = input;
  const approvesReturn = context.channelReturnRequested === true && actor.role === 'zone_leader' && leaderRankOn(actor, state) !== null;
  if (!COMMAND_ROLES.includes(actor.role) && !approvesReturn) {
    const reporter = actor.role === 'resident' || actor.id === state.reporterId;
    if (!reporter) return refuse('wrong_role', 'only the command centre or the reporter cancels a case');
    if (state.status !== 'reported') return refuse('wrong_status', 'a reporter withdraws a case only before it is registered');
  }
  const reason = requireNote(command.note, 'the reason');
  if (!reason.ok) return reason;
  return accept([draftEvent('cancelled', metaOf(input, 'cancelled', reason.value), {})]);
};

/**
 * What a merged duplicate's timeline records when its main case closes, written by the system in the
 * close's transaction (and pushed to the duplicate's reporter); none for a case not merged into it.
 */
export function mainCaseClosedNotice(duplicate: Pick<CaseState, 'status' | 'mergedInto'>, main: { id: string; code: string }, now: Instant): CaseEventOf<'main_case_closed'> | null {
  if (duplicate.mergedInto !== main.id) return null;
  return draftEvent('main_case_closed', { from: duplicate.status, to: duplicate.status, actor: null, at: now }, { mainCaseId: main.id, mainCaseCode: main.code });
}

/** merge: a duplicate joins its main case and ends; its reporter is told when the main case closes. */
export const merge: ActionHandler<'merge'> = (input) => {
  const { command, context } = input;
  if (!command.mainCaseId) return refuse('missing_field', 'the main case is required', 'mainCaseId');
  if (context.mainCase && TERMINAL_STATUSES.includes(context.mainCase.status)) {
    return refuse('invalid_target', 'the main case has ended', 'mainCaseId');
  }
  return accept([draftEvent('merged', metaOf(input, 'cancelled', command.note), { mainCaseId: command.mainCaseId })]);
};
