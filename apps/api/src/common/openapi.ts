import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

/** The OpenAPI schema of a contracts zod schema, so /api/docs shows what the API validates. */
export function jsonSchemaOf(schema: z.ZodType): SchemaObject {
  const json: Record<string, unknown> = { ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) };
  delete json['$schema'];
  return json as SchemaObject;
}
