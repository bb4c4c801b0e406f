/**
 * Failed sign-ins are counted per account *and* source address: whoever guesses from one address slows
 * down and then locks only that address's way into the account, and the owner still signs in from
 * theirs (a lock per account alone let anyone lock anyone out).
 */

/** Failures in a row from one source that lock the account for that source, and for how long. */
export const LOGIN_LOCK_THRESHOLD = 5;
export const LOGIN_LOCK_MS = 15 * 60_000;
/** A failure older than this no longer counts (a mistyped password last week is forgotten). */
export const LOGIN_FAILURE_MEMORY_MS = 15 * 60_000;

/** What is remembered of one account's failures from one source. */
export interface LoginFailureState {
  failures: number;
  lastFailedAt: Date;
  /** Not before this may the next attempt be checked (the progressive slow-down). */
  nextAttemptAt: Date;
  lockedUntil: Date | null;
}

export type LoginGate = { allowed: true } | { allowed: false; reason: 'locked'; until: Date } | { allowed: false; reason: 'slowed'; retryAfterMs: number };

/**
 * The wait before the attempt that follows the `failures`th failure: none after the first (a typo),
 * then 1, 2, 4 s… doubling, so guessing slows down long before the lock.
 */
export function retryDelayMs(failures: number): number {
  return failures < 2 ? 0 : 1000 * 2 ** (failures - 2);
}

/** May an attempt from this source be checked now? */
export function loginGate(state: LoginFailureState | null, now: Date): LoginGate {
  if (!state) return { allowed: true };
  if (state.lockedUntil && state.lockedUntil > now) return { allowed: false, reason: 'locked', until: state.lockedUntil };
  if (!state.lockedUntil && state.nextAttemptAt > now) return { allowed: false, reason: 'slowed', retryAfterMs: state.nextAttemptAt.getTime() - now.getTime() };
  return { allowed: true };
}

/** The state after one more failure; the one that reaches the threshold locks and restarts the count. */
export function afterLoginFailure(state: LoginFailureState | null, now: Date): LoginFailureState & { locked: boolean } {
  const stale = !state || state.lockedUntil !== null || now.getTime() - state.lastFailedAt.getTime() > LOGIN_FAILURE_MEMORY_MS;
  const failures = stale ? 1 : state.failures + 1;
  if (failures >= LOGIN_LOCK_THRESHOLD) return { failures: 0, lastFailedAt: now, nextAttemptAt: now, lockedUntil: new Date(now.getTime() + LOGIN_LOCK_MS), locked: true };
  return { failures, lastFailedAt: now, nextAttemptAt: new Date(now.getTime() + retryDelayMs(failures)), lockedUntil: null, locked: false };
}

/**
 * The source an attempt is counted under: an IPv4 address (also when written as IPv4-mapped IPv6), or an
 * IPv6 address's /64, which one subscriber usually holds whole (counting single IPv6 addresses would let
 * one attacker rotate through billions of them).
 */
export function loginSourceOf(ip: string | null | undefined): string {
  if (!ip) return 'unknown';
  const address = ip.split('%')[0].toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(':')) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

/** The eight groups of an IPv6 address (without leading zeros), or null if it is not one. */
function expandIpv6(address: string): string[] | null {
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const part = (text: string) => (text ? text.split(':') : []);
  const head = part(halves[0]);
  const tail = halves.length === 2 ? part(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}
