import type { FieldChange, RouterDetail, TwinStateRecord } from '../read-models.js';

/** Operator actions on a stored router whose consequences unfold over time. */
export type RouterActionKind = 'force-switchover';

/** The change-log actor of the later steps of an action: `system:<kind>`, e.g. `system:force-switchover`. */
export function systemActorOf(kind: RouterActionKind): string {
  return `system:${kind}`;
}

/** `pending` while later steps remain; `completed` when all applied; `cancelled` when another write came first. */
export type RouterActionStatus = 'pending' | 'completed' | 'cancelled';

/** One later transition of an action: the twin state to write when it is due, and the changes that makes. */
export interface RouterActionStep {
  /** When the step is due on the wall clock (the simulated time after the action, times the time scale), ISO 8601. */
  readonly dueAt: string;
  /** Simulated time after the action, ms, as the simulator drew it (not scaled). */
  readonly afterMs: number;
  /** What happens, in words (the simulator's timeline entries of that instant). */
  readonly summary: string;
  /** The whole twin state after the step. */
  readonly next: TwinStateRecord;
  /** What the step changes compared with the state after the previous step; one change-log row per entity. */
  readonly changes: readonly FieldChange[];
}

export interface NewRouterAction {
  readonly id: string;
  readonly kind: RouterActionKind;
  /** The `TWIN_TIME_SCALE` the due times were computed with. */
  readonly timeScale: number;
  readonly steps: readonly RouterActionStep[];
}

export interface RouterActionRecord {
  readonly id: string;
  readonly routerId: string;
  readonly kind: RouterActionKind;
  /** Who started it (`key:<name>`). */
  readonly actor: string;
  readonly status: RouterActionStatus;
  /** The router's `stateVersion` right after the immediate part; step `k` applies at `baseStateVersion + k`. */
  readonly baseStateVersion: number;
  /** Steps applied so far. */
  readonly nextStep: number;
  readonly steps: readonly RouterActionStep[];
  readonly timeScale: number;
  readonly cancelReason: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

/** A pending action as the reconciler sees it: what is left and when each remaining step is due. */
export interface PendingRouterAction {
  readonly id: string;
  readonly nextStep: number;
  readonly stepCount: number;
  readonly createdAt: string;
  /** Due time of every step (all of them, applied or not), ISO 8601. */
  readonly dueAt: readonly string[];
}

/** What applying the due steps of an action did. */
export type StepApplication =
  /** The steps were written; the router as stored afterwards. */
  | { readonly kind: 'applied'; readonly router: RouterDetail; readonly status: RouterActionStatus; readonly applied: number }
  /** The router changed since the plan was made: nothing was written and the rest of the plan is cancelled. */
  | { readonly kind: 'cancelled'; readonly reason: string }
  /** Nothing to do: those steps were applied already, or the action is no longer pending (or gone with its router). */
  | { readonly kind: 'skipped' };
