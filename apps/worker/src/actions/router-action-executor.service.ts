import { routerStateMessage, RouterStatePublisher } from '@asr-twin/jobs';
import { RouterActionRepository } from '@asr-twin/persistence';
import { Injectable, Logger } from '@nestjs/common';

/**
 * Applies the later transitions of operator actions (force-switchover) when their delayed jobs come due, and
 * publishes the router's new state. The write is the repository's: idempotent, and guarded by the router's
 * `stateVersion`, so a transition never overwrites a write that came in between; it cancels the rest instead.
 */
@Injectable()
export class RouterActionExecutor {
  private readonly logger = new Logger('router-actions');

  constructor(
    private readonly actions: RouterActionRepository,
    private readonly publisher: RouterStatePublisher,
  ) {}

  async step(actionId: string, step: number): Promise<void> {
    const outcome = await this.actions.applyDueSteps(actionId, step);
    if (outcome.kind === 'applied') {
      await this.publisher.announce(routerStateMessage(outcome.router, 'updated'));
      if (outcome.status === 'completed') this.logger.log({ actionId, router: outcome.router.hostname, msg: 'router action completed' });
    } else if (outcome.kind === 'cancelled') {
      this.logger.log({ actionId, step, reason: outcome.reason, msg: 'router action cancelled' });
    }
  }
}
