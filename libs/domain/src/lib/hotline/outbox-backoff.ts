/**
 * Delay before the next attempt of an outbox message after `attempts` failures: doubling from `baseMs`, capped at
 * `maxMs`, less up to a fifth at random (`jitter` in [0, 1)) so that messages failing together spread out.
 */
export function outboxBackoffMs(attempts: number, baseMs: number, maxMs: number, jitter = 0): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const delay = Math.min(baseMs * 2 ** exponent, maxMs);
  return Math.round(delay * (1 - 0.2 * Math.min(Math.max(jitter, 0), 0.999)));
}
