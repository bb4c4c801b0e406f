import type { TFunction } from 'i18next';
import { ApiRequestError, NetworkError } from '../api/api-request-error';

/** A failed request in words for the user: the API's own message for a refusal, ours for the rest. */
export function apiErrorText(error: unknown, t: TFunction): string {
  if (error instanceof NetworkError) return t('errors.network');
  if (error instanceof ApiRequestError) {
    if (error.status >= 500 || !error.body) return t('errors.http', { status: error.status, message: error.body?.message ?? '' });
    return error.body.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Field-level problems of a 400 (path → message), if the API sent them. */
export function apiFieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiRequestError ? (error.body?.fields ?? {}) : {};
}
