import type { Outcome } from '../../shared/refusal.types';
import { accept, refuse } from '../../shared/refusal.types';
import type { Actor } from '../actor.types';
import type { CaseState } from '../case-state.types';
import type { ActionHandler } from '../decision.types';
import { draftEvent, metaOf } from '../draft-event.util';
import { leaderRankOn } from '../guards/scope.guard';
import { isUnitLeader, unitOfActor } from '../guards/unit.guard';
import { isOnPath, rankOf, sameUnit, type HandlingUnit } from '../handling-unit.types';

/** Zones and the district may give a case to a department; lower levels summon none. */
const MAX_RANK_TO_DEPARTMENT = 1;

/**
 * Who may dispatch where: the command centre anywhere; an area leader a case registered at their level
 * or below, to a unit within their own area (a zone leader also to a department); a department head
 * a case of their department, to their department (choosing the person).
 */
function mayDispatch(actor: Actor, state: CaseState, target: HandlingUnit): Outcome<null> {
  if (actor.role === 'dept_head') {
    const own = unitOfActor(actor, state);
    return sameUnit(state.unit, own) && sameUnit(target, own)
      ? accept(null)
      : refuse('outside_scope', 'a department head dispatches only within their department');
  }
  const rank = leaderRankOn(actor, state);
  if (rank === null || !isUnitLeader(actor, state, state.unit)) {
    return refuse('outside_scope', 'the case is registered at a unit you do not lead');
  }
  const within = target.level === 'department' ? rank <= MAX_RANK_TO_DEPARTMENT : rankOf(target) >= rank;
  return within ? accept(null) : refuse('invalid_target', 'you may dispatch only to units within your area', 'unit');
}

/** dispatch (派遣) or re-dispatch before acceptance: to a unit on the case's path or a department, optionally to a person. */
export const dispatch: ActionHandler<'dispatch'> = (input) => {
  const { state, command, actor } = input;
  const target = command.unit;
  if (!target) return refuse('missing_field', 'the unit to dispatch to is required', 'unit');
  const targetId = target.level === 'department' ? target.departmentId : target.areaId;
  if (!targetId || !isOnPath(state.areaPath, target)) {
    return refuse('invalid_target', 'a case is dispatched to one of its own areas or to a department', 'unit');
  }
  const allowed = mayDispatch(actor, state, target);
  if (!allowed.ok) return allowed;
  // To a department without naming a person: its staff member on duty, when its rota names one.
  const onDuty = !command.assigneeId && target.level === 'department' ? (input.context.departmentOnDuty?.[target.departmentId] ?? null) : null;
  return accept([
    draftEvent('dispatched', metaOf(input, 'dispatched', command.note), {
      unit: target,
      assigneeId: command.assigneeId ?? onDuty?.userId ?? null,
      verifierId: command.verifierId ?? state.verifierId,
      returnTo: unitOfActor(actor, state),
      auto: false,
      rule: onDuty?.rule ?? 'manual',
    }),
  ]);
};
