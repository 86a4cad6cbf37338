import type { ErrorCode } from '@asr-twin/domain';
import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiResponse, type SchemaObject } from '@nestjs/swagger';
import type { z } from 'zod';
import { openApiQuery, openApiSchema, schemaRef } from './openapi-schema.js';
import { type EdgeErrorCode, problem, PROBLEM_CONTENT_TYPE } from './problem.js';
import { PROBLEM } from './problem.schema.js';

/**
 * A success answer of an operation: a JSON body of a named schema (`schema`, see `apiSchema`), a body of another
 * media type (`media`, e.g. `text/plain` or `application/xml` with a string schema), or none (204).
 */
export interface ApiAnswer {
  readonly status: number;
  readonly description: string;
  /** The JSON body, a schema named with `apiSchema` (documented as a `$ref`). */
  readonly schema?: z.ZodType;
  /** Bodies of other media types, by media type. */
  readonly media?: Readonly<Record<string, SchemaObject>>;
  /** An example of the JSON body; the named schema's own example otherwise. */
  readonly example?: unknown;
}

/** What each problem status means on an operation, and the code its example carries. */
const PROBLEMS: Readonly<Record<number, { readonly code: ErrorCode | EdgeErrorCode; readonly description: string; readonly detail: string }>> = {
  400: {
    code: 'VALIDATION_FAILED',
    description: 'VALIDATION_FAILED (every offending field in errors[]) or MALFORMED_REQUEST (unreadable body)',
    detail: 'invalid query: limit: Too big: expected number to be <=1000',
  },
  401: { code: 'UNAUTHENTICATED', description: 'UNAUTHENTICATED: no API key, or a malformed, unknown or revoked one', detail: 'an API key is required' },
  403: {
    code: 'FORBIDDEN',
    description: "FORBIDDEN: the key's role is weaker than the operation needs (x-required-role)",
    detail: 'this operation needs the operator role',
  },
  404: { code: 'NOT_FOUND', description: 'NOT_FOUND: no such resource', detail: 'router ams-edge-99 not found' },
  409: {
    code: 'CONFLICT',
    description: 'CONFLICT, PRECONDITION_FAILED, INVARIANT_VIOLATION or SWITCHOVER_REFUSED: the state forbids it now',
    detail: 'a fleet named lab already exists',
  },
  413: {
    code: 'PAYLOAD_TOO_LARGE',
    description: 'PAYLOAD_TOO_LARGE: the body (or an item in it) is over its limit',
    detail: 'the request body is larger than 1048576 bytes',
  },
  415: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    description: 'UNSUPPORTED_MEDIA_TYPE: the body is of a type the operation does not take',
    detail: 'this operation takes a body of type application/json; got text/csv',
  },
  422: {
    code: 'PARSE_TIME_LIMIT',
    description: 'PARSE_TIME_LIMIT or PARSE_MEMORY_LIMIT: the text is too costly to parse',
    detail: 'the source took longer than 2000 ms to parse and was abandoned (PARSE_TIME_LIMIT_MS); simplify it or split it',
  },
  429: { code: 'RATE_LIMITED', description: 'RATE_LIMITED: too many requests; see Retry-After', detail: 'rate limit exceeded, retry in 60 seconds' },
  503: {
    code: 'SERVICE_UNAVAILABLE',
    description: 'SERVICE_UNAVAILABLE: PostgreSQL or Redis cannot be reached now (or the parsers are busy); see Retry-After',
    detail: 'a dependency is unavailable; retry later',
  },
};

/** The documented problem answer of `status`: its meaning, the `Problem` schema and an example with its code. */
export function problemAnswer(status: number): { description: string; content: Record<string, { schema: object; example: unknown }> } {
  const known = PROBLEMS[status];
  if (known === undefined) throw new Error(`no problem description for status ${status}`);
  const example = problem(known.code, status, known.detail);
  return { description: known.description, content: { [PROBLEM_CONTENT_TYPE]: { schema: schemaRef(PROBLEM), example } } };
}

/** {@link problemAnswer} as an `@ApiResponse`, optionally with a description of its own. */
export function problemResponse(status: number, description?: string): MethodDecorator & ClassDecorator {
  const answer = problemAnswer(status);
  return ApiResponse({ status, ...answer, description: description ?? answer.description });
}

/** The success answer as an `@ApiResponse`. */
function answerResponse(answer: ApiAnswer): MethodDecorator {
  const content: Record<string, object> = {};
  if (answer.schema) content['application/json'] = { schema: schemaRef(answer.schema), ...(answer.example === undefined ? {} : { example: answer.example }) };
  for (const [type, schema] of Object.entries(answer.media ?? {})) content[type] = { schema };
  return ApiResponse({ status: answer.status, description: answer.description, ...(Object.keys(content).length > 0 ? { content } : {}) });
}

/**
 * Documents an operation: its zod-validated body and query, its success answer (`ok`, a named schema) and the
 * problem answers it can give (`problems`; 400 when omitted). The access decorators add 401/403/429, and the
 * document's post-processing adds 503 and the body errors (see `completeResponses`).
 */
export function ApiOp(options: { summary: string; ok: ApiAnswer; body?: z.ZodType; query?: z.ZodObject; problems?: readonly number[] }): MethodDecorator {
  const decorators = [ApiOperation({ summary: options.summary }), answerResponse(options.ok)];
  if (options.body) decorators.push(ApiBody({ schema: openApiSchema(options.body) }));
  for (const q of options.query ? openApiQuery(options.query) : []) decorators.push(ApiQuery(q));
  for (const status of options.problems ?? [400]) decorators.push(problemResponse(status));
  return applyDecorators(...decorators);
}
