import { CASE_SOURCES, PRIORITIES } from '@grid/contracts';
import { routeCase } from '../../routing/route-case';
import type { Instant } from '../../shared/instant.util';
import { accept, refuse, type Outcome } from '../../shared/refusal.types';
import type { Actor } from '../actor.types';
import type { CaseCommandOf } from '../case-command.types';
import type { CaseEventDraft, CaseEventOf } from '../case-event.types';
import type { DecisionContext } from '../decision.types';
import { draftEvent } from '../draft-event.util';
import { requireNote } from '../guards/field.guard';
import { areaUnit } from '../handling-unit.types';

type IntakeCommand = CaseCommandOf<'report' | 'self_handle'>;

function checkReportFields(command: IntakeCommand): Outcome<null> {
  const { location, areaPath } = command;
  if (!CASE_SOURCES.includes(command.source)) return refuse('invalid_field', 'unknown source', 'source');
  if (command.priority !== undefined && !PRIORITIES.includes(command.priority)) return refuse('invalid_field', 'unknown priority', 'priority');
  if (!location) return refuse('missing_field', 'the location is required', 'location');
  if (!Number.isFinite(location.lat) || !Number.isFinite(location.lng) || Math.abs(location.lat) > 90 || Math.abs(location.lng) > 180) {
    return refuse('invalid_field', 'the location is not a valid position', 'location');
  }
  if (!areaPath || areaPath.length !== 4 || areaPath.some((id) => !id)) {
    return refuse('missing_field', 'the location must be resolved to a grid (district, zone, village, grid)', 'areaPath');
  }
  return accept(null);
}

/** The `reported` event, with the routing decision it carries. */
function reportedEvent(command: IntakeCommand, actor: Actor, now: Instant, context: DecisionContext): CaseEventOf<'reported'> {
  const priority = command.priority ?? 'normal';
  const route = routeCase({
    areaPath: command.areaPath,
    category: context.category,
    priority,
    onDutyWorkerId: context.onDutyWorkerId ?? null,
    departmentIdByCode: context.departmentIdByCode ?? {},
    departmentOnDuty: context.departmentOnDuty ?? {},
  });
  return draftEvent(
    'reported',
    { from: null, to: 'reported', actor, at: now },
    {
      source: command.source,
      categoryCode: context.category.code,
      priority,
      description: command.description?.trim() ?? '',
      location: { lat: command.location.lat, lng: command.location.lng },
      address: command.address ?? null,
      areaPath: command.areaPath,
      reporterId: actor.role === 'resident' ? null : actor.id,
      photoIds: command.photoIds ?? [],
      duplicateCandidateIds: command.duplicateCandidateIds ?? [],
      route,
    },
  );
}

/**
 * report: a new case, by default registered and dispatched at once by the system to the unit and the
 * on-duty worker its route names (the registration and dispatch are the system's events).
 */
export function reportCase(command: CaseCommandOf<'report'>, actor: Actor, now: Instant, context: DecisionContext): Outcome<CaseEventDraft[]> {
  const fields = checkReportFields(command);
  if (!fields.ok) return fields;
  const reported = reportedEvent(command, actor, now, context);
  const { route, areaPath } = reported.data;
  const events: CaseEventDraft[] = [reported];
  if (route.autoRegister) {
    events.push(draftEvent('registered', { from: 'reported', to: 'registered', actor: null, at: now }, { unit: route.unit, auto: true }));
  }
  if (route.autoDispatch) {
    events.push(
      draftEvent(
        'dispatched',
        { from: 'registered', to: 'dispatched', actor: null, at: now },
        // An automatic dispatch acts for the command centre: what is returned goes back there.
        {
          unit: route.unit,
          assigneeId: route.assigneeId,
          verifierId: route.verifierId,
          returnTo: areaUnit(areaPath, 'district'),
          auto: true,
          rule: route.assigneeId === null ? null : route.unit.level === 'department' ? (context.departmentOnDuty?.[route.unit.departmentId]?.rule ?? null) : (context.dispatchRule ?? null),
        },
      ),
    );
  }
  return accept(events);
}

/**
 * self-handle (自行处置): a grid worker records a minor matter they settled on the spot in their own grid,
 * with the result and at least one result photo. It then waits for verification, or closes at once
 * when the category needs no verification.
 */
export function selfHandleCase(command: CaseCommandOf<'self_handle'>, actor: Actor, now: Instant, context: DecisionContext): Outcome<CaseEventDraft[]> {
  const fields = checkReportFields(command);
  if (!fields.ok) return fields;
  if (command.areaPath[3] !== actor.areaId) return refuse('outside_scope', 'a grid worker self-handles only in their own grid');
  const result = requireNote(command.note, 'the result');
  if (!result.ok) return result;
  const photoIds = command.photoIds ?? [];
  if (photoIds.length === 0) return refuse('missing_field', 'a result photo is required', 'photoIds');
  const events: CaseEventDraft[] = [
    reportedEvent(command, actor, now, context),
    draftEvent('self_handled', { from: 'reported', to: 'handled', actor, at: now, note: result.value }, { photoIds }),
  ];
  if (!context.category.requiresVerification) {
    events.push(draftEvent('closed', { from: 'handled', to: 'closed', actor: null, at: now }, { auto: true, withoutVerification: true }));
  }
  return accept(events);
}
