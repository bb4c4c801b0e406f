import { Injectable, PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { invalid } from './app-error';

/** Validates a body or query with a zod schema from @grid/contracts; answers 400 with field-level messages. */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
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
