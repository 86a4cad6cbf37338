import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';
import { RequireRole } from '../../auth/access.decorators.js';
import { Actor } from '../../auth/actor.decorator.js';
import { ApiOp } from '../../common/api-docs.decorators.js';
import { OBSERVATION_JSON_BODY, observationTextOf } from './observation-body.js';
import { type ObservationResult, ObservationService } from './observation.service.js';

/** Both body forms, for the OpenAPI document: the raw text (`text/plain`) or JSON `{ "output": "…" }`. */
const OBSERVATION_DOC = z.union([
  z.string().describe('text/plain: the paste itself, with or without `router#show …` prompt lines'),
  OBSERVATION_JSON_BODY.describe('application/json: the paste in "output"'),
]);

/** The answer: the router's tree as `GET /routers/:id` serves it, and every changed field. */
const RESULT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['router', 'changes'],
  properties: {
    router: { type: 'object', description: 'the router tree after the observation, as GET /routers/{id} returns it' },
    changes: {
      type: 'array',
      description: 'every stored field the observation changed (empty: nothing changed, nothing was written)',
      items: {
        type: 'object',
        required: ['entity', 'key', 'field', 'before', 'after'],
        properties: {
          entity: { type: 'string', enum: ['router', 'host', 'hypervisor', 'instance', 'esp'] },
          key: { type: 'string', description: 'hostname, slot (R0, F1) or instance (R0/1)' },
          field: { type: 'string' },
          before: {},
          after: {},
        },
      },
    },
  },
};

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
    body: OBSERVATION_DOC,
    problems: [400, 404, 409, 413, 415],
  })
  @ApiOkResponse({ description: 'the updated router and the changes', schema: RESULT_SCHEMA })
  observe(@Param('id') id: string, @Body() body: unknown, @Actor() actor: string): Promise<ObservationResult> {
    return this.observations.observe(id, observationTextOf(body), actor);
  }

  @Post('fleets/:id/routers/observations')
  @RequireRole('admin')
  @ApiConsumes('text/plain', 'application/json')
  @ApiOp({
    summary: `Create a router in a fleet from real device output alone: hostname, model, serial and release from show version (required), then the rest applied. ${FORMS} 409: the hostname is taken.`,
    body: OBSERVATION_DOC,
    problems: [400, 404, 409, 413, 415],
  })
  @ApiCreatedResponse({ description: 'the created router and the changes the rest of the output made', schema: RESULT_SCHEMA })
  create(@Param('id') fleet: string, @Body() body: unknown, @Actor() actor: string): Promise<ObservationResult> {
    return this.observations.create(fleet, observationTextOf(body), actor);
  }
}
