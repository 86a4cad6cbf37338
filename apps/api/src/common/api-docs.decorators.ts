import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import { openApiQuery, openApiSchema, PROBLEM_SCHEMA } from './openapi-schema.js';

/** Documents an operation with its zod-validated body and query, and the problem responses it can give. */
export function ApiOp(options: {
  summary: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  problems?: readonly number[];
}): MethodDecorator {
  const decorators = [ApiOperation({ summary: options.summary })];
  if (options.body) decorators.push(ApiBody({ schema: openApiSchema(options.body) }));
  for (const q of options.query ? openApiQuery(options.query) : []) decorators.push(ApiQuery(q));
  for (const status of options.problems ?? [400]) {
    decorators.push(ApiResponse({ status, description: 'problem', content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } } }));
  }
  return applyDecorators(...decorators);
}
