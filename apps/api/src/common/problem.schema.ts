import { ERROR_CODES } from '@asr-twin/domain';
import { z } from 'zod';
import { apiSchema, describes } from './openapi-schema.js';
import { EDGE_ERROR_CODES, type Problem } from './problem.js';

/** One offending part of the input, as a problem document's `errors[]` lists it. */
export const FIELD_ISSUE = z.object({
  field: z.string().describe('path of the offending value (`routers.3.hostname`), or what was wrong (`body`, `query`)'),
  message: z.string(),
  line: z.number().int().min(1).optional().describe('1-based line in a source text the request carried (a scenario file)'),
  column: z.number().int().min(1).optional().describe('1-based column in that line'),
  code: z.string().optional().describe('a finer, stable code for the issue (`unknown-fault`)'),
});

/** The `application/problem+json` body of every 4xx and 5xx answer (RFC 9457), with a stable `code`. */
export const PROBLEM = describes<Problem>()(
  apiSchema(
    'Problem',
    z
      .object({
        type: z.string().describe('URN of the problem type (`urn:asr-twin:problem:not-found`)'),
        title: z.string().describe("the code's title"),
        status: z.number().int().min(400).max(599).describe('the HTTP status'),
        detail: z.string().describe('what went wrong, for people'),
        code: z.enum([...ERROR_CODES, ...EDGE_ERROR_CODES]).describe('stable error code, for programs'),
        instance: z.string().optional().describe('the request path'),
        errors: z.array(FIELD_ISSUE).optional().describe('every offending field; absent when none is named'),
      })
      .meta({
        description: 'RFC 9457 problem details (application/problem+json) with a stable `code` and the offending fields',
        example: {
          type: 'urn:asr-twin:problem:validation-failed',
          title: 'Validation failed',
          status: 400,
          detail: 'invalid body: name: Too small: expected string to have >=1 characters',
          code: 'VALIDATION_FAILED',
          instance: '/api/v1/fleets',
          errors: [{ field: 'name', message: 'Too small: expected string to have >=1 characters' }],
        },
      }),
  ),
);
