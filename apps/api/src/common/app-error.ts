/**
 * The errors business code raises. Services never throw HttpException; the one filter at the edge
 * (http-exception.filter.ts) maps each code to an HTTP status.
 */
export type AppErrorCode = 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'locked' | 'too_large' | 'too_many' | 'unavailable';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    /** A finer reason clients may branch on (e.g. the domain's refusal code `wrong_status`). */
    readonly reason?: string,
    /** Sent as Retry-After (429). */
    readonly retryAfterSeconds?: number,
    /** The values the reason's wording names, for clients that word `reason` in their own language. */
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message: string) => new AppError('forbidden', message);
export const invalid = (message: string, fields?: Record<string, string>) => new AppError('invalid', message, fields);
/** An uploaded file refused as a whole (400 on the field `file`): `reason` and `params` let clients word it themselves. */
export const fileRefused = (reason: string, message: string, params?: Record<string, string | number>) => new AppError('invalid', message, { file: message }, reason, undefined, params);
