import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';
import { RequireRole } from '../../auth/access.decorators.js';
import { Actor } from '../../auth/actor.decorator.js';
import { ApiOp } from '../../common/api-docs.decorators.js';
import { BULK_ITEM, bulkItemsOf, MAX_BULK_ITEMS, NDJSON } from './bulk-observation-body.js';
import { type BulkObservationResult, BulkObservationService } from './bulk-observation.service.js';

/** Path of the bulk route under the API prefix (its own body limit is set by path). */
export const BULK_OBSERVATIONS_PATH = 'observations';

const COUNT = { type: 'integer', minimum: 0 } as const;

const RESULT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['summary', 'items'],
  properties: {
    summary: {
      type: 'object',
      description: 'items by outcome',
      required: ['items', 'applied', 'unchanged', 'refused', 'unknownRouter'],
      properties: { items: COUNT, applied: COUNT, unchanged: COUNT, refused: COUNT, unknownRouter: COUNT },
    },
    items: {
      type: 'array',
      description: 'one result per item, in the order of the request',
      items: {
        type: 'object',
        required: ['index', 'hostname', 'command', 'outcome'],
        properties: {
          index: { type: 'integer', description: '0-based position of the item in the request' },
          hostname: { type: 'string', nullable: true },
          command: { type: 'string', nullable: true, description: 'the commands found in the output, null when unreadable' },
          outcome: { type: 'string', enum: ['applied', 'unchanged', 'refused', 'unknown-router'] },
          code: { type: 'string', description: 'refused: VALIDATION_FAILED, CONFLICT or INVARIANT_VIOLATION' },
          reason: { type: 'string', description: 'refused and unknown-router: why' },
          changes: {
            type: 'array',
            description: 'applied: every stored field the router\'s update changed (the same list on each item of that router)',
            items: { type: 'object', properties: { entity: { type: 'string' }, key: { type: 'string' }, field: { type: 'string' }, before: {}, after: {} } },
          },
        },
      },
    },
  },
};

@ApiTags('routers')
@Controller()
export class BulkObservationController {
  constructor(private readonly observations: BulkObservationService) {}

  @Post(BULK_OBSERVATIONS_PATH)
  @HttpCode(200)
  @RequireRole('operator')
  @ApiConsumes('application/json', NDJSON)
  @ApiOp({
    summary:
      `Many routers' device output at once: a JSON array of { hostname, command?, output, observedAt? }, or ${NDJSON} with one item per line ` +
      `(up to ${MAX_BULK_ITEMS} items; OBSERVATIONS_BODY_LIMIT bytes). The items of one hostname form one atomic update of that router; ` +
      'a refused item refuses its router (its other items say which item), and never the other routers. Each item answers applied, ' +
      'unchanged, refused (code and reason) or unknown-router. Every observed router records when and from which commands (freshness). ' +
      '413: too many items, an output over 256 KiB, or a body over the limit.',
    body: z.array(BULK_ITEM),
    problems: [400, 413],
  })
  @ApiOkResponse({ description: 'one result per item', schema: RESULT_SCHEMA })
  observe(@Body() body: unknown, @Headers('content-type') contentType: string | undefined, @Actor() actor: string): Promise<BulkObservationResult> {
    return this.observations.observe(bulkItemsOf(body, contentType), actor);
  }
}
