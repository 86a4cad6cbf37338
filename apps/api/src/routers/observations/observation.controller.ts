import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RequireRole } from '../../auth/access.decorators.js';
import { Actor } from '../../auth/actor.decorator.js';
import { ApiOp } from '../../common/api-docs.decorators.js';
import { OBSERVATION_JSON_BODY, observationTextOf } from './observation-body.js';
import { type ObservationResult, ObservationService } from './observation.service.js';
import { OBSERVATION_RESULT } from './observation.views.js';

/** Both body forms, for the OpenAPI document: the raw text (`text/plain`) or JSON `{ "output": "…" }`. */
const OBSERVATION_DOC = z.union([
  z.string().describe('text/plain: the paste itself, with or without `router#show …` prompt lines'),
  OBSERVATION_JSON_BODY.describe('application/json: the paste in "output"'),
]);

const FORMS =
  'Body: text/plain (the paste as is) or application/json { "output": "…" }, holding one or more of show redundancy, ' +
  'show redundancy states, show version and show platform, with or without prompt lines. Everything is parsed first; ' +
  'a parse error (400) names the command and line and nothing is written.';

@ApiTags('routers')
@Controller()
export class ObservationController {
  constructor(private readonly observations: ObservationService) {}

  @Post('routers/:id/observations')
  @HttpCode(200)
  @RequireRole('operator')
  @ApiConsumes('text/plain', 'application/json')
  @ApiOp({
    summary: `Apply real device output to a router (id or hostname): RF states, modes, versions, counters, uptimes, RP/ESP states; answers the updated tree and the changes. ${FORMS} 409: output of another chassis model, or a concurrent change; 413: more than 256 KiB.`,
    ok: { status: 200, description: 'the updated router and the changes', schema: OBSERVATION_RESULT },
    body: OBSERVATION_DOC,
    problems: [400, 404, 409, 413, 415, 422],
  })
  observe(@Param('id') id: string, @Body() body: unknown, @Actor() actor: string): Promise<ObservationResult> {
    return this.observations.observe(id, observationTextOf(body), actor);
  }

  @Post('fleets/:id/routers/observations')
  @RequireRole('admin')
  @ApiConsumes('text/plain', 'application/json')
  @ApiOp({
    summary: `Create a router in a fleet from real device output alone: hostname, model, serial and release from show version (required), then the rest applied. ${FORMS} 409: the hostname is taken.`,
    ok: { status: 201, description: 'the created router and the changes the rest of the output made', schema: OBSERVATION_RESULT },
    body: OBSERVATION_DOC,
    problems: [400, 404, 409, 413, 415, 422],
  })
  create(@Param('id') fleet: string, @Body() body: unknown, @Actor() actor: string): Promise<ObservationResult> {
    return this.observations.create(fleet, observationTextOf(body), actor);
  }
}
