import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RequireRole } from '../../auth/access.decorators.js';
import { Actor } from '../../auth/actor.decorator.js';
import { ApiOp } from '../../common/api-docs.decorators.js';
import { parseInput } from '../../common/validation.js';
import { FreshnessPolicy } from '../freshness.policy.js';
import { presentRouterTree, type RouterTree } from '../router.presenter.js';
import { RouterActionService, type RouterActionView } from './router-action.service.js';
import { FORCE_SWITCHOVER_ANSWER } from './router-action.views.js';

/** The action takes no parameters: no body, or an empty JSON object. */
const NO_PARAMETERS = z.strictObject({}).optional();

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
      "with the router's reason when simplex, without an ACTIVE unit, or with a peer that is not STANDBY COLD/HOT; nothing is written then.",
    ok: { status: 202, description: 'the switchover happened; its later transitions are pending', schema: FORCE_SWITCHOVER_ANSWER },
    body: NO_PARAMETERS,
    problems: [400, 404, 409],
  })
  async forceSwitchover(@Param('id') id: string, @Body() body: unknown, @Actor() actor: string): Promise<{ router: RouterTree; action: RouterActionView }> {
    parseInput(NO_PARAMETERS, body ?? undefined, 'body');
    const result = await this.actions.forceSwitchover(id, actor);
    return { router: presentRouterTree(result.router, this.freshness), action: result.action };
  }
}
