import type { ImportProblem } from '@grid/contracts';
import type { TFunction } from 'i18next';
import { ApiRequestError } from '../../../api/api-request-error';
import { apiErrorText } from '../../../ui/api-error-text';

/** Where an import's words live: its problem codes, and (when it has them) its column and field names. */
export interface ImportWording {
  /** Key prefix of the problem codes, e.g. `peopleAdmin.problem`. */
  problem: string;
  /** Key prefix of the column names a problem may name. */
  column?: string;
  /** Key prefix of the field names a problem may name (`params.field`). */
  field?: string;
}

/** Keys built from what the server sends are not known to the compiler: the default value covers a missing one. */
type Translate = (key: string, options?: Record<string, unknown>) => string;
const loose = (t: TFunction): Translate => t as unknown as Translate;

/** Parameters naming an area level (grid, village …), worded with the `level` keys. */
const LEVEL_PARAMS = new Set(['level', 'parentLevel', 'expected']);

/**
 * A problem in the console's language: its code's wording with its values (a named column, field or level in words
 * too; `params.context` picks a variant), else the server's English message, which API users read.
 */
export function problemText(problem: Pick<ImportProblem, 'code' | 'params' | 'message'>, t: TFunction, wording: ImportWording): string {
  if (!problem.code) return problem.message;
  const say = loose(t);
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(problem.params ?? {})) {
    const prefix = name === 'column' ? wording.column : name === 'field' ? wording.field : LEVEL_PARAMS.has(name) ? 'level' : undefined;
    params[name] = prefix && typeof value === 'string' && value ? say(`${prefix}.${value}`, { defaultValue: value }) : value;
  }
  return say(`${wording.problem}.${problem.code}`, { ...params, defaultValue: problem.message });
}

/** A column's name in words, as the import's file heads it. */
export function columnText(column: string | undefined, t: TFunction, wording: ImportWording): string {
  if (!column) return '';
  return wording.column ? loose(t)(`${wording.column}.${column}`, { defaultValue: column }) : column;
}

/** An upload refused as a whole (400 or 413 with a `reason`): worded in the console's language; other errors as usual. */
export function importErrorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiRequestError && error.status < 500 && error.body?.reason) {
    return loose(t)(`imports.fileProblem.${error.body.reason}`, { ...error.body.params, defaultValue: apiErrorText(error, t) });
  }
  return apiErrorText(error, t);
}

const MB = 1024 * 1024;

/** Refuses a file over the server's limit before it is sent (an upload of hundreds of MB would only be cut off). */
export function oversizeText(file: Pick<File, 'name' | 'size'> | null, limitBytes: number, t: TFunction): string | null {
  if (!file || file.size <= limitBytes) return null;
  return t('imports.tooLarge', { name: file.name, sizeMb: (file.size / MB).toFixed(1), limitMb: Math.round(limitBytes / MB) });
}
