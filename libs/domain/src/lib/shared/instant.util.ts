/**
 * Instants are ISO-8601 strings in UTC (`2026-11-23T01:30:00.000Z`) everywhere in the domain: they
 * survive JSON (the API keeps the projected state as jsonb) and compare as in the contracts.
 */
export type Instant = string;

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;

/** Milliseconds since the epoch; throws on a string that is not a date (a programming error). */
export function toMs(instant: Instant): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${instant}`);
  return ms;
}

export function toInstant(ms: number): Instant {
  return new Date(ms).toISOString();
}

export function hoursToMs(hours: number): number {
  return Math.round(hours * MS_PER_HOUR);
}
