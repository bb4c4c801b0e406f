/**
 * GET requests the page starts before the app's code has arrived (early-start.ts), handed to the code
 * that would have made them. Each is taken once, and only while fresh: a late taker asks again itself.
 */
const FRESH_MS = 30_000;
const started = new Map<string, { at: number; response: Promise<Response> }>();
let worker: Worker | null = null;

export function startEarly(path: string, token: string): void {
  const response = fetch(path, { headers: { Authorization: `Bearer ${token}` } });
  response.catch(() => undefined);
  started.set(path, { at: Date.now(), response });
}

/** The early response for `path` (any status: the taker decides), or null. */
export function takeEarly(path: string): Promise<Response> | null {
  const early = started.get(path);
  started.delete(path);
  return early && Date.now() - early.at < FRESH_MS ? early.response : null;
}

export function keepEarlyWorker(w: Worker): void {
  worker = w;
}

export function takeEarlyWorker(): Worker | null {
  const w = worker;
  worker = null;
  return w;
}

/** `take`'s early response read by `read` when it succeeded, else the request made anew by `again`. */
export function adoptEarly<T>(early: Promise<Response> | null, read: (response: Response) => Promise<T>, again: () => Promise<T>): Promise<T> {
  if (!early) return again();
  return early.then((response) => (response.ok ? read(response) : again())).catch(again);
}
