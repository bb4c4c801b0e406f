import type { CaseStatus, RecoveryAction } from '@grid/contracts';
import type { Instant } from '../shared/instant.util';
import type { CaseEventDraft } from '../case/case-event.types';
import type { CaseState } from '../case/case-state.types';
import { draftEvent } from '../case/draft-event.util';

/** Nobody has taken the case yet: the system may still close it by itself. */
const UNTOUCHED: readonly CaseStatus[] = ['reported', 'registered', 'dispatched'];
/** In someone's hands: a recovery sends it to verification on site. */
const WORKING: readonly CaseStatus[] = ['registered', 'dispatched', 'accepted', 'in_progress'];

export const RECOVERED_CLOSED_NOTE = '设备报告已恢复正常，案件自动结案';
export const RECOVERED_VERIFY_NOTE = '设备报告已恢复正常，请现场核查';

/**
 * The system's answer to a device's recovery message while its case is open (per kind, `onRecovery`):
 * - `close`: a case nobody has taken yet (reported, registered, dispatched) closes by itself; one already accepted or
 *   in progress is not closed under its handler's feet: it goes to verification instead.
 * - `verify`: the case is marked handled by the system and waits for the on-site check (核查) by the grid.
 * - `note`: nothing on the case (the recovery is kept on the alarm record).
 * Nothing either when the case has ended, is merged or suspended (挂账: a person decided to hold it), was already
 * handled, or summoned departments have not finished their part (事不完人不撤).
 */
export function recoveryEvents(state: Pick<CaseState, 'status' | 'suspended' | 'mergedInto' | 'coHandlers'>, action: RecoveryAction, now: Instant): CaseEventDraft[] {
  if (action === 'note' || state.suspended || state.mergedInto !== null) return [];
  if (action === 'close' && UNTOUCHED.includes(state.status)) {
    return [draftEvent('closed', { from: state.status, to: 'closed', actor: null, at: now, note: RECOVERED_CLOSED_NOTE }, { auto: true, withoutVerification: true })];
  }
  if (!WORKING.includes(state.status) || state.coHandlers.some((c) => c.status !== 'completed')) return [];
  return [draftEvent('completed', { from: state.status, to: 'handled', actor: null, at: now, note: RECOVERED_VERIFY_NOTE }, { photoIds: [] })];
}
