import type { SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/** The OpenAPI form of a request schema, so `/docs` documents exactly what the validation accepts. */
export function openApiSchema(schema: z.ZodType): SchemaObject {
  return z.toJSONSchema(schema, { io: 'input', target: 'openapi-3.0', unrepresentable: 'any' }) as SchemaObject;
}

/** Query parameters of a strict object schema, for `@ApiQuery`. */
export function openApiQuery(schema: z.ZodObject): { name: string; required: boolean; schema: SchemaObject }[] {
  const json = openApiSchema(schema);
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    required: required.has(name),
    schema: s as SchemaObject,
  }));
}

export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'RFC 9457 problem details (application/problem+json)',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'stable error code' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};
