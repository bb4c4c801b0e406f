import type { Refusal } from '@grid/domain';
import { AppError, type AppErrorCode } from '../../common/app-error';

function errorCodeOf(refusal: Refusal): AppErrorCode {
  switch (refusal.code) {
    case 'missing_field':
    case 'invalid_field':
    case 'invalid_target':
      return 'invalid';
    case 'wrong_role':
    case 'not_assignee':
    case 'same_actor':
      return 'forbidden';
    // The SQL scope already answers 404 for cases the caller cannot see; what remains is acting on a
    // visible case outside one's unit (a department on a case it is not summoned to).
    case 'outside_scope':
      return 'forbidden';
    case 'wrong_status':
    case 'suspended':
    case 'not_suspended':
    case 'request_pending':
    case 'no_request':
    case 'limit_reached':
    case 'departments_pending':
    case 'already_done':
    case 'no_higher_level':
      return 'conflict';
    default:
      return assertNever(refusal.code);
  }
}

function assertNever(value: never): never {
  throw new Error(`unmapped refusal ${String(value)}`);
}

/** A refusal of the state machine as the API answers it: 400/403/409 with the reason and the field at fault. */
export function refusalError(refusal: Refusal): AppError {
  const fields = refusal.field ? { [refusal.field]: refusal.message } : undefined;
  return new AppError(errorCodeOf(refusal), refusal.message, fields, refusal.code);
}
