import i18next, { type TFunction } from 'i18next';
import type { z } from 'zod';

/**
 * One mapping from a refused field to words for the user, for the API's 400 bodies (`fields`: path → the
 * schema's or the domain's English message) and for our own checks with the same zod schemas before sending.
 * The message names the field in the user's language and says what is wrong, never the schema's text.
 */
export type ProblemKind = 'required' | 'chooseOne' | 'tooLong' | 'tooSmall' | 'tooLarge' | 'invalid';

/** The fields users can get wrong, by path with array indexes left out (`departments.0.handleHours` → `departments.handleHours`). */
const FIELD_KEYS = {
  note: 'note',
  result: 'result',
  departments: 'departments',
  'departments.reportInHours': 'reportInHours',
  'departments.handleHours': 'handleHours',
  'departments.departmentId': 'department',
  departmentId: 'department',
  whistleKind: 'whistleKind',
  hours: 'hours',
  score: 'score',
  unit: 'unit',
  assigneeId: 'assignee',
  mainCaseId: 'mainCase',
  categoryCode: 'category',
  description: 'description',
  location: 'location',
  address: 'address',
  reporter: 'reporter',
  'reporter.name': 'reporterName',
  'reporter.phone': 'reporterPhone',
  extraFields: 'extraFields',
  reason: 'reason',
  photoIds: 'photos',
  // A device (the sensors console).
  code: 'deviceCode',
  kind: 'deviceKind',
  departmentCode: 'department',
} as const;
type FieldKey = (typeof FIELD_KEYS)[keyof typeof FIELD_KEYS];

function fieldKeyOf(path: string): FieldKey | null {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p));
  for (let n = parts.length; n > 0; n--) {
    const key = FIELD_KEYS[parts.slice(0, n).join('.') as keyof typeof FIELD_KEYS];
    if (key) return key;
  }
  return null;
}

/** The kind of problem a zod v4 message (as the API sends it) or a domain refusal describes. */
export function problemKindOfMessage(message: string, reason?: string): ProblemKind {
  if (reason === 'missing_field' || /received undefined|is required|required$/i.test(message)) return 'required';
  if (/^Too small: expected (array|set)/.test(message)) return 'chooseOne';
  if (/^Too small: expected string/.test(message)) return 'required';
  if (/^Too big: expected (string|array)/.test(message)) return 'tooLong';
  if (/^Too small/.test(message)) return 'tooSmall';
  if (/^Too big/.test(message)) return 'tooLarge';
  return 'invalid';
}

/** The kind of problem of one of our own zod checks. */
export function problemKindOfIssue(issue: z.core.$ZodIssue): ProblemKind {
  if (issue.code === 'invalid_type') return /received undefined/.test(issue.message) ? 'required' : 'invalid';
  if (issue.code === 'too_small') return issue.origin === 'array' || issue.origin === 'set' ? 'chooseOne' : issue.origin === 'string' ? 'required' : 'tooSmall';
  if (issue.code === 'too_big') return issue.origin === 'string' || issue.origin === 'array' ? 'tooLong' : 'tooLarge';
  return 'invalid';
}

/** "处置结果不能为空。" / "Choose at least one department." — `label` names the field where the form calls it otherwise. */
export function problemText(path: string, kind: ProblemKind, t: TFunction, label?: string): string {
  const key = fieldKeyOf(path);
  const field = label ?? (key ? t(`problems.fields.${key}`) : t('problems.fields.other'));
  return t(`problems.${kind}`, { field });
}

/** Problems by path of our own zod check. */
export function issueProblems(issues: readonly z.core.$ZodIssue[], t: TFunction, labels: Record<string, string> = {}): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || 'form';
    problems[path] ??= problemText(path, problemKindOfIssue(issue), t, labels[path]);
  }
  return problems;
}

/** Problems by path of the API's field-level answer, in the user's language. */
export function bodyProblems(fields: Record<string, string>, reason: string | undefined, t: TFunction = i18next.t): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([path, message]) => [path, problemText(path, problemKindOfMessage(message, reason), t)]));
}

/** Drops the problems of `path` and of everything under it (the user changed that field). */
export function withoutProblems(problems: Record<string, string>, ...paths: string[]): Record<string, string> {
  const kept = Object.entries(problems).filter(([key]) => !paths.some((path) => key === path || key.startsWith(`${path}.`)));
  return kept.length === Object.keys(problems).length ? problems : Object.fromEntries(kept);
}
