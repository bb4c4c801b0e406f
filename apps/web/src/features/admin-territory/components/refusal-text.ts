import type { TFunction } from 'i18next';
import { ApiRequestError } from '../../../api/api-request-error';
import { apiErrorText } from '../../../ui/api-error-text';

/** An API refusal in the user's language by its reason code (an edit that cannot be made, a stale edit), else its message. */
export function refusalText(t: TFunction, error: Error | null): string | undefined {
  if (!error) return undefined;
  const reason = error instanceof ApiRequestError ? error.body?.reason : undefined;
  const text = apiErrorText(error, t);
  return reason ? t(`territoryAdmin.refusal.${reason}`, { defaultValue: text }) : text;
}
