import type { CaseAction, CaseStatus } from '@grid/contracts';

/** Statuses in which a case is in someone's hands: registered up to in progress. */
export const IN_HAND_STATUSES: readonly CaseStatus[] = ['registered', 'dispatched', 'accepted', 'in_progress'];
/** Statuses after which nothing changes the case any more (but a rating). */
export const TERMINAL_STATUSES: readonly CaseStatus[] = ['closed', 'rejected', 'cancelled'];
const WORKING: readonly CaseStatus[] = ['dispatched', 'accepted', 'in_progress'];
const NOT_ENDED: readonly CaseStatus[] = ['reported', ...IN_HAND_STATUSES];

export interface Transition {
  /** Statuses the action applies in; `new` for the actions that create a case. */
  from: readonly CaseStatus[] | 'new';
  /** Whether it applies while the case is suspended (挂账). */
  whileSuspended: boolean;
}

const t = (from: Transition['from'], whileSuspended = false): Transition => ({ from, whileSuspended });

/** The state machine's shape (DESIGN §3): where each action applies. Guards on role and scope come after. */
export const CASE_TRANSITIONS: Readonly<Record<CaseAction, Transition>> = {
  report: t('new'),
  self_handle: t('new'),
  register: t(['reported']),
  reject: t(['reported']),
  dispatch: t(['registered', 'dispatched']),
  acknowledge: t(WORKING, true),
  accept: t(['dispatched']),
  return: t(['dispatched', 'accepted']),
  start: t(['accepted']),
  progress: t(['in_progress'], true),
  escalate: t(IN_HAND_STATUSES),
  whistle: t(IN_HAND_STATUSES),
  report_in: t(IN_HAND_STATUSES),
  dept_complete: t(IN_HAND_STATUSES),
  rate_department: t([...IN_HAND_STATUSES, 'handled', 'verified', 'closed']),
  request_extension: t(WORKING),
  approve_extension: t(WORKING),
  deny_extension: t(WORKING),
  request_suspension: t(WORKING),
  approve_suspension: t(WORKING),
  deny_suspension: t(WORKING),
  resume: t(WORKING, true),
  complete: t(['in_progress']),
  verify: t(['handled']),
  rework: t(['handled']),
  close: t(['handled', 'verified']),
  rate: t(['closed']),
  cancel: t(NOT_ENDED, true),
  merge: t(NOT_ENDED, true),
  request_info: t(IN_HAND_STATUSES, true),
  reopen: t(['closed']),
};
