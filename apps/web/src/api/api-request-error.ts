import type { ApiError } from '@grid/contracts';

/** The API answered with an error status; `body` is its ApiError when it sent one. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError | null,
    /** From Retry-After (or a throttler's Retry-After-<name>) when the server sent it. */
    readonly retryAfterSeconds: number | null,
  ) {
    super(body?.message ?? `HTTP ${status}`);
    this.name = 'ApiRequestError';
  }
}

/** The request never got an answer: offline, server down, or a proxy in between failed. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'NetworkError';
  }
}
