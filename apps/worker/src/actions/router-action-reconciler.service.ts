import { JobProducer } from '@asr-twin/jobs';
import { type PendingRouterAction, RouterActionRepository } from '@asr-twin/persistence';
import { Injectable, Logger } from '@nestjs/common';

/** An action younger than this may still be on its way into Redis (the api enqueues right after commit). */
const GRACE_MS = 5_000;
const BATCH = 500;

/**
 * The router-action half of the reconciler: finds pending actions whose next step has no job in Redis (Redis
 * restarted empty, the api could not enqueue) and enqueues their remaining steps again, each with the delay left
 * until it is due (none when overdue). An action whose step failed after every retry is cancelled.
 */
@Injectable()
export class RouterActionReconciler {
  private readonly logger = new Logger('reconciler');

  constructor(
    private readonly actions: RouterActionRepository,
    private readonly producer: JobProducer,
  ) {}

  /** One pass; returns how many jobs it enqueued again. */
  async reconcile(now = Date.now()): Promise<number> {
    let enqueued = 0;
    for (const action of await this.actions.pending(BATCH)) {
      if (now - Date.parse(action.createdAt) < GRACE_MS) continue;
      try {
        enqueued += await this.reconcileAction(action, now);
      } catch (error) {
        this.logger.warn({ actionId: action.id, err: error, msg: 'could not reconcile router action' });
      }
    }
    if (enqueued > 0) this.logger.warn({ enqueued, msg: 'reconciled router actions: re-enqueued lost jobs' });
    return enqueued;
  }

  private async reconcileAction(action: PendingRouterAction, now: number): Promise<number> {
    const state = await this.producer.state('router-action.step', { actionId: action.id, step: action.nextStep });
    if (state === 'failed') {
      const why = await this.producer.failedReason('router-action.step', { actionId: action.id, step: action.nextStep });
      await this.actions.cancel(
        action.id,
        `step ${action.nextStep + 1} of ${action.stepCount} failed after every retry: ${why ?? 'no reason recorded; see the worker logs'}`,
      );
      return 0;
    }
    if (state !== 'missing') return 0;
    const jobs = action.dueAt
      .slice(action.nextStep)
      .map((due, k) => ({ payload: { actionId: action.id, step: action.nextStep + k }, delayMs: Date.parse(due) - now }));
    await this.producer.enqueueDelayed('router-action.step', jobs);
    return jobs.length;
  }
}
