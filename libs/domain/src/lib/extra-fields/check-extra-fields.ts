import type { CategoryExtraField, ExtraFieldValues } from '@grid/contracts';
import { accept, refuse, type Outcome } from '../shared/refusal.types';

const MAX_VALUE_LENGTH = 500;
const NUMBER = /^-?\d+(\.\d+)?$/;
/** W3C date-time with a zone, as Open311 and our API write times. */
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A field named in a refusal: Open311's `attribute[CODE]` by default; each channel may name it its own way. */
const OPEN311_FIELD_NAME = (code: string) => `attribute[${code}]`;

/**
 * Checks the values given for a category's extra fields: every required field present, each value of
 * its type (a number, a date-time, a key of the list), no field the category does not have. Answers
 * the values cleaned (trimmed, empty ones dropped, a multiple list as an array in the list's order).
 */
export function checkExtraFields(fields: readonly CategoryExtraField[], given: ExtraFieldValues, fieldName: (code: string) => string = OPEN311_FIELD_NAME): Outcome<ExtraFieldValues> {
  const known = new Map(fields.map((f) => [f.code, f]));
  const unknown = Object.keys(given).find((code) => !known.has(code));
  if (unknown !== undefined) return refuse('invalid_field', `the category has no field ${unknown}`, fieldName(unknown));
  const cleaned: ExtraFieldValues = {};
  for (const field of fields) {
    const raw = given[field.code];
    const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((v) => v.trim()).filter((v) => v !== '');
    if (!values.length) {
      if (field.required) return refuse('missing_field', `${field.name} is required`, fieldName(field.code));
      continue;
    }
    if (values.length > 1 && field.type !== 'multivaluelist') return refuse('invalid_field', `${field.name} takes one value`, fieldName(field.code));
    const wrong = values.find((v) => !fitsType(field, v));
    if (wrong !== undefined) return refuse('invalid_field', `${field.name}: "${wrong}" is not ${expectation(field)}`, fieldName(field.code));
    if (field.type === 'multivaluelist') {
      const keys = new Set(values);
      cleaned[field.code] = (field.options ?? []).map((o) => o.key).filter((k) => keys.has(k));
    } else cleaned[field.code] = values[0];
  }
  return accept(cleaned);
}

function fitsType(field: CategoryExtraField, value: string): boolean {
  if (value.length > MAX_VALUE_LENGTH) return false;
  switch (field.type) {
    case 'number':
      return NUMBER.test(value);
    case 'datetime':
      return DATETIME.test(value) && !Number.isNaN(Date.parse(value));
    case 'singlevaluelist':
    case 'multivaluelist':
      return (field.options ?? []).some((o) => o.key === value);
    case 'string':
    case 'text':
      return true;
  }
}

function expectation(field: CategoryExtraField): string {
  if (field.type === 'number') return 'a number';
  if (field.type === 'datetime') return 'a date and time with its zone';
  if (field.type === 'singlevaluelist' || field.type === 'multivaluelist') return `one of ${(field.options ?? []).map((o) => o.key).join(', ')}`;
  return `at most ${MAX_VALUE_LENGTH} characters`;
}

/** The values as readable lines (`名称：选项`), in the category's field order, for the case description. */
export function describeExtraFields(fields: readonly CategoryExtraField[], values: ExtraFieldValues): string[] {
  return fields.flatMap((field) => {
    const value = values[field.code];
    if (value === undefined) return [];
    const names = (Array.isArray(value) ? value : [value]).map((v) => field.options?.find((o) => o.key === v)?.name ?? v);
    return [`${field.name}：${names.join('、')}`];
  });
}

/** A report's description with the answers below it, one line each (`名称：选项`): what every channel stores. */
export function describeWithExtraFields(description: string, fields: readonly CategoryExtraField[], values: ExtraFieldValues): string {
  return [description, ...describeExtraFields(fields, values)].filter(Boolean).join('\n');
}
