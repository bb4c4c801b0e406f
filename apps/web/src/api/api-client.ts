import type { ApiError } from '@grid/contracts';
import { ApiRequestError, NetworkError } from './api-request-error';
import { sessionStore } from './session-store';

export interface ApiRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON; a FormData is sent as multipart (the browser writes its Content-Type). */
  body?: unknown;
  signal?: AbortSignal;
  /** Send the session's bearer token and end the session on 401 (default true). */
  authenticated?: boolean;
  headers?: Record<string, string>;
  /** `blob` for files the API serves only with the bearer token (photos), JSON otherwise. */
  responseType?: 'json' | 'blob';
}

/**
 * fetch for our API: adds the bearer token, sends and parses JSON, and turns error answers into
 * ApiRequestError. A 401 on an authenticated call means the token is no longer good: the session
 * ends, and the router sends the user to the login page.
 */
export async function apiRequest<T>(path: string, options: ApiRequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal, authenticated = true, headers = {}, responseType = 'json' } = options;
  const session = authenticated ? sessionStore.get() : null;
  const multipart = body instanceof FormData;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal,
      headers: {
        Accept: responseType === 'blob' ? '*/*' : 'application/json',
        ...(body === undefined || multipart ? {} : { 'Content-Type': 'application/json' }),
        ...(session ? { Authorization: `Bearer ${session.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new NetworkError(error);
  }
  if (response.ok) return (response.status === 204 ? undefined : responseType === 'blob' ? await response.blob() : await response.json()) as T;
  const error = new ApiRequestError(response.status, await readApiError(response), retryAfterSeconds(response.headers));
  if (response.status === 401 && session) sessionStore.end('expired');
  throw error;
}

async function readApiError(response: Response): Promise<ApiError | null> {
  try {
    const body: unknown = await response.json();
    const candidate = body as Partial<ApiError> | null;
    return typeof candidate?.message === 'string' ? (candidate as ApiError) : null;
  } catch {
    return null;
  }
}

function retryAfterSeconds(headers: Headers): number | null {
  for (const [name, value] of headers) {
    if (name !== 'retry-after' && !name.startsWith('retry-after-')) continue;
    const seconds = Number(value);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  }
  return null;
}
