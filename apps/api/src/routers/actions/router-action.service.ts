import { randomUUID } from 'node:crypto';
import { NotFoundError, type RouterHealth } from '@asr-twin/domain';
import { JobProducer, routerStateMessage, RouterStatePublisher } from '@asr-twin/jobs';
import {
  type FieldChange,
  type RouterActionRecord,
  RouterActionRepository,
  type RouterActionStatus,
  type RouterDetail,
  RouterRepository,
} from '@asr-twin/persistence';
import type { TimelineEntry } from '@asr-twin/simulator';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ENQUEUE_TIME_LIMIT_MS, settleWithin } from '../../common/time-box.js';
import { planForceSwitchover, type SwitchoverPlan, type SwitchoverSummary } from './switchover-plan.js';

/** Injection token of the factor on the wall-clock delays of later transitions (`TWIN_TIME_SCALE`). */
export const TWIN_TIME_SCALE = Symbol('TWIN_TIME_SCALE');

/** How long the request waits for Redis to take the delayed jobs; past it the reconciler enqueues them. */

/** A later transition still to come. */
export interface PendingTransition {
  /** Index of the step in the action's plan (0-based). */
  readonly step: number;
  /** When it is due on the wall clock, ISO 8601 (simulated time × `TWIN_TIME_SCALE` after the action). */
  readonly at: string;
  /** Simulated time after the action, ms (not scaled). */
  readonly afterMs: number;
  readonly summary: string;
}

/** An operator action as the api reports it. */
export interface RouterActionView {
  readonly id: string;
  readonly kind: 'force-switchover';
  readonly status: RouterActionStatus;
  readonly actor: string;
  readonly startedAt: string;
  readonly timeScale: number;
  readonly switchover: SwitchoverSummary;
  /** What the immediate part changed (written with the request, one change-log row per entity). */
  readonly changes: readonly FieldChange[];
  /** The later transitions, in order, each applied by the worker when due unless another write comes first. */
  readonly pending: readonly PendingTransition[];
  /** The simulator's timeline of the whole action, `tMs` in simulated time after it. */
  readonly timeline: readonly TimelineEntry[];
}

/** One step of an action's plan and whether the worker applied it. */
export interface PlannedStep extends PendingTransition {
  /** Applied to the stored router (the worker wrote it). */
  readonly applied: boolean;
  /** The router's health once the step is applied. */
  readonly health: RouterHealth;
}

/** A router's latest action as its page shows it: the plan, how far it got, and when redundancy returns. */
export interface RouterActionPlan {
  readonly id: string;
  readonly kind: 'force-switchover';
  readonly status: RouterActionStatus;
  readonly actor: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** Why the rest of the plan was dropped (another write to the router came first); null otherwise. */
  readonly cancelReason: string | null;
  readonly timeScale: number;
  readonly steps: readonly PlannedStep[];
  /**
   * When the plan brings the router back to `protected` (a peer in STANDBY HOT under SSO), on the wall clock;
   * null when no step does (RPR, simplex, or the peer never gets there within the plan).
   */
  readonly redundancyAt: string | null;
  /** The same as simulated time after the action, ms (not scaled); null with `redundancyAt`. */
  readonly redundancyAfterMs: number | null;
}

export interface ForceSwitchoverResult {
  /** The router as stored after the immediate part. */
  readonly router: RouterDetail;
  readonly action: RouterActionView;
}

/**
 * Operator actions on stored routers, for REST and GraphQL alike. The simulator decides what happens and
 * when; the immediate part is written in the request's transaction, the later transitions as delayed jobs that
 * the worker applies (guarded by the router's `stateVersion`, so any other write in between cancels the rest).
 */
@Injectable()
export class RouterActionService {
  private readonly logger = new Logger('router-actions');

  constructor(
    private readonly routers: RouterRepository,
    private readonly actions: RouterActionRepository,
    private readonly producer: JobProducer,
    private readonly publisher: RouterStatePublisher,
    @Inject(TWIN_TIME_SCALE) private readonly timeScale: number,
  ) {}

  /**
   * `redundancy force-switchover` on a router (id or hostname), by `actor` (`key:<name>`). `NotFoundError` for
   * an unknown router; `SwitchoverRefusedError` (nothing written) when the router refuses, quoting its reason;
   * `ConflictError` when the router changed while the switchover was being prepared.
   */
  async forceSwitchover(idOrHostname: string, actor: string): Promise<ForceSwitchoverResult> {
    const router = await this.routers.findDetail(idOrHostname);
    if (!router) throw new NotFoundError('router', idOrHostname);
    const nowMs = Date.now();
    const plan = planForceSwitchover(router, nowMs, this.timeScale);
    const write = { routerId: router.id, expectedStateVersion: router.stateVersion, next: plan.immediate.next, changes: plan.immediate.changes };
    const action = { id: randomUUID(), kind: 'force-switchover' as const, timeScale: this.timeScale, steps: plan.steps };
    const started = await this.actions.start(write, action, actor);
    await this.publisher.announce(routerStateMessage(started.router, 'updated'));
    await this.schedule(started.action);
    return { router: started.router, action: viewOf(started.action, plan) };
  }

  /** The router's most recent action with its plan (null when it never had one); `routerId` is its uuid. */
  async latestPlan(routerId: string): Promise<RouterActionPlan | null> {
    const action = await this.actions.latestForRouter(routerId);
    return action ? planOf(action) : null;
  }

  /** Enqueues every step as a delayed job; if Redis is slow or down, the worker's reconciler does it later. */
  private async schedule(action: RouterActionRecord): Promise<void> {
    if (action.steps.length === 0) return;
    if (!this.producer.connected) {
      this.logger.warn({ actionId: action.id, msg: 'Redis is not connected; the reconciler will enqueue the later transitions' });
      return;
    }
    const now = Date.now();
    const jobs = action.steps.map((s, step) => ({ payload: { actionId: action.id, step }, delayMs: Date.parse(s.dueAt) - now }));
    const outcome = await settleWithin(this.producer.enqueueDelayed('router-action.step', jobs), ENQUEUE_TIME_LIMIT_MS);
    if (!outcome.ok) this.logger.warn({ actionId: action.id, err: outcome.error, msg: 'could not enqueue the later transitions; the reconciler will' });
  }
}

/** The plan of a stored action: each step with whether it was applied and the health it leaves. */
export function planOf(action: RouterActionRecord): RouterActionPlan {
  const steps = action.steps.map((s, step) => ({
    step,
    at: s.dueAt,
    afterMs: s.afterMs,
    summary: s.summary,
    applied: step < action.nextStep,
    health: s.next.health,
  }));
  const back = steps.find((s) => s.health === 'protected') ?? null;
  return {
    id: action.id,
    kind: action.kind,
    status: action.status,
    actor: action.actor,
    startedAt: action.createdAt,
    finishedAt: action.finishedAt,
    cancelReason: action.cancelReason,
    timeScale: action.timeScale,
    steps,
    redundancyAt: back?.at ?? null,
    redundancyAfterMs: back?.afterMs ?? null,
  };
}

function viewOf(action: RouterActionRecord, plan: SwitchoverPlan): RouterActionView {
  return {
    id: action.id,
    kind: action.kind,
    status: action.status,
    actor: action.actor,
    startedAt: action.createdAt,
    timeScale: action.timeScale,
    switchover: plan.switchover,
    changes: plan.immediate.changes,
    pending: action.steps.map((s, step) => ({ step, at: s.dueAt, afterMs: s.afterMs, summary: s.summary })),
    timeline: plan.timeline,
  };
}
