import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toApiError } from '../../common/http-exception.filter';
import { formatOfPath, OPEN311_CONTENT_TYPES, renderOpen311 } from './open311-format';
import type { Open311Error } from './open311.types';

/**
 * Errors as the spec writes them: a list of {code, description} with the real HTTP status, in the
 * format the path asked for. One error per invalid field, so a client can show each.
 */
@Catch()
export class Open311ExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Open311Error');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const error = toApiError(exception);
    if (error.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const errors: Open311Error[] = error.fields
      ? Object.entries(error.fields).map(([field, problem]) => ({ code: error.statusCode, description: `${field}: ${problem} (${error.message})` }))
      : [{ code: error.statusCode, description: error.message }];
    const format = formatOfPath(request.path);
    response.status(error.statusCode).type(OPEN311_CONTENT_TYPES[format]).send(renderOpen311(format, 'errors', errors));
  }
}
