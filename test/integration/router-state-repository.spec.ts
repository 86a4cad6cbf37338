import { ConflictError, NotFoundError, RF, routerHealth } from '@asr-twin/domain';
import {
  createDataSource,
  type NewRouter,
  type RouterDetail,
  type TwinStateRecord,
  TypeormChangeLogRepository,
  TypeormFleetRepository,
  TypeormRouterRepository,
  TypeormRouterStateRepository,
} from '@asr-twin/persistence';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { CountingLogger } from '../support/query-counter.js';

let db: TestDatabase;
let ds: DataSource;
const queries = new CountingLogger();
let routers: TypeormRouterRepository;
let states: TypeormRouterStateRepository;
let changeLog: TypeormChangeLogRepository;
let fleetId: string;
const STAMP = { at: '2026-12-01T10:00:00.000Z', command: 'show version' };

const newRouter = (hostname: string, model: NewRouter['model']): NewRouter => ({
  hostname,
  model,
  serial: 'SER1',
  softwareVersion: '17.3.4a',
  redundancyMode: 'sso',
  labels: {},
});

async function stored(hostname: string): Promise<RouterDetail> {
  const router = await routers.findDetail(hostname);
  if (!router) throw new Error(`${hostname} missing`);
  return router;
}

/** The router after a switchover to its second instance, with the peer gone cold and the counters moved on. */
function switchedOver(r: RouterDetail): TwinStateRecord {
  const [first, second] = r.state.instances;
  const instances = r.state.instances.map((i) => (i === first ? { ...i, rfState: RF.STANDBY_COLD } : i === second ? { ...i, rfState: RF.ACTIVE } : i));
  const state = { ...r.state, instances };
  const since = '2026-01-01T00:00:00.000Z';
  return {
    softwareVersion: r.softwareVersion,
    redundancyMode: r.redundancyMode,
    health: routerHealth(state),
    state,
    redundancy: { ...r.redundancy, switchovers: 1, lastSwitchoverReason: 'user forced', stateSince: { ...r.redundancy.stateSince, [first!.name]: since } },
  };
}

beforeAll(async () => {
  db = await migratedTestDatabase();
  ds = await createDataSource({ url: db.url, queryLogger: queries }).initialize();
  routers = new TypeormRouterRepository(ds);
  states = new TypeormRouterStateRepository(ds);
  changeLog = new TypeormChangeLogRepository(ds);
  fleetId = (await new TypeormFleetRepository(ds).create({ name: 'state', description: '', labels: {} }, 'test')).id;
  await routers.insertMany(fleetId, [newRouter('single', 'ASR1002-X'), newRouter('dual', 'ASR1006')], 'test');
});
afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});
beforeEach(() => {
  queries.count = 0;
});

describe('RouterStateRepository.apply', () => {
  it('writes the new state with as many statements for a dual-RP router as for a single-RP one, one log row per entity', async () => {
    const single = await stored('single');
    const changes = [
      { entity: 'router', key: 'single', field: 'switchovers', before: 0, after: 1 },
      { entity: 'router', key: 'single', field: 'lastSwitchoverReason', before: 'none', after: 'user forced' },
      { entity: 'instance', key: 'R0/0', field: 'rfState', before: RF.ACTIVE, after: RF.STANDBY_COLD },
      { entity: 'instance', key: 'R0/1', field: 'rfState', before: RF.STANDBY_HOT, after: RF.ACTIVE },
    ] as const;
    queries.count = 0;
    const after = await states.apply({ routerId: single.id, expectedStateVersion: 1, next: switchedOver(single), changes }, 'key:test');
    const singleCount = queries.count;
    expect(after.stateVersion).toBe(2);
    expect(after.state.instances.map((i) => [i.name, i.rfState, i.domainState])).toEqual([
      ['R0/0', RF.STANDBY_COLD, 'RUNNING'],
      ['R0/1', RF.ACTIVE, 'RUNNING'],
    ]);
    expect(after.redundancy).toMatchObject({ switchovers: 1, lastSwitchoverReason: 'user forced', stateSince: { 'R0/0': '2026-01-01T00:00:00.000Z' } });
    expect(after.health).toBe('degraded');

    const dual = await stored('dual');
    queries.count = 0;
    await states.apply({ routerId: dual.id, expectedStateVersion: 1, next: switchedOver(dual), changes: [] }, 'key:test');
    expect(queries.count).toBe(singleCount);

    const log = await changeLog.listForRouter(single.id, { limit: 10, offset: 0 });
    expect(log.items.map((c) => [c.action, c.entity, c.entityKey, c.actor, c.before, c.after])).toEqual([
      ['updated', 'instance', 'R0/1', 'key:test', { rfState: RF.STANDBY_HOT }, { rfState: RF.ACTIVE }],
      ['updated', 'instance', 'R0/0', 'key:test', { rfState: RF.ACTIVE }, { rfState: RF.STANDBY_COLD }],
      ['updated', 'router', 'single', 'key:test', { switchovers: 0, lastSwitchoverReason: 'none' }, { switchovers: 1, lastSwitchoverReason: 'user forced' }],
      ['created', 'router', 'single', 'test', null, expect.objectContaining({ hostname: 'single' })],
    ]);
  });

  it('refuses a state computed from an older version and writes nothing', async () => {
    const single = await stored('single');
    const write = {
      routerId: single.id,
      expectedStateVersion: 1,
      next: switchedOver(single),
      changes: [{ entity: 'router', key: 'single', field: 'health', before: 'a', after: 'b' }],
    } as const;
    await expect(states.apply(write, 'key:late')).rejects.toBeInstanceOf(ConflictError);
    expect(await stored('single')).toEqual(single);
    expect((await changeLog.listForRouter(single.id, { limit: 10, offset: 0 })).total).toBe(4);
  });
});

describe('RouterStateRepository.insertObserved', () => {
  it('inserts through the bulk path and applies the observed state in one transaction', async () => {
    const next = switchedOver(await stored('single'));
    const created = await states.insertObserved(
      fleetId,
      newRouter('observed', 'ASR1004'),
      { ...next, state: { ...next.state, model: 'ASR1004' } },
      [],
      STAMP,
      'key:admin',
    );
    expect(created).toMatchObject({
      hostname: 'observed',
      model: 'ASR1004',
      stateVersion: 2,
      redundancy: { switchovers: 1 },
      observedAt: STAMP.at,
      observedCommand: 'show version',
    });
    expect(created.state.instances.map((i) => i.rfState)).toEqual([RF.STANDBY_COLD, RF.ACTIVE]);
  });

  it('refuses a taken hostname and an unknown fleet, writing nothing', async () => {
    const next = switchedOver(await stored('single'));
    await expect(states.insertObserved(fleetId, newRouter('dual', 'ASR1006'), next, [], STAMP, 'key:admin')).rejects.toBeInstanceOf(ConflictError);
    await expect(
      states.insertObserved('6f1c1b9e-0000-4000-8000-000000000000', newRouter('orphan', 'ASR1002-X'), next, [], STAMP, 'key:admin'),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await routers.findTakenHostnames(['orphan'])).toEqual([]);
    expect((await stored('dual')).stateVersion).toBe(2);
  });
});

describe('RouterStateRepository.applyMany', () => {
  it('writes many routers with the same statements as a few, stamps the unchanged ones, and refuses only a router that moved on', async () => {
    await routers.insertMany(
      fleetId,
      Array.from({ length: 40 }, (_, i) => newRouter(`bulk-${i}`, i % 2 ? 'ASR1006' : 'ASR1002-X')),
      'test',
    );
    const all = await Promise.all(Array.from({ length: 40 }, (_, i) => stored(`bulk-${i}`)));
    const stamp = { at: '2026-12-02T08:00:00.000Z', command: 'show redundancy, show version' };
    const change = (r: RouterDetail) => [{ entity: 'router', key: r.hostname, field: 'switchovers', before: 0, after: 1 }] as const;
    // bulk-0 and bulk-1 change; bulk-1 is written with a stale version (a concurrent writer); bulk-2 is unchanged
    // but stale too; the rest are unchanged.
    const writes = all.map((r, i) => ({
      routerId: r.id,
      expectedStateVersion: i === 1 || i === 2 ? 0 : r.stateVersion,
      next: i < 2 ? switchedOver(r) : r,
      changes: i < 2 ? change(r) : [],
      observed: stamp,
    }));
    queries.count = 0;
    const outcomes = await states.applyMany(writes.slice(0, 4), 'key:bulk');
    const few = queries.count;
    expect(outcomes).toEqual([
      { routerId: all[0]!.id, written: true, stateVersion: 2 },
      { routerId: all[1]!.id, written: false },
      { routerId: all[2]!.id, written: false },
      { routerId: all[3]!.id, written: true, stateVersion: 1 },
    ]);
    queries.count = 0;
    const rest = await states.applyMany(
      writes.slice(4).map((w, i) => (i < 20 ? { ...w, next: switchedOver(all[i + 4]!), changes: change(all[i + 4]!) } : w)),
      'key:bulk',
    );
    expect(queries.count).toBe(few);
    expect(rest.filter((o) => o.written)).toHaveLength(36);

    const [first, second, third, fourth] = await Promise.all(['bulk-0', 'bulk-1', 'bulk-2', 'bulk-3'].map(stored));
    expect(first).toMatchObject({ stateVersion: 2, observedAt: stamp.at, observedCommand: stamp.command, redundancy: { switchovers: 1 } });
    expect(first!.state.instances.map((i) => i.rfState)).toEqual([RF.STANDBY_COLD, RF.ACTIVE]);
    expect(second).toEqual(all[1]);
    expect(third).toEqual(all[2]);
    expect(fourth).toMatchObject({ stateVersion: 1, observedAt: stamp.at, observedCommand: stamp.command });
    const log = await changeLog.listForRouter(first!.id, { limit: 10, offset: 0 });
    expect(log.items.map((c) => [c.action, c.actor, c.after])).toEqual([
      ['updated', 'key:bulk', { switchovers: 1 }],
      ['created', 'test', expect.anything()],
    ]);
    expect((await changeLog.listForRouter(fourth!.id, { limit: 10, offset: 0 })).total).toBe(1);
  });

  it('keeps the newer stamp when an older observation arrives late', async () => {
    const r = await stored('bulk-3');
    await states.applyMany(
      [{ routerId: r.id, expectedStateVersion: r.stateVersion, next: r, changes: [], observed: { at: '2026-11-01T00:00:00.000Z', command: 'show platform' } }],
      'key:late',
    );
    expect(await stored('bulk-3')).toMatchObject({ observedAt: '2026-12-02T08:00:00.000Z', observedCommand: 'show redundancy, show version' });
  });
});
