import type { CaseCategory } from '../case/case-category.types';
import type { CaseEventDraft } from '../case/case-event.types';
import type { CaseState } from '../case/case-state.types';
import { IN_HAND_STATUSES, TERMINAL_STATUSES } from '../case/case-transitions';
import { draftEvent } from '../case/draft-event.util';
import { escalation } from '../case/actions/escalate.action';
import type { CaseSla } from './sla-of';

/**
 * What the SLA sweeper writes for one case (as of `sla.asOf`): `sla_warning` and `sla_overdue` once each
 * per case — both at once when it catches up after downtime — and, when the category says so, an
 * escalation the moment the case turns overdue. `alreadyWritten` is the case's `slaNotified`.
 */
export function sweepDecision(
  state: CaseState,
  sla: CaseSla,
  alreadyWritten: { warning: boolean; overdue: boolean },
  category: Pick<CaseCategory, 'autoEscalateOnOverdue'>,
): CaseEventDraft[] {
  if (TERMINAL_STATUSES.includes(state.status) || sla.state === 'on_time') return [];
  const meta = { from: state.status, to: state.status, actor: null, at: sla.asOf };
  const events: CaseEventDraft[] = [];
  if (!alreadyWritten.warning && sla.warningAt !== null) {
    events.push(draftEvent('sla_warning', meta, { usedFraction: sla.usedFraction, crossedAt: sla.warningAt }));
  }
  if (sla.state !== 'overdue' || alreadyWritten.overdue || sla.overdueAt === null) return events;
  events.push(draftEvent('sla_overdue', meta, { usedFraction: sla.usedFraction, crossedAt: sla.overdueAt }));
  if (category.autoEscalateOnOverdue && IN_HAND_STATUSES.includes(state.status) && !state.suspended) {
    const escalated = escalation(state, null, sla.asOf, 'overdue: escalated by rule');
    if (escalated.ok) events.push(escalated.value);
  }
  return events;
}
