import type { ApiError, LoginResponse } from '@grid/contracts';
import { ApiRequestError, NetworkError } from './api-request-error';
import { sessionStore, type Session } from './session-store';

/** An access token this close to its end is renewed before use. */
const REFRESH_MARGIN_MS = 60_000;

export interface ApiRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON; a FormData is sent as multipart (the browser writes its Content-Type). */
  body?: unknown;
  signal?: AbortSignal;
  /** Send the session's bearer token, renewed when needed; end the session on a 401 a refresh cannot cure (default true). */
  authenticated?: boolean;
  headers?: Record<string, string>;
  /** `blob` for files the API serves only with the bearer token (photos), JSON otherwise. */
  responseType?: 'json' | 'blob';
}

let refreshing: Promise<Session | null> | null = null;

/**
 * Exchanges the refresh token for new tokens, once at a time in this tab and, where the browser has
 * Web Locks, across tabs: a tab that waited adopts what another tab just stored instead of spending the
 * same refresh token twice (which the server treats as theft and answers by ending the sign-in).
 * Resolves to the new session, or null when the session is over (it is ended here then).
 */
export function refreshSession(): Promise<Session | null> {
  const stale = sessionStore.get();
  if (!stale) return Promise.resolve(null);
  refreshing ??= withRefreshLock(async () => {
    const latest = sessionStore.reload();
    if (!latest) return null;
    if (latest.refreshToken !== stale.refreshToken) return latest;
    let response: Response;
    try {
      response = await fetch('/api/auth/refresh', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify({ refreshToken: latest.refreshToken }) });
    } catch (error) {
      throw new NetworkError(error);
    }
    if (response.ok) return sessionStore.start((await response.json()) as LoginResponse);
    if (response.status === 401 || response.status === 400) {
      sessionStore.end('expired');
      return null;
    }
    throw new ApiRequestError(response.status, await readApiError(response), retryAfterSeconds(response.headers));
  }).finally(() => (refreshing = null));
  return refreshing;
}

/** The session with an access token good for at least a minute more (refreshed if needed), or null. */
export async function freshSession(): Promise<Session | null> {
  const session = sessionStore.get();
  if (!session || session.expiresAt - Date.now() > REFRESH_MARGIN_MS) return session;
  return refreshSession();
}

function withRefreshLock<T>(run: () => Promise<T>): Promise<T> {
  // Web Locks exist only in secure contexts (https, localhost); elsewhere the in-tab single flight remains.
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  return locks ? (locks.request('grid.session.refresh', run) as Promise<T>) : run();
}

/**
 * fetch for our API: adds the bearer token (renewing it shortly before it ends), sends and parses JSON,
 * and turns error answers into ApiRequestError. A 401 on an authenticated call is retried once after a
 * refresh; if the refresh fails too the session is over: it ends, and the router shows the login page.
 */
export async function apiRequest<T>(path: string, options: ApiRequestOptions = {}, retried = false): Promise<T> {
  const { method = 'GET', body, signal, authenticated = true, headers = {}, responseType = 'json' } = options;
  const session = authenticated ? await freshSession() : null;
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
  if (response.status === 401 && session && !retried) {
    // Revoked or expired in between (another device signed out, the clock is off): one refresh, one retry.
    if (await refreshSession()) return apiRequest<T>(path, options, true);
  }
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

/**
 * Renews the access token a minute before it ends while the app is open, so a screen that only listens
 * on the live channel (the wall) always reconnects with a good token. The jitter keeps two tabs of one
 * browser from spending the same refresh token at once where Web Locks are missing (plain http).
 */
let renewal: ReturnType<typeof setTimeout> | undefined;
function scheduleRenewal(): void {
  clearTimeout(renewal);
  const session = sessionStore.get();
  if (!session) return;
  const due = session.expiresAt - Date.now() - REFRESH_MARGIN_MS - Math.random() * 20_000;
  renewal = setTimeout(() => void refreshSession().catch(() => (renewal = setTimeout(scheduleRenewal, 30_000))), Math.max(1_000, due));
}
sessionStore.subscribe(scheduleRenewal);
scheduleRenewal();
