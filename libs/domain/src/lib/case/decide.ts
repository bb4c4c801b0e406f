import type { CaseAction } from '@grid/contracts';
import type { Instant } from '../shared/instant.util';
import { refuse, type Outcome } from '../shared/refusal.types';
import { acceptCase, acknowledge, complete, progress, returnCase, start } from './actions/handling.action';
import { cancel, close, merge, rate } from './actions/closing.action';
import { dispatch } from './actions/dispatch.action';
import { escalate } from './actions/escalate.action';
import { approveExtension, denyExtension, requestExtension } from './actions/extension.action';
import { reportCase, selfHandleCase } from './actions/intake.action';
import { register, reject } from './actions/register.action';
import { approveSuspension, denySuspension, requestSuspension, resume } from './actions/suspension.action';
import { reopen, requestInfo } from './actions/resident.action';
import { rework, verify } from './actions/verification.action';
import { deptComplete, rateDepartment, reportIn, whistle } from './actions/whistle.action';
import { applyEvent } from './apply-event';
import type { Actor } from './actor.types';
import type { CaseCommand } from './case-command.types';
import type { CaseEventDraft } from './case-event.types';
import { ACTION_ROLES } from './case-permissions';
import type { CaseState } from './case-state.types';
import { CASE_TRANSITIONS } from './case-transitions';
import type { ActionHandler, ActionInput, Decision, DecisionContext } from './decision.types';
import { isInScope } from './guards/scope.guard';

type CaseAfterIntake = Exclude<CaseAction, 'report' | 'self_handle'>;

const HANDLERS: { [A in CaseAfterIntake]: ActionHandler<A> } = {
  register,
  reject,
  dispatch,
  acknowledge,
  accept: acceptCase,
  return: returnCase,
  start,
  progress,
  escalate,
  whistle,
  report_in: reportIn,
  dept_complete: deptComplete,
  rate_department: rateDepartment,
  request_extension: requestExtension,
  approve_extension: approveExtension,
  deny_extension: denyExtension,
  request_suspension: requestSuspension,
  approve_suspension: approveSuspension,
  deny_suspension: denySuspension,
  resume,
  complete,
  verify,
  rework,
  close,
  rate,
  cancel,
  merge,
  request_info: requestInfo,
  reopen,
};

/** Whether the action applies to the case as it is (or to no case yet). */
function statusRefusal(state: CaseState | null, action: CaseAction): Outcome<never> | null {
  const { from, whileSuspended } = CASE_TRANSITIONS[action];
  if (from === 'new') return state === null ? null : refuse('wrong_status', 'the case already exists');
  if (state === null) return refuse('wrong_status', 'there is no such case');
  if (!from.includes(state.status)) return refuse('wrong_status', `cannot ${action} a case that is ${state.status}`);
  return state.suspended && !whileSuspended ? refuse('suspended', `cannot ${action} a suspended case; resume it first`) : null;
}

function eventsFor(state: CaseState | null, command: CaseCommand, actor: Actor, now: Instant, context: DecisionContext): Outcome<CaseEventDraft[]> {
  const { action } = command;
  const refused = statusRefusal(state, action);
  if (refused) return refused;
  if (!ACTION_ROLES[action].includes(actor.role)) return refuse('wrong_role', `a ${actor.role} may not ${action}`);
  if (command.action === 'report') return reportCase(command, actor, now, context);
  if (command.action === 'self_handle') return selfHandleCase(command, actor, now, context);
  if (state === null) throw new Error(`unreachable: ${action} without a case`);
  if (!isInScope(actor, state)) return refuse('outside_scope', 'the case is outside your area or department');
  const handler = HANDLERS[command.action] as ActionHandler<CaseAfterIntake>;
  return handler({ state, command, actor, now, context } as ActionInput<CaseAfterIntake>);
}

/**
 * The case state machine (DESIGN §3): given the case (null before it exists), a command, who acts and
 * when, the events to append — with the case they lead to — or a typed refusal. Checked in order:
 * status, suspension, role, scope, then the action's own guards (relation to the case, fields).
 */
export function decide(state: CaseState | null, command: CaseCommand, actor: Actor, now: Instant, context: DecisionContext): Decision {
  const events = eventsFor(state, command, actor, now, context);
  if (!events.ok) return events;
  const next = events.value.reduce<CaseState | null>(applyEvent, state);
  if (next === null) throw new Error('a decision always leaves a case');
  return { ok: true, events: events.value, next };
}
