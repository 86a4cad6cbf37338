import { ERROR_CODES } from '@asr-twin/domain';
import { z } from 'zod';
import { apiSchema, describes } from '../../common/openapi-schema.js';
import { FIELD_CHANGE } from '../../common/response-schemas.js';
import { ROUTER_TREE } from '../router.views.js';
import type { BulkObservationResult } from './bulk-observation.service.js';
import type { ObservationResult } from './observation.service.js';

/** The answer of an observation: the router's tree after it, and every changed field. */
export const OBSERVATION_RESULT = describes<ObservationResult>()(
  apiSchema(
    'ObservationResult',
    z
      .object({
        router: ROUTER_TREE,
        changes: z.array(FIELD_CHANGE).describe('every stored field the observation changed (empty: nothing was written)'),
      })
      .meta({ description: 'the router after the observation, and the changes' }),
  ),
);

const COUNT = z.number().int().min(0);

/** The answer of a bulk observation: the counts, and one result per item in the order of the request. */
export const BULK_OBSERVATION_RESULT = describes<BulkObservationResult>()(
  apiSchema(
    'BulkObservationResult',
    z
      .object({
        summary: z.object({ items: COUNT, applied: COUNT, unchanged: COUNT, refused: COUNT, unknownRouter: COUNT }).describe('items by outcome'),
        items: z
          .array(
            z.object({
              index: z.number().int().min(0).describe('0-based position of the item in the request'),
              hostname: z.string().nullable(),
              command: z.string().nullable().describe('the commands found in the output; null when unreadable'),
              outcome: z.enum(['applied', 'unchanged', 'refused', 'unknown-router']),
              code: z.enum(ERROR_CODES).optional().describe('refused: VALIDATION_FAILED, CONFLICT or INVARIANT_VIOLATION'),
              reason: z.string().optional().describe('refused and unknown-router: why'),
              changes: z.array(FIELD_CHANGE).optional().describe("applied: every stored field the router's update changed"),
            }),
          )
          .describe('one result per item, in the order of the request'),
      })
      .meta({ description: 'the outcome of each item of a bulk observation' }),
  ),
);
