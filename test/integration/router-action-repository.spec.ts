import { randomUUID } from 'node:crypto';
import {
  createDataSource,
  type RouterDetail,
  TypeormChangeLogRepository,
  TypeormFleetRepository,
  TypeormRouterActionRepository,
  TypeormRouterRepository,
  TypeormRouterStateRepository,
  TypeormRunRepository,
} from '@asr-twin/persistence';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { planForceSwitchover } from '../../apps/api/src/routers/actions/switchover-plan.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { CountingLogger } from '../support/query-counter.js';

let db: TestDatabase;
let ds: DataSource;
const queries = new CountingLogger();
let routers: TypeormRouterRepository;
let actions: TypeormRouterActionRepository;
let changeLog: TypeormChangeLogRepository;
/** The action the first test starts on `late`, continued by the next. */
let lateId: string;

async function stored(hostname: string): Promise<RouterDetail> {
  const router = await routers.findDetail(hostname);
  if (!router) throw new Error(`${hostname} missing`);
  return router;
}

/** Starts a force-switchover on a stored router as the service does: immediate write and plan in one transaction. */
async function start(hostname: string) {
  const router = await stored(hostname);
  const plan = planForceSwitchover(router, Date.now(), 1);
  const write = { routerId: router.id, expectedStateVersion: router.stateVersion, next: plan.immediate.next, changes: plan.immediate.changes };
  return actions.start(write, { id: randomUUID(), kind: 'force-switchover', timeScale: 1, steps: plan.steps }, 'key:tester');
}

beforeAll(async () => {
  db = await migratedTestDatabase();
  ds = await createDataSource({ url: db.url, queryLogger: queries }).initialize();
  routers = new TypeormRouterRepository(ds);
  actions = new TypeormRouterActionRepository(ds);
  changeLog = new TypeormChangeLogRepository(ds);
  const fleetId = (await new TypeormFleetRepository(ds).create({ name: 'acts', description: '', labels: {} }, 'test')).id;
  const router = (hostname: string) => ({
    hostname,
    model: 'ASR1002-X' as const,
    serial: 'S',
    softwareVersion: '17.3.4a',
    redundancyMode: 'sso' as const,
    labels: {},
  });
  await routers.insertMany(fleetId, [router('late'), router('moved'), router('whole')], 'test');
});
afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});
beforeEach(() => {
  queries.count = 0;
});

describe('RouterActionRepository', () => {
  it('stores the plan with the immediate write, at the state version that write produced', async () => {
    const { router, action } = await start('late');
    lateId = action.id;
    expect(router.stateVersion).toBe(2);
    expect(action).toMatchObject({ status: 'pending', baseStateVersion: 2, nextStep: 0, actor: 'key:tester', routerId: router.id });
    expect(action.steps.length).toBeGreaterThan(3);
    const pending = (await actions.pending(10)).find((p) => p.id === action.id);
    expect(pending).toEqual({
      id: action.id,
      nextStep: 0,
      stepCount: action.steps.length,
      createdAt: action.createdAt,
      dueAt: action.steps.map((s) => s.dueAt),
    });
  });

  it('applies a late step with every earlier one, each with its own log rows, and skips what is done', async () => {
    const outcome = await actions.applyDueSteps(lateId, 2);
    expect(outcome).toMatchObject({ kind: 'applied', status: 'pending', applied: 3, router: { stateVersion: 5 } });
    const record = await actions.find(lateId);
    expect(record?.nextStep).toBe(3);
    const expected = record!.steps.slice(0, 3).map((s) => s.next.state.instances.find((i) => i.name === 'R0/0')?.rfState);
    expect((outcome as { router: RouterDetail }).router.state.instances[0]?.rfState).toBe(expected[2]);
    const log = (await changeLog.listForRouter(record!.routerId, { limit: 100, offset: 0 })).items.filter((c) => c.actor === 'system:force-switchover');
    const rows = record!.steps.slice(0, 3).reduce((n, s) => n + new Set(s.changes.map((c) => `${c.entity}/${c.key}`)).size, 0);
    expect(log).toHaveLength(rows);

    for (const step of [0, 1, 2]) expect(await actions.applyDueSteps(lateId, step)).toEqual({ kind: 'skipped' });
    expect((await stored('late')).stateVersion).toBe(5);
  });

  it('cancels the rest of the plan when another write changed the router, writing nothing', async () => {
    const { action } = await start('moved');
    const router = await stored('moved');
    const bumped = { ...router.redundancy, standbyFailures: 7 };
    const next = {
      softwareVersion: router.softwareVersion,
      redundancyMode: router.redundancyMode,
      health: router.health,
      state: router.state,
      redundancy: bumped,
    };
    const change = { entity: 'router' as const, key: 'moved', field: 'standbyFailures', before: 0, after: 7 };
    await new TypeormRouterStateRepository(ds).apply({ routerId: router.id, expectedStateVersion: 2, next, changes: [change] }, 'key:observer');

    const outcome = await actions.applyDueSteps(action.id, 0);
    expect(outcome).toEqual({
      kind: 'cancelled',
      reason: `the router changed (stateVersion 3, expected 2) before step 1 of ${action.steps.length}; the rest of the plan is cancelled`,
    });
    expect(await actions.find(action.id)).toMatchObject({ status: 'cancelled', nextStep: 0, cancelReason: (outcome as { reason: string }).reason });
    expect((await stored('moved')).stateVersion).toBe(3);
    expect(await actions.applyDueSteps(action.id, 1)).toEqual({ kind: 'skipped' });
    expect((await actions.pending(10)).map((p) => p.id)).not.toContain(action.id);
  });

  it('completes with its last step and leaves the pending list', async () => {
    const { action } = await start('whole');
    const last = action.steps.length - 1;
    expect(await actions.applyDueSteps(action.id, last)).toMatchObject({
      kind: 'applied',
      status: 'completed',
      applied: action.steps.length,
      router: { health: 'protected' },
    });
    expect(await actions.find(action.id)).toMatchObject({ status: 'completed', nextStep: action.steps.length });
    expect((await actions.pending(10)).map((p) => p.id)).not.toContain(action.id);
  });

  it('ignores ids that are not actions', async () => {
    expect(await actions.applyDueSteps('not-a-uuid', 0)).toEqual({ kind: 'skipped' });
    expect(await actions.applyDueSteps(randomUUID(), 0)).toEqual({ kind: 'skipped' });
    expect(await actions.find('nope')).toBeNull();
  });
});

describe('RunRepository.countByStatus', () => {
  it('counts runs by status in one statement, every status present', async () => {
    expect(await new TypeormRunRepository(ds).countByStatus()).toEqual({ queued: 0, running: 0, completed: 0, failed: 0, cancelled: 0 });
    expect(queries.count).toBe(1);
  });
});
