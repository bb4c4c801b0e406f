import { accept, refuse, type Outcome } from '../../shared/refusal.types';

/** The note with surrounding blanks removed; undefined when absent or blank. */
export function cleanNote(note: string | undefined): string | undefined {
  const trimmed = note?.trim();
  return trimmed ? trimmed : undefined;
}

/** A reason, result or other text the action cannot do without. */
export function requireNote(note: string | undefined, what: string): Outcome<string> {
  const clean = cleanNote(note);
  return clean === undefined ? refuse('missing_field', `${what} is required`, 'note') : accept(clean);
}

/** A satisfaction score: a whole number from 1 to 5. */
export function requireScore(score: number | undefined, field = 'score'): Outcome<number> {
  if (score === undefined || score === null) return refuse('missing_field', 'a score from 1 to 5 is required', field);
  return Number.isInteger(score) && score >= 1 && score <= 5 ? accept(score) : refuse('invalid_field', 'the score must be a whole number from 1 to 5', field);
}

/** Positive finite hours. */
export function requireHours(hours: number | undefined, field: string): Outcome<number> {
  if (hours === undefined || hours === null) return refuse('missing_field', 'a number of hours is required', field);
  return Number.isFinite(hours) && hours > 0 ? accept(hours) : refuse('invalid_field', 'hours must be a positive number', field);
}
