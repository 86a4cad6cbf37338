import { RF } from '@asr-twin/domain';
import { parseShowRedundancy, parseShowRedundancyStates, type ParseResult } from '@asr-twin/ios-cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObservationResult } from '../../apps/api/src/routers/observations/observation.service.js';
import type { RouterTree } from '../../apps/api/src/routers/router.presenter.js';
import { bearer, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { capture } from '../support/ios-captures.js';

let db: TestDatabase;
let api: RunningApi;

beforeAll(async () => {
  db = await migratedTestDatabase();
  api = await startApi(db.url);
  await admin('POST', '/api/v1/fleets', { name: 'lab' });
  const models = { 'boot-6': 'ASR1006', 'flip-6': 'ASR1006', 'gone-6': 'ASR1006', 'mismatch-4': 'ASR1004' };
  await admin(
    'POST',
    '/api/v1/fleets/lab/routers',
    Object.entries(models).map(([hostname, model]) => ({ hostname, model })),
  );
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const admin = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => request<T>(api.url, method, path, body, bearer(api.adminKey));
const observe = (router: string, output: string) =>
  request<ObservationResult>(api.url, 'POST', `/api/v1/routers/${router}/observations`, output, { ...bearer(api.adminKey), 'content-type': 'text/plain' });
const show = async (router: string, command: string) => (await admin('GET', `/api/v1/routers/${router}/show/${command}`)).text;
const platformOf = async (router: string) => show(router, 'platform');
const summary = (t: RouterTree) => ({
  health: t.health,
  hosts: t.routeProcessors.map((rp) => [rp.slot, rp.host.state, rp.host.hypervisor.state]),
  guests: t.routeProcessors.flatMap((rp) => rp.host.hypervisor.guests.map((g) => [g.name, g.rfState.name, g.domainState])),
});

function value<T>(result: ParseResult<T>): T {
  if (!result.ok) throw new Error(`did not parse: ${result.error.message}`);
  return result.value;
}

describe('show platform', () => {
  it('an RP that is booting: its host reboots, its IOS stops, the router loses redundancy', async () => {
    const platform = (await platformOf('boot-6')).replace(/^(R1\s+\S+\s+)ok, standby/m, '$1booting    ');
    const res = await observe('boot-6', platform);
    expect(res.status).toBe(200);
    expect(summary(res.body.router)).toEqual({
      health: 'degraded',
      hosts: [
        ['R0', 'up', 'running'],
        ['R1', 'rebooting', 'down'],
      ],
      guests: [
        ['R0/0', 'ACTIVE', 'RUNNING'],
        ['R1/0', 'DISABLED', 'SHUTOFF'],
      ],
    });
    expect(res.body.changes.map((c) => `${c.entity} ${c.key} ${c.field}`)).toEqual([
      'router boot-6 health',
      'host R1 state',
      'hypervisor R1 state',
      'instance R1/0 rfState',
      'instance R1/0 domainState',
      'instance R1/0 stateSince',
    ]);
  });

  it('RP roles swapped on a dual-RP chassis, without redundancy output: the instances follow their RPs', async () => {
    const platform = (await platformOf('flip-6')).replace(/^(R0\s+\S+\s+)ok, active /m, '$1ok, standby').replace(/^(R1\s+\S+\s+)ok, standby/m, '$1ok, active ');
    const res = await observe('flip-6', platform);
    expect(res.status).toBe(200);
    expect(summary(res.body.router).guests).toEqual([
      ['R0/0', 'STANDBY HOT', 'RUNNING'],
      ['R1/0', 'ACTIVE', 'RUNNING'],
    ]);
    const states = value(parseShowRedundancyStates(await show('flip-6', 'redundancy-states')));
    expect(states).toMatchObject({ myState: RF.ACTIVE, peerState: RF.STANDBY_HOT, unit: 'secondary' });
  });
});

describe('show redundancy', () => {
  it('a dual-RP chassis in Simplex with SSO configured: the peer RP is gone, and show redundancy says so again', async () => {
    const simplex = capture('asr1006Redundancy')
      .replace('Hardware Mode = Duplex', 'Hardware Mode = Simplex')
      .replace('Operating Redundancy Mode = sso', 'Operating Redundancy Mode = Non-redundant')
      .replace('Communications = Up', 'Communications = Down      Reason: Failure')
      .replace(/Peer Processor Information :[\s\S]*$/, "Peer (slot: 7) information is not available because it is in 'DISABLED' state\n");
    const res = await observe('gone-6', simplex);
    expect(res.status).toBe(200);
    expect(summary(res.body.router)).toEqual({
      health: 'degraded',
      hosts: [
        ['R0', 'up', 'running'],
        ['R1', 'down', 'down'],
      ],
      guests: [
        ['R0/0', 'ACTIVE', 'RUNNING'],
        ['R1/0', 'DISABLED', 'SHUTOFF'],
      ],
    });
    expect(res.body.router.redundancy.operatingMode).toBeNull();
    const twin = value(parseShowRedundancy(await show('gone-6', 'redundancy')));
    expect(twin).toMatchObject({
      hardwareMode: 'Simplex',
      configuredMode: 'sso',
      operatingMode: 'none',
      communications: { up: false },
      unavailablePeer: { slot: '7', rfState: RF.DISABLED },
    });
    expect((await observe('gone-6', simplex)).body.changes).toEqual([]);
  });

  it('SSO configured but RPR operating (an image mismatch): the operating mode is kept and printed', async () => {
    const mismatch = capture('asr1006Redundancy')
      .replace('Operating Redundancy Mode = sso', 'Operating Redundancy Mode = rpr')
      .replace('STANDBY HOT ', 'STANDBY COLD');
    const res = await observe('mismatch-4', mismatch);
    expect(res.status).toBe(200);
    expect(res.body.router).toMatchObject({ redundancyMode: 'sso', health: 'degraded', redundancy: { operatingMode: 'rpr' } });
    expect(summary(res.body.router).guests).toEqual([
      ['R0/0', 'ACTIVE', 'RUNNING'],
      ['R0/1', 'STANDBY COLD', 'RUNNING'],
    ]);
    expect(value(parseShowRedundancy(await show('mismatch-4', 'redundancy')))).toMatchObject({ configuredMode: 'sso', operatingMode: 'rpr' });
    const healed = await observe('mismatch-4', capture('asr1006Redundancy'));
    expect(healed.body.router.redundancy.operatingMode).toBeNull();
    expect(healed.body.router.health).toBe('protected');
  });
});
