import { REFUSAL_CODES } from '@grid/domain';
import i18next, { type TFunction } from 'i18next';
import { ApiRequestError, NetworkError } from '../api/api-request-error';
import { bodyProblems } from './field-problems';

/** The domain's refusal codes, each with words in both languages (`refusals.<code>`); field problems come with `fields`. */
const REFUSALS: ReadonlySet<string> = new Set(REFUSAL_CODES.filter((code) => code !== 'missing_field' && code !== 'invalid_field'));

/**
 * A failed request in words for the user, in the user's language: a refused field names the field and what
 * is wrong, a refusal of the state machine says why; the API's own message only where we have no words.
 */
export function apiErrorText(error: unknown, t: TFunction): string {
  if (error instanceof NetworkError) return t('errors.network');
  if (error instanceof ApiRequestError) {
    if (error.status >= 500 || !error.body) return t('errors.http', { status: error.status, message: error.body?.message ?? '' });
    const { fields, reason, message } = error.body;
    if (fields && Object.keys(fields).length > 0) return Object.values(bodyProblems(fields, reason, t)).join(' ');
    if (reason && REFUSALS.has(reason)) return t(`refusals.${reason}` as 'refusals.wrong_status');
    return message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Field-level problems of a 400 (path → message in the user's language), if the API sent them. */
export function apiFieldErrors(error: unknown, t: TFunction = i18next.t): Record<string, string> {
  return error instanceof ApiRequestError && error.body?.fields ? bodyProblems(error.body.fields, error.body.reason, t) : {};
}
