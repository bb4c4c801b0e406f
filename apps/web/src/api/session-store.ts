import type { LoginResponse, SessionUser } from '@grid/contracts';
import { ROLES } from '@grid/contracts';
import { useSyncExternalStore } from 'react';

export interface Session {
  token: string;
  user: SessionUser;
  /** Epoch milliseconds after which the token is no longer accepted. */
  expiresAt: number;
}

/** Why the last session ended, so the login page can say it. */
export type SessionEnd = 'logout' | 'expired';

const STORAGE_KEY = 'grid.session';

function isSession(value: unknown): value is Session {
  const s = value as Partial<Session> | null;
  return (
    typeof s?.token === 'string' &&
    typeof s.expiresAt === 'number' &&
    typeof s.user?.id === 'string' &&
    (ROLES as readonly string[]).includes(s.user.role)
  );
}

function load(): Session | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    return isSession(parsed) && parsed.expiresAt > Date.now() ? parsed : null;
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
  get(): Session | null {
    if (current && current.expiresAt <= Date.now()) sessionStore.end('expired');
    return current;
  },
  start(response: LoginResponse): Session {
    const session: Session = { token: response.accessToken, user: response.user, expiresAt: Date.now() + response.expiresIn * 1000 };
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
