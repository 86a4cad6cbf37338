import { loadConfig } from '@asr-twin/config';
import { bullPrefix, QUEUE_NAMES } from '@asr-twin/jobs';
import type { ChangeRecord, Page } from '@asr-twin/persistence';
import { Queue } from 'bullmq';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../apps/api/src/common/problem.js';
import type { RouterActionView } from '../../apps/api/src/routers/actions/router-action.service.js';
import type { RouterTree } from '../../apps/api/src/routers/router.presenter.js';
import { bearer, createKey, request, type RunningApi, startApi } from '../support/api.js';
import { codes, gql } from '../support/graphql.js';
import { capture } from '../support/ios-captures.js';
import { listenRouterState, type RouterStateListener, waitUntil } from '../support/router-state.js';
import { type RunStack, startRunStack } from '../support/runs.js';

/** 1/100 of real time: the old active of an ASR1006 is back at STANDBY HOT after about 3 s instead of 5 min. */
const FAST = '0.01';
/** 1/20: the first later transition of an ASR1006 comes about 6 s after the switchover, time enough to write in between. */
const SLOWER = '0.05';

interface Answer {
  readonly router: RouterTree;
  readonly action: RouterActionView;
}

let stack: RunStack;
let slower: RunningApi;
let operator: string;
let sql: pg.Client;
let events: RouterStateListener;

beforeAll(async () => {
  stack = await startRunStack('actions', { TWIN_TIME_SCALE: FAST });
  slower = await startApi(stack.db.url, { QUEUE_PREFIX: stack.prefix, ADMIN_API_KEY: stack.api.adminKey, TWIN_TIME_SCALE: SLOWER });
  operator = (await createKey(stack.api, 'noc', 'operator')).key;
  events = await listenRouterState(stack.prefix);
  sql = new pg.Client({ connectionString: stack.db.url });
  await sql.connect();
  expect((await admin('POST', '/api/v1/fleets', { name: 'lab' })).status).toBe(201);
  const routers = [
    { hostname: 'edge-1', model: 'ASR1002-X' },
    { hostname: 'core-1', model: 'ASR1006' },
    { hostname: 'cut-1', model: 'ASR1006' },
    { hostname: 'lost-1', model: 'ASR1002-X' },
    { hostname: 'twin-1', model: 'ASR1004' },
    { hostname: 'lone-1', model: 'ASR1002-X', redundancy: 'none' },
    { hostname: 'neg-1', model: 'ASR1004' },
    { hostname: 'dark-1', model: 'ASR1004' },
    { hostname: 'bulk-1', model: 'ASR1006' },
  ];
  expect((await admin('POST', '/api/v1/fleets/lab/routers', routers)).status).toBe(201);
  // Arranged directly: a peer stuck in NEGOTIATION, one still in bulk sync under SSO, a router whose active IOS is down.
  await sql.query(`UPDATE ios_instances SET rf_state = 7 WHERE name = 'R1/0' AND router_id = (SELECT id FROM routers WHERE hostname = 'bulk-1')`);
  await sql.query(`UPDATE ios_instances SET rf_state = 3 WHERE name = 'R0/1' AND router_id = (SELECT id FROM routers WHERE hostname = 'neg-1')`);
  await sql.query(
    `UPDATE ios_instances SET rf_state = 1, domain_state = 'SHUTOFF' WHERE name = 'R0/0' AND router_id = (SELECT id FROM routers WHERE hostname = 'dark-1')`,
  );
});
afterAll(async () => {
  await events?.close();
  await sql?.end();
  await slower?.close();
  await stack?.stop();
});

const admin = (method: string, path: string, body?: unknown) => request(stack.api.url, method, path, body, bearer(stack.api.adminKey));
const forceSwitchover = <T = Answer>(router: string, api: RunningApi = stack.api, body?: unknown) =>
  request<T>(api.url, 'POST', `/api/v1/routers/${router}/actions/force-switchover`, body, bearer(operator));
const tree = async (router: string) => (await request<RouterTree>(stack.api.url, 'GET', `/api/v1/routers/${router}`, undefined, bearer(operator))).body;
const changes = async (router: string) =>
  (await request<Page<ChangeRecord>>(stack.api.url, 'GET', `/api/v1/routers/${router}/changes?limit=200`, undefined, bearer(operator))).body;
const guests = (t: RouterTree) =>
  Object.fromEntries(t.routeProcessors.flatMap((rp) => rp.host.hypervisor.guests.map((g) => [g.name, [g.rfState.name, g.domainState, g.role]])));
const guest = (t: RouterTree, name: string) => t.routeProcessors.flatMap((rp) => rp.host.hypervisor.guests).find((g) => g.name === name);
const hosts = (t: RouterTree) => t.routeProcessors.map((rp) => [rp.slot, rp.host.state, rp.host.hypervisor.state]);
const actionRows = async (routerId: string) =>
  (
    await sql.query<{ status: string; next_step: number; step_count: number; cancel_reason: string | null }>(
      `SELECT status, next_step, step_count, cancel_reason FROM router_actions WHERE router_id = $1`,
      [routerId],
    )
  ).rows;
const LAST_ACTION = `query A($id: ID!) { router(id: $id) { lastAction {
  id kind status actor cancelReason timeScale redundancyAt redundancyAfterMs steps { step at afterMs summary applied health }
} } }`;
const sleepUntil = (iso: string) => new Promise((r) => setTimeout(r, Math.max(0, Date.parse(iso) - Date.now())));

describe('a refused force-switchover', () => {
  const refusals = [
    ['in simplex', 'lone-1', 'lone-1 refused the switchover: Manual Swact = disabled (system is simplex (no peer unit))'],
    [
      'with the peer in NEGOTIATION',
      'neg-1',
      'neg-1 refused the switchover: Manual Swact = disabled (peer unit not yet in terminal standby state): peer R0/1 is NEGOTIATION, the terminal standby state is STANDBY HOT',
    ],
    ['without an ACTIVE unit', 'dark-1', 'dark-1 refused the switchover: no active unit'],
    // Domain §8.3: under SSO only STANDBY HOT is the terminal standby state; a peer in bulk sync is refused.
    [
      'with the peer in STANDBY COLD-BULK under SSO',
      'bulk-1',
      'bulk-1 refused the switchover: Manual Swact = disabled (peer unit not yet in terminal standby state): peer R1/0 is STANDBY COLD-BULK, the terminal standby state is STANDBY HOT',
    ],
  ] as const;

  it.each(refusals)('%s answers 409 SWITCHOVER_REFUSED quoting the reason, and writes nothing', async (_case, hostname, detail) => {
    const before = await tree(hostname);
    // The tree says beforehand what the action answers.
    expect(before.redundancy.manualSwitchover).toEqual({ enabled: false, reason: detail.slice(`${hostname} refused the switchover: `.length) });
    const logged = (await changes(hostname)).total;
    const res = await forceSwitchover<Problem>(hostname);
    expect(res.status).toBe(409);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'SWITCHOVER_REFUSED', detail });
    expect(await tree(hostname)).toEqual(before);
    expect((await changes(hostname)).total).toBe(logged);
    expect(await actionRows(before.id)).toEqual([]);
  });

  it('answers 404 for an unknown router and 400 for parameters it does not take', async () => {
    expect((await forceSwitchover<Problem>('no-such-router')).body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const bad = await forceSwitchover<Problem>('edge-1', stack.api, { force: true });
    expect(bad.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await tree('edge-1')).stateVersion).toBe(1);
  });
});

describe('force-switchover on a dual-IOSd ASR1002-X (SSO, peer STANDBY HOT)', () => {
  let answer: Answer;

  it('hands activity to R0/1 at once, ESP forwarding, with one change-log row per entity and an event', async () => {
    expect((await tree('edge-1')).redundancy.manualSwitchover).toEqual({ enabled: true, reason: null });
    const res = await forceSwitchover('edge-1');
    expect(res.status).toBe(202);
    answer = res.body;
    const r = answer.router;
    expect(guests(r)).toEqual({ 'R0/0': ['DISABLED', 'SHUTOFF', 'down'], 'R0/1': ['ACTIVE', 'RUNNING', 'active'] });
    expect(r).toMatchObject({ health: 'degraded', stateVersion: 2, redundancy: { switchovers: 1, lastSwitchoverReason: 'user forced' } });
    // The old active is down: no second switchover until it is STANDBY HOT again (domain §8.3).
    expect(r.redundancy.manualSwitchover.enabled).toBe(false);
    expect(r.esps.map((e) => [e.slot, e.forwarding])).toEqual([['F0', true]]);
    expect(answer.action).toMatchObject({ kind: 'force-switchover', status: 'pending', actor: 'key:noc', timeScale: 0.01 });
    expect(answer.action.switchover).toEqual({ from: 'R0/0', to: 'R0/1', stateful: true });
    expect(answer.action.timeline.some((e) => e.event === 'switchover (sso): user forced')).toBe(true);

    const pending = answer.action.pending;
    expect(pending.length).toBeGreaterThanOrEqual(7);
    expect(pending.map((p) => p.step)).toEqual(pending.map((_, k) => k));
    expect([...pending].sort((a, b) => a.at.localeCompare(b.at))).toEqual(pending);
    expect(pending[pending.length - 1]?.summary).toMatch(/R0\/0 STANDBY HOT.*health degraded → protected/);

    const immediate = (await changes('edge-1')).items.filter((c) => c.actor === 'key:noc');
    expect(immediate.map((c) => `${c.entity} ${c.entityKey}`).sort()).toEqual(['instance R0/0', 'instance R0/1', 'router edge-1']);
    expect(immediate.find((c) => c.entity === 'router')?.after).toMatchObject({ switchovers: 1, lastSwitchoverReason: 'user forced', health: 'degraded' });

    const event = await events.next('the switchover event', (m) => m.routerId === r.id && m.stateVersion === 2);
    expect(event).toMatchObject({ hostname: 'edge-1', fleetId: r.fleetId, health: 'degraded', change: 'updated' });
  });

  it('brings the old active back through the standby progression to STANDBY HOT, applied by the worker', async () => {
    const done = await waitUntil('edge-1 protected again', async () => {
      const t = await tree('edge-1');
      return t.health === 'protected' ? t : undefined;
    });
    const steps = answer.action.pending.length;
    expect(guests(done)).toEqual({ 'R0/0': ['STANDBY HOT', 'RUNNING', 'standby'], 'R0/1': ['ACTIVE', 'RUNNING', 'active'] });
    expect(done.stateVersion).toBe(2 + steps);
    expect(guest(done, 'R0/0')?.stateSince).toBe(answer.action.pending[steps - 1]?.at);
    expect(await actionRows(done.id)).toEqual([{ status: 'completed', next_step: steps, step_count: steps, cancel_reason: null }]);

    const later = (await changes('edge-1')).items.filter((c) => c.actor === 'system:force-switchover');
    expect(later.length).toBeGreaterThanOrEqual(steps);
    expect(later[0]).toMatchObject({ entity: 'instance', entityKey: 'R0/0', after: { rfState: 8 } });

    const versions = events.messages.filter((m) => m.routerId === done.id && m.stateVersion > 2).map((m) => m.stateVersion);
    await events.next('the last transition event', (m) => m.routerId === done.id && m.stateVersion === 2 + steps && m.health === 'protected');
    expect(new Set(versions).size).toBe(versions.length);
  });

  it("is the router's lastAction over GraphQL: every step applied, redundancy back at the step that made it protected", async () => {
    const res = await gql<{ router: { lastAction: Record<string, unknown> | null } }>(stack.api.url, LAST_ACTION, { id: 'edge-1' }, operator);
    expect(res.errors).toEqual([]);
    const plan = res.data?.router.lastAction;
    const pending = answer.action.pending;
    const last = pending[pending.length - 1]!;
    expect(plan).toMatchObject({ id: answer.action.id, kind: 'force-switchover', status: 'completed', actor: 'key:noc', cancelReason: null, timeScale: 0.01 });
    expect(plan?.steps).toEqual(
      pending.map((p) => ({ step: p.step, at: p.at, afterMs: p.afterMs, summary: p.summary, applied: true, health: p === last ? 'protected' : 'degraded' })),
    );
    expect(plan).toMatchObject({ redundancyAt: last.at, redundancyAfterMs: last.afterMs });
    const none = await gql<{ router: { lastAction: unknown } }>(stack.api.url, LAST_ACTION, { id: 'twin-1' }, operator);
    expect(none.data?.router.lastAction).toBeNull();
  });

  it('filters the change log by component over GraphQL, and says what is missing when only a key is given', async () => {
    const query = `query C($id: ID!, $entity: TwinEntity, $entityKey: String) { router(id: $id) { changes(limit: 200, entity: $entity, entityKey: $entityKey) { total items { entity entityKey } } } }`;
    const all = (await changes('edge-1')).items;
    const r00 = await gql<{ router: { changes: { total: number; items: { entity: string; entityKey: string }[] } } }>(
      stack.api.url,
      query,
      { id: 'edge-1', entity: 'instance', entityKey: 'R0/0' },
      operator,
    );
    expect(r00.errors).toEqual([]);
    const expected = all.filter((c) => c.entity === 'instance' && c.entityKey === 'R0/0').length;
    expect(expected).toBeGreaterThan(3);
    expect(r00.data?.router.changes.total).toBe(expected);
    expect(new Set(r00.data?.router.changes.items.map((c) => `${c.entity} ${c.entityKey}`))).toEqual(new Set(['instance R0/0']));
    const instances = await gql<{ router: { changes: { total: number } } }>(stack.api.url, query, { id: 'edge-1', entity: 'instance' }, operator);
    expect(instances.data?.router.changes.total).toBe(all.filter((c) => c.entity === 'instance').length);
    const keyOnly = await gql(stack.api.url, query, { id: 'edge-1', entityKey: 'R0/0' }, operator);
    expect(codes(keyOnly)).toEqual(['VALIDATION_FAILED']);
    expect(keyOnly.errors[0]?.extensions?.errors).toEqual([{ field: 'entityKey', message: 'give entity too (router, host, hypervisor, instance or esp)' }]);
    const unknown = await gql(stack.api.url, query, { id: 'edge-1', entity: 'psu' }, operator);
    expect(unknown.errors[0]?.message).toMatch(/TwinEntity/);
  });
});

describe('force-switchover on a dual-RP ASR1006', () => {
  it('reboots the old active RP at once and brings its IOS back to STANDBY HOT', async () => {
    const res = await forceSwitchover('core-1');
    expect(res.status).toBe(202);
    const r = res.body.router;
    expect(guests(r)).toEqual({ 'R0/0': ['DISABLED', 'SHUTOFF', 'down'], 'R1/0': ['ACTIVE', 'RUNNING', 'active'] });
    expect(hosts(r)).toEqual([
      ['R0', 'rebooting', 'restarting'],
      ['R1', 'up', 'running'],
    ]);
    expect(r.esps.filter((e) => e.forwarding).map((e) => e.slot)).toEqual(['F0']);
    expect(res.body.action.pending[0]?.summary).toMatch(/^R0 host-state → up/);
    const immediate = (await changes('core-1')).items.filter((c) => c.actor === 'key:noc');
    expect(immediate.map((c) => `${c.entity} ${c.entityKey}`).sort()).toEqual(['host R0', 'hypervisor R0', 'instance R0/0', 'instance R1/0', 'router core-1']);

    const done = await waitUntil('core-1 protected again', async () => {
      const t = await tree('core-1');
      return t.health === 'protected' ? t : undefined;
    });
    expect(guests(done)).toEqual({ 'R0/0': ['STANDBY HOT', 'RUNNING', 'standby'], 'R1/0': ['ACTIVE', 'RUNNING', 'active'] });
    expect(hosts(done)).toEqual([
      ['R0', 'up', 'running'],
      ['R1', 'up', 'running'],
    ]);
    await events.next('core-1 protected event', (m) => m.routerId === r.id && m.health === 'protected');
  });
});

describe('a write in between', () => {
  it('cancels the rest of the plan instead of being overwritten', async () => {
    const res = await forceSwitchover('cut-1', slower);
    expect(res.status).toBe(202);
    const [first, second] = res.body.action.pending;
    const observed = await request<{ router: RouterTree }>(slower.url, 'POST', '/api/v1/routers/cut-1/observations', capture('asr1006Redundancy'), {
      ...bearer(operator),
      'content-type': 'text/plain',
    });
    expect(observed.status).toBe(200);
    const version = observed.body.router.stateVersion;
    expect(version).toBe(3);
    expect(Date.now()).toBeLessThan(Date.parse(first!.at));

    const [row] = await waitUntil('the plan cancelled', async () => {
      const rows = await actionRows(observed.body.router.id);
      return rows[0]?.status === 'cancelled' ? rows : undefined;
    });
    expect(row).toMatchObject({ next_step: 0, cancel_reason: expect.stringMatching(/the router changed \(stateVersion 3, expected 2\) before step 1/) });
    await sleepUntil(second!.at);
    await new Promise((r) => setTimeout(r, 500));
    const after = await tree('cut-1');
    expect(after.stateVersion).toBe(version);
    expect(guests(after)).toEqual(guests(observed.body.router));
    expect((await changes('cut-1')).items.filter((c) => c.actor === 'system:force-switchover')).toEqual([]);
  });
});

describe('two switchovers at once', () => {
  it('are one switchover: the other request is refused or told the router changed, and writes nothing', async () => {
    const [a, b] = await Promise.all([forceSwitchover<Answer | Problem>('twin-1', slower), forceSwitchover<Answer | Problem>('twin-1', slower)]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    const refused = (a.status === 409 ? a : b).body as Problem;
    expect(['CONFLICT', 'SWITCHOVER_REFUSED']).toContain(refused.code);
    const t = await tree('twin-1');
    expect(t.redundancy.switchovers).toBe(1);
    expect(await actionRows(t.id)).toHaveLength(1);
  });
});

describe('later transitions that Redis lost', () => {
  it('are enqueued again from PostgreSQL by the reconciler, and the router still comes back', async () => {
    const res = await forceSwitchover('lost-1', slower);
    expect(res.status).toBe(202);
    const queue = new Queue(QUEUE_NAMES.routerActions, {
      connection: { url: loadConfig().redis.url, maxRetriesPerRequest: null },
      prefix: bullPrefix(stack.prefix, QUEUE_NAMES.routerActions, false),
    });
    try {
      expect(await queue.getDelayedCount()).toBeGreaterThan(0);
      await queue.drain(true);
      expect(await queue.getDelayedCount()).toBe(0);
    } finally {
      await queue.close();
    }
    const done = await waitUntil('lost-1 protected again', async () => {
      const t = await tree('lost-1');
      return t.health === 'protected' ? t : undefined;
    });
    expect(done.stateVersion).toBe(2 + res.body.action.pending.length);
    expect(await actionRows(done.id)).toEqual([expect.objectContaining({ status: 'completed' })]);
  });
});

describe('router-state events', () => {
  it('were published for the routers created, for the observation, and never for a refused switchover', async () => {
    const created = events.messages.filter((m) => m.change === 'created').map((m) => m.hostname);
    expect(created.sort()).toEqual(['bulk-1', 'core-1', 'cut-1', 'dark-1', 'edge-1', 'lone-1', 'lost-1', 'neg-1', 'twin-1']);
    expect(events.messages.filter((m) => m.hostname === 'cut-1').map((m) => [m.stateVersion, m.change])).toEqual([
      [1, 'created'],
      [2, 'updated'],
      [3, 'updated'],
    ]);
    const refused = new Set(['lone-1', 'neg-1', 'dark-1']);
    expect(events.messages.filter((m) => refused.has(m.hostname) && m.change !== 'created')).toEqual([]);
  });

  it('tell a move to another fleet (with the fleet left) and a deletion', async () => {
    const lab = (await tree('lone-1')).fleetId;
    const other = (await admin('POST', '/api/v1/fleets', { name: 'lab2' })).body as { id: string };
    expect((await admin('PATCH', '/api/v1/routers/lone-1', { fleet: 'lab2' })).status).toBe(200);
    const moved = await events.next('the move', (m) => m.hostname === 'lone-1' && m.fleetId === other.id);
    expect(moved).toMatchObject({ previousFleetId: lab, change: 'updated', health: 'degraded', stateVersion: 1 });
    expect((await admin('PATCH', '/api/v1/routers/lone-1', { labels: { site: 'ams' } })).status).toBe(200);

    const dark = await tree('dark-1');
    expect((await admin('DELETE', '/api/v1/routers/dark-1')).status).toBe(204);
    const deleted = await events.next('the deletion', (m) => m.hostname === 'dark-1' && m.change === 'deleted');
    expect(deleted).toMatchObject({ routerId: dark.id, fleetId: lab, health: dark.health, stateVersion: dark.stateVersion });
    expect(events.messages.filter((m) => m.hostname === 'lone-1' && m.change === 'updated')).toHaveLength(1);
  });

  it('are not published one by one for a bulk creation above the limit', async () => {
    expect((await admin('POST', '/api/v1/fleets/lab2/routers', { generate: { count: 101, models: ['ASR1001-X'] } })).status).toBe(201);
    expect((await admin('POST', '/api/v1/fleets/lab2/routers', { hostname: 'marker-1', model: 'ASR1001-X' })).status).toBe(201);
    // One publishing connection keeps its order: anything from the bulk creation would have come first.
    await events.next('the single creation', (m) => m.hostname === 'marker-1' && m.change === 'created');
    expect(events.messages.filter((m) => m.hostname.startsWith('lab2-'))).toEqual([]);
  });
});
