import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';
import { RequireRole } from '../../auth/access.decorators.js';
import { Actor } from '../../auth/actor.decorator.js';
import { ApiOp } from '../../common/api-docs.decorators.js';
import { parseInput } from '../../common/validation.js';
import { FreshnessPolicy } from '../freshness.policy.js';
import { presentRouterTree, type RouterTree } from '../router.presenter.js';
import { RouterActionService, type RouterActionView } from './router-action.service.js';

/** The action takes no parameters: no body, or an empty JSON object. */
const NO_PARAMETERS = z.strictObject({}).optional();

const ANSWER_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['router', 'action'],
  properties: {
    router: { type: 'object', description: 'the router tree after the immediate part, as GET /routers/{id} returns it' },
    action: {
      type: 'object',
      required: ['id', 'kind', 'status', 'actor', 'startedAt', 'timeScale', 'switchover', 'changes', 'pending', 'timeline'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        kind: { type: 'string', enum: ['force-switchover'] },
        status: { type: 'string', enum: ['pending', 'completed', 'cancelled'] },
        actor: { type: 'string' },
        startedAt: { type: 'string', format: 'date-time' },
        timeScale: { type: 'number', description: 'TWIN_TIME_SCALE: factor on the wall-clock delays of the pending transitions' },
        switchover: {
          type: 'object',
          properties: { from: { type: 'string' }, to: { type: 'string' }, stateful: { type: 'boolean', description: 'SSO from STANDBY HOT: the ESPs keep forwarding' } },
        },
        changes: { type: 'array', description: 'fields the immediate part changed', items: { type: 'object' } },
        pending: {
          type: 'array',
          description: 'later transitions, applied by the worker when due unless another write to the router comes first',
          items: {
            type: 'object',
            properties: {
              step: { type: 'integer' },
              at: { type: 'string', format: 'date-time' },
              afterMs: { type: 'number', description: 'simulated time after the switchover (not scaled)' },
              summary: { type: 'string' },
            },
          },
        },
        timeline: { type: 'array', description: "the simulator's timeline of the action (tMs: simulated ms after it)", items: { type: 'object' } },
      },
    },
  },
};

@ApiTags('routers')
@Controller()
export class RouterActionController {
  constructor(
    private readonly actions: RouterActionService,
    private readonly freshness: FreshnessPolicy,
  ) {}

  @Post('routers/:id/actions/force-switchover')
  @HttpCode(202)
  @RequireRole('operator')
  @ApiOp({
    summary:
      '`redundancy force-switchover` on a router (id or hostname), played by the simulator from its stored state: the peer takes ' +
      'activity at once (written with the request), the old active reloads and comes back through the standby progression ' +
      '(later transitions, applied when due; any other write to the router in between cancels the rest). 409 SWITCHOVER_REFUSED ' +
      'with the router\'s reason when simplex, without an ACTIVE unit, or with a peer that is not STANDBY COLD/HOT; nothing is written then.',
    body: NO_PARAMETERS,
    problems: [400, 404, 409],
  })
  @ApiAcceptedResponse({ description: 'the switchover happened; its later transitions are pending', schema: ANSWER_SCHEMA })
  async forceSwitchover(
    @Param('id') id: string,
    @Body() body: unknown,
    @Actor() actor: string,
  ): Promise<{ router: RouterTree; action: RouterActionView }> {
    parseInput(NO_PARAMETERS, body ?? undefined, 'body');
    const result = await this.actions.forceSwitchover(id, actor);
    return { router: presentRouterTree(result.router, this.freshness), action: result.action };
  }
}
