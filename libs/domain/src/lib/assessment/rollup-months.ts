import { nextDate } from '../calendar/local-time.util';
import type { LocalDate } from '../calendar/work-calendar.types';
import { TERMINAL_STATUSES } from '../case/case-transitions';
import type { AssessmentCaseFacts } from './case-facts';

/**
 * A finished case (closed, rejected, cancelled) is counted in the monthly rollups: its facts no longer change
 * with the moment of judgement, because every clock of a finished case has stopped, so each late-at instant
 * is in its past (and in the past of any later `asOf`).
 */
export const isFinished = (fact: Pick<AssessmentCaseFacts, 'status'>): boolean => TERMINAL_STATUSES.includes(fact.status);

/** The first day of the month of a local date. */
export const monthOf = (date: LocalDate): LocalDate => `${date.slice(0, 7)}-01`;

/** The first day of the next month. */
export function nextMonth(month: LocalDate): LocalDate {
  const [year, m] = month.split('-').map(Number);
  return m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * How a period of local dates (`from`…`to`, inclusive) is read: the whole months inside it from the rollups
 * (`months`: first day of the first one, first day of the month after the last one), the rest live. `null`
 * when no whole month lies inside (a short period, or one that starts and ends inside the same month).
 */
export function wholeMonthsOf(from: LocalDate, to: LocalDate): { from: LocalDate; to: LocalDate } | null {
  const first = from.endsWith('-01') ? from : nextMonth(monthOf(from));
  const afterTo = nextDate(to);
  const end = afterTo.endsWith('-01') ? afterTo : monthOf(to);
  return first < end ? { from: first, to: end } : null;
}
