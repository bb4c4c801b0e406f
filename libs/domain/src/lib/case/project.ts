import { applyEvent } from './apply-event';
import type { CaseEventDraft } from './case-event.types';
import type { CaseState } from './case-state.types';

/** The case as the fold of its timeline (null for an empty one). The `cases` row is this projection. */
export function project(events: readonly CaseEventDraft[]): CaseState | null {
  return events.reduce<CaseState | null>(applyEvent, null);
}
