import type { CaseAction } from '@grid/contracts';
import type { ActorRole } from './actor.types';

const COMMAND: readonly ActorRole[] = ['operator', 'admin'];
/** Everyone who works cases: the territory's units, departments and the command centre. */
const HANDLERS: readonly ActorRole[] = ['grid_worker', 'grid_leader', 'village_cadre', 'zone_leader', 'dept_staff', 'dept_head', 'operator'];
const LEADERS: readonly ActorRole[] = ['grid_leader', 'village_cadre', 'zone_leader', 'dept_head', 'operator', 'admin'];
const HANDLERS_AND_LEADERS: readonly ActorRole[] = [...HANDLERS, 'admin'];
/** Anyone who may have reported the case: every role but the assessor (who only reads), and residents. */
const REPORTERS: readonly ActorRole[] = [...HANDLERS_AND_LEADERS, 'resident'];

/**
 * The roles that may ever take each action (DESIGN §3 "who"). Scope and the actor's relation to the
 * case (assignee, unit leader, reporter) are checked after this, by the action itself.
 */
export const ACTION_ROLES: Readonly<Record<CaseAction, readonly ActorRole[]>> = {
  report: REPORTERS,
  self_handle: ['grid_worker', 'grid_leader'],
  register: [...COMMAND, 'zone_leader'],
  reject: COMMAND,
  dispatch: LEADERS,
  acknowledge: HANDLERS,
  accept: HANDLERS,
  return: HANDLERS,
  start: HANDLERS,
  progress: HANDLERS,
  escalate: HANDLERS_AND_LEADERS,
  whistle: [...COMMAND, 'zone_leader'],
  report_in: ['dept_staff', 'dept_head'],
  dept_complete: ['dept_staff', 'dept_head'],
  rate_department: [...COMMAND, 'zone_leader'],
  request_extension: HANDLERS,
  approve_extension: LEADERS,
  deny_extension: LEADERS,
  request_suspension: HANDLERS,
  approve_suspension: LEADERS,
  deny_suspension: LEADERS,
  resume: HANDLERS_AND_LEADERS,
  complete: HANDLERS,
  verify: REPORTERS,
  rework: REPORTERS,
  close: LEADERS,
  rate: REPORTERS,
  cancel: REPORTERS,
  merge: COMMAND,
  request_info: HANDLERS_AND_LEADERS,
  /** The resident through the tracking page; the front desk for a resident who calls or walks in. */
  reopen: ['resident', ...COMMAND],
};
