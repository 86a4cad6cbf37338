import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RequireRole } from '../../auth/access.decorators.js';
import { Actor } from '../../auth/actor.decorator.js';
import { ApiOp } from '../../common/api-docs.decorators.js';
import { BULK_ITEM, bulkItemsOf, MAX_BULK_ITEMS, NDJSON } from './bulk-observation-body.js';
import { type BulkObservationResult, BulkObservationService } from './bulk-observation.service.js';
import { BULK_OBSERVATION_RESULT } from './observation.views.js';

/** Path of the bulk route under the API prefix (its own body limit is set by path). */
export const BULK_OBSERVATIONS_PATH = 'observations';

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
    ok: { status: 200, description: 'one result per item', schema: BULK_OBSERVATION_RESULT },
    body: z.array(BULK_ITEM),
    problems: [400, 413, 415, 422],
  })
  observe(@Body() body: unknown, @Headers('content-type') contentType: string | undefined, @Actor() actor: string): Promise<BulkObservationResult> {
    return this.observations.observe(bulkItemsOf(body, contentType), actor);
  }
}
