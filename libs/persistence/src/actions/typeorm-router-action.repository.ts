import type { DataSource, EntityManager } from 'typeorm';
import type { RouterDetail, TwinStateWrite } from '../read-models.js';
import { isUuid } from '../repositories/pg-errors.js';
import { writeTwinState } from '../repositories/twin-state-write.js';
import {
  systemActorOf,
  type NewRouterAction,
  type PendingRouterAction,
  type RouterActionRecord,
  type RouterActionStatus,
  type RouterActionStep,
  type StepApplication,
} from './router-action-models.js';
import { RouterActionRepository } from './router-action.repository.js';

interface ActionRow {
  id: string;
  router_id: string;
  kind: RouterActionRecord['kind'];
  actor: string;
  status: RouterActionStatus;
  base_state_version: number;
  next_step: number;
  step_count: number;
  steps: RouterActionStep[];
  time_scale: number;
  cancel_reason: string | null;
  created_at: Date;
  finished_at: Date | null;
}

function toRecord(r: ActionRow): RouterActionRecord {
  return {
    id: r.id,
    routerId: r.router_id,
    kind: r.kind,
    actor: r.actor,
    status: r.status,
    baseStateVersion: r.base_state_version,
    nextStep: r.next_step,
    steps: r.steps,
    timeScale: r.time_scale,
    cancelReason: r.cancel_reason,
    createdAt: r.created_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
  };
}

async function cancelIn(m: Pick<EntityManager, 'query'>, id: string, reason: string): Promise<void> {
  await m.query(`UPDATE router_actions SET status = 'cancelled', cancel_reason = $2, finished_at = now() WHERE id = $1 AND status = 'pending'`, [id, reason]);
}

export class TypeormRouterActionRepository extends RouterActionRepository {
  constructor(private readonly ds: DataSource) {
    super();
  }

  start(write: TwinStateWrite, action: NewRouterAction, actor: string): Promise<{ router: RouterDetail; action: RouterActionRecord }> {
    return this.ds.transaction(async (m) => {
      const router = await writeTwinState(m, write, actor);
      const rows: ActionRow[] = await m.query(
        `INSERT INTO router_actions (id, router_id, kind, actor, status, base_state_version, step_count, steps, time_scale)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9) RETURNING *`,
        [
          action.id,
          write.routerId,
          action.kind,
          actor,
          action.steps.length === 0 ? 'completed' : 'pending',
          router.stateVersion,
          action.steps.length,
          JSON.stringify(action.steps),
          action.timeScale,
        ],
      );
      return { router, action: toRecord(rows[0] as ActionRow) };
    });
  }

  applyDueSteps(actionId: string, step: number): Promise<StepApplication> {
    if (!isUuid(actionId)) return Promise.resolve({ kind: 'skipped' });
    return this.ds.transaction(async (m): Promise<StepApplication> => {
      const [action] = (await m.query(`SELECT * FROM router_actions WHERE id = $1 FOR UPDATE`, [actionId])) as ActionRow[];
      if (!action || action.status !== 'pending' || action.next_step > step) return { kind: 'skipped' };
      const [router] = (await m.query(`SELECT state_version FROM routers WHERE id = $1 FOR UPDATE`, [action.router_id])) as { state_version: number }[];
      const expected = action.base_state_version + action.next_step;
      if (!router || router.state_version !== expected) {
        const reason = router
          ? `the router changed (stateVersion ${router.state_version}, expected ${expected}) before step ${action.next_step + 1} of ${action.step_count}; the rest of the plan is cancelled`
          : 'the router was deleted';
        await cancelIn(m, actionId, reason);
        return { kind: 'cancelled', reason };
      }
      const last = Math.min(step, action.step_count - 1);
      let detail: RouterDetail | null = null;
      for (let k = action.next_step; k <= last; k++) {
        const s = action.steps[k] as RouterActionStep;
        const write = { routerId: action.router_id, expectedStateVersion: action.base_state_version + k, next: s.next, changes: s.changes };
        detail = await writeTwinState(m, write, systemActorOf(action.kind));
      }
      const done = last + 1 >= action.step_count;
      const status: RouterActionStatus = done ? 'completed' : 'pending';
      await m.query(`UPDATE router_actions SET next_step = $2, status = $3, finished_at = CASE WHEN $3 = 'completed' THEN now() END WHERE id = $1`, [
        actionId,
        last + 1,
        status,
      ]);
      return { kind: 'applied', router: detail as RouterDetail, status, applied: last + 1 - action.next_step };
    });
  }

  async find(id: string): Promise<RouterActionRecord | null> {
    if (!isUuid(id)) return null;
    const rows: ActionRow[] = await this.ds.query(`SELECT * FROM router_actions WHERE id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async latestForRouter(routerId: string): Promise<RouterActionRecord | null> {
    if (!isUuid(routerId)) return null;
    const rows: ActionRow[] = await this.ds.query(`SELECT * FROM router_actions WHERE router_id = $1 ORDER BY created_at DESC LIMIT 1`, [routerId]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async pending(limit: number): Promise<readonly PendingRouterAction[]> {
    const rows: { id: string; next_step: number; step_count: number; created_at: Date; due_at: string[] }[] = await this.ds.query(
      `SELECT id, next_step, step_count, created_at, jsonb_path_query_array(steps, '$[*].dueAt') AS due_at
         FROM router_actions WHERE status = 'pending' ORDER BY created_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, nextStep: r.next_step, stepCount: r.step_count, createdAt: r.created_at.toISOString(), dueAt: r.due_at }));
  }

  async cancel(id: string, reason: string): Promise<void> {
    if (!isUuid(id)) return;
    await cancelIn(this.ds, id, reason);
  }
}
