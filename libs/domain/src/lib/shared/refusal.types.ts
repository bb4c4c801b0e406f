/** Why the domain refused a command. The API maps each code to one HTTP status. */
export const REFUSAL_CODES = [
  /** The case is not in a status where this action applies (409). */
  'wrong_status',
  /** The actor's role may never do this (403). */
  'wrong_role',
  /** The case is outside the actor's area or department (403, or 404 to hide it). */
  'outside_scope',
  /** The actor may act on the case but is not the one this step waits for, e.g. not the assignee (403). */
  'not_assignee',
  /** A required field is absent or empty (400, with `field`). */
  'missing_field',
  /** A field is present but not acceptable (400, with `field`). */
  'invalid_field',
  /** The case is suspended (挂账): only resume, progress notes, cancel and merge apply (409). */
  'suspended',
  /** The case is not suspended, so it cannot be resumed (409). */
  'not_suspended',
  /** A request of the same kind is already waiting for a decision (409). */
  'request_pending',
  /** There is no pending request to approve or deny (409). */
  'no_request',
  /** A bound is reached, e.g. the number of extensions (409). */
  'limit_reached',
  /** Summoned departments have not all completed their part (事不完人不撤) (409). */
  'departments_pending',
  /** The thing was already done and may be done only once (409). */
  'already_done',
  /** The same person may not both ask and approve, or both handle and verify (403). */
  'same_actor',
  /** The case is already at the top level (409). */
  'no_higher_level',
  /** The target (unit, department, main case) is not acceptable for this case (400). */
  'invalid_target',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface Refusal {
  code: RefusalCode;
  message: string;
  /** The command field at fault, for missing_field and invalid_field. */
  field?: string;
}

/** A value or a typed refusal. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export function refuse(code: RefusalCode, message: string, field?: string): { ok: false; refusal: Refusal } {
  return { ok: false, refusal: field === undefined ? { code, message } : { code, message, field } };
}

export function accept<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}
