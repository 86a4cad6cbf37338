import type { RouterDetail, TwinStateWrite } from '../read-models.js';
import type { NewRouterAction, PendingRouterAction, RouterActionRecord, StepApplication } from './router-action-models.js';

/** Port for operator actions on stored routers and their later steps. */
export abstract class RouterActionRepository {
  /**
   * Writes the immediate part of an action over the router's twin state (as `RouterStateRepository.apply`: one
   * change-log row per changed entity, `stateVersion + 1`) and stores the action with its later steps, in one
   * transaction. `ConflictError` if the router is no longer at `write.expectedStateVersion`; nothing is written then.
   */
  abstract start(
    write: TwinStateWrite,
    action: NewRouterAction,
    actor: string,
  ): Promise<{ readonly router: RouterDetail; readonly action: RouterActionRecord }>;

  /**
   * Applies, in one transaction, every step of a pending action from the next unapplied one up to `step`
   * (a step whose job ran late or out of order brings the earlier ones with it), each as a twin-state write with
   * its own change-log rows, with the actor `systemActorOf(kind)`. Guarded by the router's `stateVersion`: when any other write changed the router
   * since the plan was made, nothing is written and the action is cancelled. Idempotent: steps already applied
   * are skipped.
   */
  abstract applyDueSteps(actionId: string, step: number): Promise<StepApplication>;

  abstract find(id: string): Promise<RouterActionRecord | null>;

  /** The router's most recent action, whatever its status; null when it never had one. */
  abstract latestForRouter(routerId: string): Promise<RouterActionRecord | null>;

  /** Pending actions, oldest first, at most `limit`. */
  abstract pending(limit: number): Promise<readonly PendingRouterAction[]>;

  /** Cancels a pending action (a step failed for good); no-op when it is not pending. */
  abstract cancel(id: string, reason: string): Promise<void>;
}
