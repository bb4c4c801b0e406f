import type { LoginResponse, SessionUser } from '@grid/contracts';
import { ROLES } from '@grid/contracts';
import { useSyncExternalStore } from 'react';
import { SESSION_KEY } from './session-key';

export interface Session {
  /** The short-lived access token (15 minutes by default), renewed with the refresh token before it ends. */
  token: string;
  user: SessionUser;
  /** Epoch milliseconds after which the access token is no longer accepted. */
  expiresAt: number;
  /** Single use: exchanged for the next access and refresh tokens (api-client's refreshSession). */
  refreshToken: string;
  /** Epoch milliseconds after which the refresh token is no longer accepted: the session is over. */
  refreshExpiresAt: number;
}

/** Why the last session ended, so the login page can say it. */
export type SessionEnd = 'logout' | 'expired';

const STORAGE_KEY = SESSION_KEY;

function isSession(value: unknown): value is Session {
  const s = value as Partial<Session> | null;
  return (
    typeof s?.token === 'string' &&
    typeof s.expiresAt === 'number' &&
    typeof s.refreshToken === 'string' &&
    typeof s.refreshExpiresAt === 'number' &&
    typeof s.user?.id === 'string' &&
    (ROLES as readonly string[]).includes(s.user.role)
  );
}

function load(): Session | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    return isSession(parsed) && parsed.refreshExpiresAt > Date.now() ? parsed : null;
  } catch {
    return null;
  }
}

let current: Session | null = load();
let lastEnd: SessionEnd | null = null;
const listeners = new Set<() => void>();

function publish(next: Session | null): void {
  current = next;
  listeners.forEach((listener) => listener());
}

// Another tab signing in or out changes this tab too.
window.addEventListener('storage', (event) => {
  if (event.key === STORAGE_KEY) publish(load());
});

export const sessionStore = {
  /** The session, whose access token may need a refresh first (api-client does it). */
  get(): Session | null {
    if (current && current.refreshExpiresAt <= Date.now()) sessionStore.end('expired');
    return current;
  },
  /** What another tab may have stored since (it refreshed the tokens): adopted, and returned. */
  reload(): Session | null {
    const stored = load();
    if (stored?.refreshToken !== current?.refreshToken) publish(stored);
    return current;
  },
  /** A sign-in, or a refresh (same user, new tokens). */
  start(response: LoginResponse): Session {
    const now = Date.now();
    const session: Session = {
      token: response.accessToken,
      user: response.user,
      expiresAt: now + response.expiresIn * 1000,
      refreshToken: response.refreshToken,
      refreshExpiresAt: now + response.refreshExpiresIn * 1000,
    };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    lastEnd = null;
    publish(session);
    return session;
  },
  end(reason: SessionEnd): void {
    if (!current) return;
    localStorage.removeItem(STORAGE_KEY);
    lastEnd = reason;
    publish(null);
  },
  /** How the previous session ended, if it ended in this tab. */
  lastEnd(): SessionEnd | null {
    return lastEnd;
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useSession(): Session | null {
  return useSyncExternalStore(sessionStore.subscribe, () => current);
}
