import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiDefaultResponse, ApiProduces, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { apiErrorSchema } from '@grid/contracts';
import { z } from 'zod';

/**
 * What an operation takes and answers, as the zod contracts of @grid/contracts say (docs/openapi.md).
 * The same schemas validate the request (ZodValidationPipe) and type the answer, so the OpenAPI document
 * cannot drift from what the API does.
 */
export interface ApiContractOptions {
  /** The JSON body the operation validates. */
  body?: z.ZodType;
  /** A multipart upload: the file's field name and the other fields' schema. */
  upload?: { file: string; fields: z.ZodType };
  /** The query the operation validates: an object schema, one parameter per field. */
  query?: z.ZodType;
  /** The JSON answer. Leave out for an answer without a body (then give `status`, e.g. 204). */
  response?: z.ZodType;
  /** A non-JSON answer: media type → schema (a file, text, or a format of its own such as Open311's). */
  produces?: Record<string, SchemaObject>;
  /** The success status (default 200; Nest answers a POST with 201 unless @HttpCode says otherwise). */
  status?: number;
  /** What the success answer is, in a few words. */
  description?: string;
}

/** Named schemas (`.meta({ id })`) the contracts have been converted with, for components.schemas. */
const components = new Map<string, SchemaObject>();

/**
 * What zod writes that OpenAPI 3.0 reads otherwise: a record with enum keys (`required` keys beside
 * `additionalProperties`) becomes those properties; a nullable union of objects, or a nullable named object, gets its `type`.
 */
function toOpenApi30(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toOpenApi30);
  if (node === null || typeof node !== 'object') return node;
  const schema = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, toOpenApi30(value)])) as Record<string, unknown>;
  const { required, properties, additionalProperties } = schema as { required?: string[]; properties?: object; additionalProperties?: unknown };
  if (Array.isArray(required) && !properties && typeof additionalProperties === 'object') {
    schema['properties'] = Object.fromEntries(required.map((key) => [key, additionalProperties]));
    schema['additionalProperties'] = false;
  }
  if (schema['nullable'] === true && schema['type'] === undefined && Array.isArray(schema['anyOf'] ?? schema['oneOf'] ?? schema['allOf'])) {
    const variants = (schema['anyOf'] ?? schema['oneOf'] ?? schema['allOf']) as Array<Record<string, unknown>>;
    if (variants.every((variant) => variant['type'] === 'object' || variant['$ref'])) schema['type'] = 'object';
  }
  return schema;
}

/** The OpenAPI 3.0 schema of a zod schema; the named schemas inside it become $refs to components.schemas. */
export function openApiSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'output'): SchemaObject | ReferenceObject {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;
  const { definitions, ...rest } = toOpenApi30(JSON.parse(JSON.stringify(json).replaceAll('"#/definitions/', '"#/components/schemas/'))) as {
    definitions?: Record<string, SchemaObject>;
  } & Record<string, unknown>;
  for (const [id, definition] of Object.entries(definitions ?? {})) {
    const known = components.get(id);
    if (known && JSON.stringify(known) !== JSON.stringify(definition)) {
      throw new Error(`openapi: two different schemas are named ${id} (a request and a response side of one zod schema?)`);
    }
    components.set(id, definition);
  }
  delete rest['$schema'];
  return rest as SchemaObject;
}

/** Adds the named schemas the operations refer to; call on the document SwaggerModule built. */
export function withContractSchemas(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ...Object.fromEntries([...components].sort(([a], [b]) => a.localeCompare(b))) };
  return document;
}

function queryParameters(query: z.ZodType): MethodDecorator[] {
  const json = openApiSchemaOf(query, 'input') as SchemaObject;
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, schema]) =>
    ApiQuery({ name, required: required.has(name), schema, description: (schema as SchemaObject).description }),
  );
}

function uploadSchema(upload: NonNullable<ApiContractOptions['upload']>): SchemaObject {
  const fields = openApiSchemaOf(upload.fields, 'input') as SchemaObject;
  return {
    type: 'object',
    properties: { [upload.file]: { type: 'string', format: 'binary' }, ...fields.properties },
    required: [upload.file, ...(fields.required ?? [])],
  };
}

/** Registers an operation's request and response schemas from the zod contracts with @nestjs/swagger. */
export function ApiContract(options: ApiContractOptions): MethodDecorator {
  const status = options.status ?? 200;
  const decorators: MethodDecorator[] = [];
  if (options.body) decorators.push(ApiBody({ schema: openApiSchemaOf(options.body, 'input') }));
  if (options.upload) decorators.push(ApiConsumes('multipart/form-data'), ApiBody({ schema: uploadSchema(options.upload) }));
  if (options.query) decorators.push(...queryParameters(options.query));
  if (options.response) {
    decorators.push(ApiResponse({ status, description: options.description ?? 'OK', schema: openApiSchemaOf(options.response) }));
  } else if (options.produces) {
    decorators.push(ApiProduces(...Object.keys(options.produces)));
    decorators.push(
      ApiResponse({
        status,
        description: options.description ?? 'OK',
        content: Object.fromEntries(Object.entries(options.produces).map(([type, schema]) => [type, { schema }])),
      }),
    );
  } else {
    decorators.push(ApiResponse({ status, description: options.description ?? 'No content' }));
  }
  if (options.body || options.query || options.upload) decorators.push(ApiResponse({ status: 400, description: 'Invalid input: `fields` names each field and what is wrong with it', schema: openApiSchemaOf(apiErrorSchema) }));
  decorators.push(ApiDefaultResponse({ description: 'An error (401 no or expired token, 403 not allowed, 404 not found, 409 conflict, 429 too many requests…)', schema: openApiSchemaOf(apiErrorSchema) }));
  return applyDecorators(...decorators);
}
