/**
 * The page's first script, a few hundred bytes that run before the app's code has arrived (half a megabyte
 * to fetch and start: a few hundred milliseconds, more on a busy machine). On the wall (/command) of a
 * signed-in user it starts the two large requests and the map worker at once; the app adopts them
 * (early-requests.ts). Anything unusual (no session, a token about to expire, another page) leaves it all
 * to the app, which then makes the same requests itself.
 */
import { keepEarlyWorker, startEarly } from './api/early-requests';
import { SESSION_KEY } from './api/session-key';
import { CASE_MAP_PATH, createMapWorker, GRID_OUTLINES_PATH } from './features/command-map/hooks/map-worker';

function storedToken(): string | null {
  try {
    const session = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as { token?: unknown; expiresAt?: unknown } | null;
    // A token that ends within a minute is renewed by the app first: leave the requests to it.
    return typeof session?.token === 'string' && typeof session.expiresAt === 'number' && session.expiresAt - Date.now() > 60_000 ? session.token : null;
  } catch {
    return null;
  }
}

if (window.location.pathname === '/command') {
  const token = storedToken();
  if (token) {
    startEarly(GRID_OUTLINES_PATH, token);
    startEarly(CASE_MAP_PATH, token);
    keepEarlyWorker(createMapWorker());
  }
}
