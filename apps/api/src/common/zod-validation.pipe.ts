import { Injectable, PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { invalid } from './app-error';

/** Deeper JSON than any request of ours needs is refused before a schema walks it. */
export const MAX_INPUT_DEPTH = 16;
/** Text PostgreSQL cannot store (NUL) or that is not Unicode at all (a lone surrogate half). */
// eslint-disable-next-line no-control-regex -- finding the NUL character is the point
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Validates a body or query with a zod schema from @grid/contracts; answers 400 with field-level messages. */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const unsafe = findUnsafeInput(value ?? {});
    if (unsafe) throw invalid('invalid request', { [unsafe.path || '(body)']: unsafe.message });
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const fields: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const key = issue.path.length ? issue.path.join('.') : '(body)';
      fields[key] ??= issue.message;
    }
    throw invalid('invalid request', fields);
  }
}

/**
 * The first string (value or key) no schema should be asked to judge: one with a NUL character or a
 * broken surrogate pair, or a structure nested deeper than MAX_INPUT_DEPTH. Schemas check meaning;
 * this checks that the input is text and a tree of sane depth at all.
 */
export function findUnsafeInput(value: unknown, path = '', depth = 0): { path: string; message: string } | null {
  if (typeof value === 'string') return UNSTORABLE_TEXT.test(value) ? { path, message: 'contains a NUL character or invalid Unicode' } : null;
  if (typeof value !== 'object' || value === null) return null;
  if (depth >= MAX_INPUT_DEPTH) return { path, message: `nested deeper than ${MAX_INPUT_DEPTH} levels` };
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (UNSTORABLE_TEXT.test(key)) return { path: at, message: 'the field name contains a NUL character or invalid Unicode' };
    const found = findUnsafeInput(child, at, depth + 1);
    if (found) return found;
  }
  return null;
}
