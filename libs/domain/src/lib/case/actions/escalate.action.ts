import type { Instant } from '../../shared/instant.util';
import { accept, refuse, type Outcome } from '../../shared/refusal.types';
import type { Actor } from '../actor.types';
import type { CaseEventOf } from '../case-event.types';
import type { CaseState } from '../case-state.types';
import type { ActionHandler } from '../decision.types';
import { draftEvent } from '../draft-event.util';
import { requireNote } from '../guards/field.guard';
import { isHandler, isUnitLeader, isUnitMember } from '../guards/unit.guard';
import { unitAbove } from '../handling-unit.types';

/**
 * The escalation of a case one level up (grid → village → zone → district; a department → district),
 * registered there to be dispatched again. `actor` null: the SLA sweeper, by category rule.
 */
export function escalation(state: CaseState, actor: Actor | null, at: Instant, note?: string): Outcome<CaseEventOf<'escalated'>> {
  const from = state.unit;
  const to = from === null ? null : unitAbove(state.areaPath, from);
  if (from === null || to === null) return refuse('no_higher_level', 'the case is already at the top level');
  return accept(draftEvent('escalated', { from: state.status, to: 'registered', actor, at, note }, { from, to, auto: actor === null }));
}

/** escalate: the assignee, their unit or its leader says the unit cannot solve it; the reason is required. */
export const escalate: ActionHandler<'escalate'> = (input) => {
  const { state, actor, command } = input;
  if (!isHandler(actor, state) && !isUnitMember(actor, state.unit) && !isUnitLeader(actor, state, state.unit)) {
    return refuse('not_assignee', 'only the assignee, their unit or its leader may escalate');
  }
  const reason = requireNote(command.note, 'the reason');
  if (!reason.ok) return reason;
  const event = escalation(state, actor, input.now, reason.value);
  return event.ok ? accept([event.value]) : event;
};
