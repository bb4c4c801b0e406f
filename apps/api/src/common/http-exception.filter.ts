import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ApiError } from '@grid/contracts';
import type { Response } from 'express';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { AppError, AppErrorCode } from './app-error';

/** Postgres error classes that mean "the database is not there right now" rather than a bug. */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3]|53300)/;
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
/**
 * What TypeORM throws when the connection under a transaction died mid-way (the database restarted)
 * and it then tries to roll back on it: the same outage, seen one step later.
 */
const UNAVAILABLE_TYPEORM_ERRORS = [QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError];

function statusOf(code: AppErrorCode): number {
  switch (code) {
    case 'invalid':
      return HttpStatus.BAD_REQUEST;
    case 'unauthorized':
      return HttpStatus.UNAUTHORIZED;
    case 'forbidden':
      return HttpStatus.FORBIDDEN;
    case 'not_found':
      return HttpStatus.NOT_FOUND;
    case 'conflict':
      return HttpStatus.CONFLICT;
    case 'locked':
      return HttpStatus.LOCKED;
    case 'too_large':
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case 'too_many':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'unavailable':
      return HttpStatus.SERVICE_UNAVAILABLE;
    default:
      return assertUnreachable(code);
  }
}

function assertUnreachable(value: never): never {
  throw new Error(`unhandled error code ${String(value)}`);
}

/** Shapes every error of /api as ApiError; never leaks a stack trace. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = toApiError(exception);
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', '5');
    if (exception instanceof AppError && exception.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    // An outage has a known cause: one warning line per request rather than a stack trace each.
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) this.logger.warn(`503: ${exception instanceof Error ? exception.message : String(exception)}`);
    else if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(body.statusCode).json(body);
  }
}

/** Any error as the status and message a client may see (other edges, e.g. Open311, reshape it). */
export function toApiError(exception: unknown): ApiError {
  if (exception instanceof AppError) {
    const statusCode = statusOf(exception.code);
    return {
      statusCode,
      error: HttpStatus[statusCode] ?? 'Error',
      message: exception.message,
      ...(exception.reason ? { reason: exception.reason } : {}),
      ...(exception.fields ? { fields: exception.fields } : {}),
      ...(exception.params ? { params: exception.params } : {}),
    };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const res = exception.getResponse();
    const message = typeof res === 'string' ? res : ((res as { message?: unknown }).message ?? exception.message);
    return { statusCode, error: HttpStatus[statusCode] ?? 'Error', message: Array.isArray(message) ? message.join('; ') : String(message) };
  }
  // Nest turns body-parser's JSON SyntaxError into a 400 itself; an oversized body arrives raw.
  if ((exception as { type?: unknown })?.type === 'entity.too.large') return { statusCode: 413, error: 'PAYLOAD_TOO_LARGE', message: 'request body too large' };
  if (isDatabaseUnavailable(exception)) return { statusCode: 503, error: 'SERVICE_UNAVAILABLE', message: 'the database is unavailable; retry shortly' };
  return { statusCode: 500, error: 'INTERNAL_SERVER_ERROR', message: 'internal error' };
}

function isDatabaseUnavailable(exception: unknown): boolean {
  if (UNAVAILABLE_TYPEORM_ERRORS.some((type) => exception instanceof type)) return true;
  const code = (exception as { code?: unknown; driverError?: { code?: unknown } })?.code ?? (exception as QueryFailedError & { driverError?: { code?: unknown } })?.driverError?.code;
  if (typeof code !== 'string') return /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(String((exception as Error)?.message));
  return UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_NODE_CODES.has(code);
}
