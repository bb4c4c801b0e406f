import { WHISTLE_KINDS } from '@grid/contracts';
import { accept, refuse, type Outcome } from '../../shared/refusal.types';
import type { Actor } from '../actor.types';
import type { DutyChoice } from '../../rota/rota.types';
import type { SummonedDepartment } from '../case-event.types';
import type { CaseState, CoHandler } from '../case-state.types';
import type { ActionHandler } from '../decision.types';
import { draftEvent, metaOf } from '../draft-event.util';
import { requireHours, requireNote, requireScore } from '../guards/field.guard';
import { isUnitMember, unitOfActor } from '../guards/unit.guard';

function checkDepartments(state: CaseState, departments: readonly SummonedDepartment[] | undefined, onDuty: Readonly<Record<string, DutyChoice>>): Outcome<SummonedDepartment[]> {
  if (!departments || departments.length === 0) return refuse('missing_field', 'at least one department is required', 'departments');
  const ids = [...state.coHandlers.map((c) => c.departmentId)];
  for (const [i, d] of departments.entries()) {
    if (!d.departmentId) return refuse('missing_field', 'a department id is required', `departments.${i}.departmentId`);
    if (ids.includes(d.departmentId)) return refuse('invalid_target', 'a department is summoned only once', `departments.${i}.departmentId`);
    ids.push(d.departmentId);
    for (const field of ['reportInHours', 'handleHours'] as const) {
      const hours = requireHours(d[field], `departments.${i}.${field}`);
      if (!hours.ok) return hours;
    }
  }
  const leads = [...state.coHandlers, ...departments].filter((d) => d.lead).length;
  if (leads !== 1) return refuse('invalid_field', 'exactly one department leads the co-handling', 'departments');
  // Each department's staff member on duty answers for it, when its rota names one (the rule says why).
  return accept(
    departments.map((d) => ({
      departmentId: d.departmentId,
      lead: d.lead,
      reportInHours: d.reportInHours,
      handleHours: d.handleHours,
      ...(onDuty[d.departmentId] ? { assigneeId: onDuty[d.departmentId].userId, rule: onDuty[d.departmentId].rule } : {}),
    })),
  );
}

/** whistle (吹哨): a zone or the district summons departments as co-handlers, one of them the lead. */
export const whistle: ActionHandler<'whistle'> = (input) => {
  const { state, actor, command } = input;
  if (!WHISTLE_KINDS.includes(command.whistleKind)) return refuse('invalid_field', 'unknown kind of whistle', 'whistleKind');
  const departments = checkDepartments(state, command.departments, input.context.departmentOnDuty ?? {});
  if (!departments.ok) return departments;
  const summonedBy = unitOfActor(actor, state);
  return accept([draftEvent('whistled', metaOf(input, state.status, command.note), { whistleKind: command.whistleKind, summonedBy, departments: departments.value })]);
};

/** The actor's department on this case, if it was summoned. */
function ownCoHandler(actor: Actor, state: CaseState): Outcome<CoHandler> {
  const own = state.coHandlers.find((c) => c.departmentId === actor.departmentId);
  return own ? accept(own) : refuse('not_assignee', 'your department was not summoned to this case');
}

/** report in (报到): the summoned department answers. */
export const reportIn: ActionHandler<'report_in'> = (input) => {
  const own = ownCoHandler(input.actor, input.state);
  if (!own.ok) return own;
  if (own.value.status !== 'summoned') return refuse('already_done', 'your department has already reported in');
  return accept([draftEvent('dept_reported_in', metaOf(input, input.state.status, input.command.note), { departmentId: own.value.departmentId })]);
};

/** A department's part done, with its result; it must have reported in first. */
export const deptComplete: ActionHandler<'dept_complete'> = (input) => {
  const { command } = input;
  const own = ownCoHandler(input.actor, input.state);
  if (!own.ok) return own;
  if (own.value.status === 'completed') return refuse('already_done', 'your department has already completed its part');
  if (own.value.status === 'summoned') return refuse('wrong_status', 'your department must report in first');
  const result = requireNote(command.note, 'the result');
  if (!result.ok) return result;
  return accept([
    draftEvent('dept_completed', metaOf(input, input.state.status, result.value), { departmentId: own.value.departmentId, photoIds: command.photoIds ?? [] }),
  ]);
};

/** The summoning unit rates each department once its part is complete. */
export const rateDepartment: ActionHandler<'rate_department'> = (input) => {
  const { state, actor, command } = input;
  const coHandler = state.coHandlers.find((c) => c.departmentId === command.departmentId);
  if (!coHandler) return refuse('invalid_target', 'the department was not summoned to this case', 'departmentId');
  if (!isUnitMember(actor, coHandler.summonedBy)) return refuse('not_assignee', 'only the summoning unit rates the department');
  if (coHandler.status !== 'completed') return refuse('wrong_status', 'the department has not completed its part');
  if (coHandler.rating !== null) return refuse('already_done', 'the department is already rated');
  const score = requireScore(command.score);
  if (!score.ok) return score;
  return accept([draftEvent('dept_rated', metaOf(input, state.status, command.note), { departmentId: coHandler.departmentId, score: score.value })]);
};
