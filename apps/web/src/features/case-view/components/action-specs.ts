import type { AttachmentUpload, CaseActionPath, CaseDetail } from '@grid/contracts';

/** What the form of an action asks for, beyond what its body schema says (reasons the design requires). */
export interface ActionSpec {
  /** primary: the case moves forward; danger: it goes back or ends. */
  tone: 'primary' | 'neutral' | 'danger';
  /** Taken with one tap, no form (签收 is one tap on the phone). */
  instant?: boolean;
  /** required: a reason (退回、驳回… must say why) or the result (反馈: the server refuses an empty one). */
  note?: 'optional' | 'required';
  /** The note is the handling result (反馈). */
  noteIsResult?: boolean;
  photos?: NonNullable<AttachmentUpload['purpose']>;
  extra?: 'dispatch' | 'whistle' | 'hours' | 'score' | 'department' | 'merge';
}

export const ACTION_SPECS: Record<CaseActionPath, ActionSpec> = {
  register: { tone: 'primary', note: 'optional' },
  reject: { tone: 'danger', note: 'required' },
  dispatch: { tone: 'primary', note: 'optional', extra: 'dispatch' },
  acknowledge: { tone: 'neutral', instant: true },
  accept: { tone: 'primary', instant: true },
  return: { tone: 'danger', note: 'required' },
  start: { tone: 'primary', instant: true },
  progress: { tone: 'neutral', note: 'optional', photos: 'progress' },
  escalate: { tone: 'neutral', note: 'required' },
  whistle: { tone: 'neutral', note: 'optional', extra: 'whistle' },
  report_in: { tone: 'primary', instant: true },
  dept_complete: { tone: 'primary', note: 'required', noteIsResult: true, photos: 'result' },
  rate_department: { tone: 'neutral', note: 'optional', extra: 'department' },
  request_extension: { tone: 'neutral', note: 'required', extra: 'hours' },
  approve_extension: { tone: 'primary', note: 'optional' },
  deny_extension: { tone: 'danger', note: 'required' },
  request_suspension: { tone: 'neutral', note: 'required' },
  approve_suspension: { tone: 'primary', note: 'optional' },
  deny_suspension: { tone: 'danger', note: 'required' },
  resume: { tone: 'primary', instant: true },
  complete: { tone: 'primary', note: 'required', noteIsResult: true, photos: 'result' },
  verify: { tone: 'primary', note: 'optional', photos: 'verification' },
  rework: { tone: 'danger', note: 'required', photos: 'verification' },
  close: { tone: 'primary', note: 'optional' },
  rate: { tone: 'neutral', note: 'optional', extra: 'score' },
  cancel: { tone: 'danger', note: 'required' },
  merge: { tone: 'neutral', note: 'optional', extra: 'merge' },
  request_info: { tone: 'neutral', note: 'required' },
  reopen: { tone: 'danger', note: 'required' },
};

const TONE_ORDER = { primary: 0, neutral: 1, danger: 2 } as const;

/** The summoned departments that may be rated now: those that finished their part and have no rating yet (the domain's rule). */
export function rateableDepartments(c: Pick<CaseDetail, 'coHandlers'>): CaseDetail['coHandlers'] {
  return c.coHandlers.filter((h) => h.status === 'completed' && h.rating === null);
}

/**
 * The buttons to show: what the API allows, forward steps first. The delivery receipt is the phone's
 * business; rating a department needs one that has finished its part, merging a duplicate flagged.
 */
export function actionButtons(allowed: readonly CaseActionPath[], c: Pick<CaseDetail, 'coHandlers' | 'duplicateCandidateIds'> & Partial<Pick<CaseDetail, 'reporterPhone'>>): CaseActionPath[] {
  return allowed
    .filter((a) => a !== 'acknowledge' && (a !== 'rate_department' || rateableDepartments(c).length > 0) && (a !== 'merge' || c.duplicateCandidateIds.length > 0))
    // Asking the resident needs a resident to ask: a case reported with a phone.
    .filter((a) => a !== 'request_info' || Boolean(c.reporterPhone))
    .sort((a, b) => TONE_ORDER[ACTION_SPECS[a].tone] - TONE_ORDER[ACTION_SPECS[b].tone]);
}
