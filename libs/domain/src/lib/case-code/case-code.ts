import type { LocalDate } from '../calendar/work-calendar.types';

/** A case code's parts: `HK20261123-0042` is prefix HK, local date 2026-11-23, sequence 42. */
export interface CaseCodeParts {
  prefix: string;
  localDate: LocalDate;
  sequence: number;
}

const PREFIX = /^[A-Z]{1,8}$/;
const CODE = /^([A-Z]{1,8})(\d{4})(\d{2})(\d{2})-(\d{4,})$/;

function isRealDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/**
 * The human-readable code of a case: prefix, the local date of its report (Asia/Shanghai: see
 * `localDateOf`) and the day's sequence, at least four digits. Throws on parts no code can hold.
 */
export function formatCaseCode(prefix: string, localDate: LocalDate, sequence: number): string {
  if (!PREFIX.test(prefix)) throw new RangeError(`a case code prefix is 1–8 capital letters, got ${prefix}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(localDate) || !isRealDate(localDate)) throw new RangeError(`not a date YYYY-MM-DD: ${localDate}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`a sequence is a whole number from 1, got ${sequence}`);
  return `${prefix}${localDate.replaceAll('-', '')}-${String(sequence).padStart(4, '0')}`;
}

/** The parts of a case code, or null when the text is not one. */
export function parseCaseCode(code: string): CaseCodeParts | null {
  const match = CODE.exec(code.trim().toUpperCase());
  if (!match) return null;
  const [, prefix, year, month, day, digits] = match;
  const localDate = `${year}-${month}-${day}`;
  const sequence = Number(digits);
  if (!isRealDate(localDate) || !Number.isSafeInteger(sequence) || sequence < 1) return null;
  return { prefix, localDate, sequence };
}
