import { RF } from '@asr-twin/domain';
import {
  parseShowPlatform,
  parseShowRedundancy,
  parseShowRedundancyStates,
  parseShowVersion,
  redundancyFactsFromShowRedundancy,
  type ParseResult,
} from '@asr-twin/ios-cli';
import type { Fleet, Page } from '@asr-twin/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../apps/api/src/common/problem.js';
import type { ObservationResult } from '../../apps/api/src/routers/observations/observation.service.js';
import type { RouterTree } from '../../apps/api/src/routers/router.presenter.js';
import { bearer, createKey, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { capture } from '../support/ios-captures.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Stored origins are "now minus the printed uptime" at the time of the request. */
const TOLERANCE_MS = 15_000;

let db: TestDatabase;
let api: RunningApi;
let operator: string;

beforeAll(async () => {
  db = await migratedTestDatabase();
  api = await startApi(db.url);
  operator = (await createKey(api, 'noc', 'operator')).key;
  await admin<Fleet>('POST', '/api/v1/fleets', { name: 'lab' });
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const admin = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => request<T>(api.url, method, path, body, bearer(api.adminKey));
const text = { 'content-type': 'text/plain' };
const observe = <T = ObservationResult>(router: string, output: string, key = operator) =>
  request<T>(api.url, 'POST', `/api/v1/routers/${router}/observations`, output, { ...bearer(key), ...text });
const show = async (router: string, command: string): Promise<string> => {
  const res = await admin(`GET`, `/api/v1/routers/${router}/show/${command}`);
  expect(res.status).toBe(200);
  expect(res.contentType).toBe('text/plain; charset=utf-8');
  return res.text;
};
const tree = async (router: string) => (await admin<RouterTree>('GET', `/api/v1/routers/${router}`)).body;
const addRouter = async (hostname: string, model: string, extra: Record<string, unknown> = {}) => {
  expect((await admin('POST', '/api/v1/fleets/lab/routers', { hostname, model, ...extra })).status).toBe(201);
};
const guests = (t: RouterTree) =>
  t.routeProcessors.flatMap((rp) => rp.host.hypervisor.guests.map((g) => [g.name, g.rfState.name, g.domainState, g.softwareVersion]));

function value<T>(result: ParseResult<T>): T {
  if (!result.ok) throw new Error(`did not parse: ${result.error.message}`);
  return result.value;
}

/** `iso` lies `ms` before now, within the tolerance. */
function expectAgo(iso: string | null | undefined, ms: number): void {
  expect(Math.abs(Date.now() - Date.parse(iso ?? '') - ms)).toBeLessThan(TOLERANCE_MS);
}

describe('show redundancy of the ASR1006 capture (dual RP2, SSO, engineering image)', () => {
  const uptime = 15 * HOUR + 4 * MINUTE;

  it('sets images, uptimes and counters of both RPs, logs every change under the key, and changes nothing when posted again', async () => {
    await addRouter('PE1', 'ASR1006');
    const res = await observe('PE1', capture('asr1006Redundancy'));
    expect(res.status).toBe(200);
    const image = '16.4.20170425:070036';
    expect(res.body.changes).toEqual(
      expect.arrayContaining([
        { entity: 'router', key: 'PE1', field: 'softwareVersion', before: '17.3.4a', after: image },
        { entity: 'instance', key: 'R1/0', field: 'softwareVersion', before: '17.3.4a', after: image },
        expect.objectContaining({ entity: 'instance', key: 'R0/0', field: 'stateSince' }),
        expect.objectContaining({ entity: 'router', key: 'PE1', field: 'bootedAt' }),
      ]),
    );
    const t = await tree('PE1');
    expect(t).toMatchObject({ softwareVersion: image, redundancyMode: 'sso', health: 'protected', stateVersion: 2 });
    expect(t.redundancy).toMatchObject({ switchovers: 0, standbyFailures: 0, lastSwitchoverReason: 'none', operatingMode: null });
    expect(guests(t)).toEqual([
      ['R0/0', 'ACTIVE', 'RUNNING', image],
      ['R1/0', 'STANDBY HOT', 'RUNNING', image],
    ]);
    expectAgo(t.redundancy.bootedAt, uptime);
    expectAgo(t.routeProcessors[0]?.host.hypervisor.guests[0]?.stateSince, uptime);
    expectAgo(t.routeProcessors[1]?.host.hypervisor.guests[0]?.stateSince, 15 * HOUR + MINUTE);

    const log = (await admin<Page<{ entity: string; entityKey: string; actor: string; action: string }>>('GET', '/api/v1/routers/PE1/changes')).body;
    expect(log.items.filter((c) => c.action === 'updated').map((c) => [c.entity, c.entityKey, c.actor])).toEqual([
      ['instance', 'R1/0', 'key:noc'],
      ['instance', 'R0/0', 'key:noc'],
      ['router', 'PE1', 'key:noc'],
    ]);

    const again = await observe('PE1', capture('asr1006Redundancy'));
    expect(again.body.changes).toEqual([]);
    expect(again.body.router.stateVersion).toBe(2);
  });

  it("prints show redundancy that parses back to the capture's facts", async () => {
    const twin = value(parseShowRedundancy(await show('PE1', 'redundancy')));
    const device = value(parseShowRedundancy(capture('asr1006Redundancy')));
    const facts = (o: typeof twin) => ({
      ...o,
      current: { ...o.current, image: undefined, boot: undefined },
      peer: o.peer && { ...o.peer, image: undefined, boot: undefined },
    });
    // The image banner and BOOT variable of an engineering build are not stored; its release is.
    expect(facts(twin)).toEqual(facts(device));
    expect(value(redundancyFactsFromShowRedundancy(twin, 'ASR1006'))).toEqual(value(redundancyFactsFromShowRedundancy(device, 'ASR1006')));
  });
});

describe('show platform of the ASR1006 capture (no F1 in the chassis)', () => {
  it('§8.9, §8.10: keeps R0 active and R1 standby, learns a single-ESP population and P1 ps, fail', async () => {
    await addRouter('PE2', 'ASR1006');
    const res = await observe('PE2', capture('asr1006Platform'));
    expect(res.status).toBe(200);
    expect(res.body.changes).toEqual([
      { entity: 'router', key: 'PE2', field: 'espSlots', before: 'F0,F1', after: 'F0' },
      {
        entity: 'router',
        key: 'PE2',
        field: 'hardware',
        before: null,
        after: JSON.stringify({ rp: 'ASR1000-RP2', esp: 'ASR1000-ESP20', esps: 1, psus: 2, rps: 2 }),
      },
      { entity: 'router', key: 'PE2', field: 'psus', before: null, after: 'P0 ok, P1 failed' },
    ]);
    const t = await tree('PE2');
    expect(t.esps.map((e) => [e.slot, e.pid, e.state, e.role, e.forwarding])).toEqual([['F0', 'ASR1000-ESP20', 'ok', 'active', true]]);
    expect(t.powerSupplies).toEqual([
      { slot: 'P0', state: 'ok' },
      { slot: 'P1', state: 'failed' },
    ]);
    expect(t.hardware).toEqual({ rp: 'ASR1000-RP2', esp: 'ASR1000-ESP20', rps: 2, esps: 1, psus: 2, declared: true });
    // One supply lost on a dual-supply chassis costs nothing (§8.9).
    expect(t.health).toBe('protected');

    const slots = (output: string) => new Map(value(parseShowPlatform(output)).slots.map((s) => [s.slot, s.state]));
    const device = slots(capture('asr1006Platform'));
    const twin = slots(await show('PE2', 'platform'));
    for (const slot of ['R0', 'R1', 'F0', 'P0', 'P1']) expect(twin.get(slot)).toBe(device.get(slot));
    expect(twin.has('F1')).toBe(false);
    expect((await observe('PE2', await show('PE2', 'platform'))).body.changes).toEqual([]);
  });
});

describe('show redundancy states captures', () => {
  it('duplex SSO on an ASR1004 that was running RPR: mode sso, peer STANDBY HOT, protected; prints the capture back', async () => {
    await addRouter('asr104', 'ASR1004', { redundancy: 'rpr' });
    expect((await tree('asr104')).health).toBe('degraded');
    const res = await observe('asr104', capture('statesDuplex'));
    expect(res.status).toBe(200);
    expect(res.body.changes.map((c) => `${c.key}.${c.field}: ${String(c.before)} → ${String(c.after)}`)).toEqual(
      expect.arrayContaining([
        'asr104.redundancyMode: rpr → sso',
        'asr104.health: degraded → protected',
        `R0/1.rfState: ${RF.STANDBY_COLD} → ${RF.STANDBY_HOT}`,
      ]),
    );
    const t = await tree('asr104');
    expect(guests(t).map(([name, rf]) => [name, rf])).toEqual([
      ['R0/0', 'ACTIVE'],
      ['R0/1', 'STANDBY HOT'],
    ]);
    expectAgo(t.routeProcessors[0]?.host.hypervisor.guests[1]?.stateSince, 0);
    expect(value(parseShowRedundancyStates(await show('asr104', 'redundancy-states')))).toEqual(value(parseShowRedundancyStates(capture('statesDuplex'))));
  });

  it('simplex on an ASR1002-X: non-redundant, peer DISABLED and shut off, degraded; prints the capture back', async () => {
    await addRouter('simplex-1', 'ASR1002-X');
    expect((await observe('simplex-1', capture('statesSimplex'))).status).toBe(200);
    const t = await tree('simplex-1');
    expect(t).toMatchObject({ redundancyMode: 'none', health: 'degraded' });
    expect(guests(t).map(([name, rf, domain]) => [name, rf, domain])).toEqual([
      ['R0/0', 'ACTIVE', 'RUNNING'],
      ['R0/1', 'DISABLED', 'SHUTOFF'],
    ]);
    const twin = value(parseShowRedundancyStates(await show('simplex-1', 'redundancy-states')));
    // The number of registered RF clients (111 in the capture) is not modelled.
    expect({ ...twin, clientCount: 111 }).toEqual(value(parseShowRedundancyStates(capture('statesSimplex'))));
  });
});

describe('show version of the ASR1001 capture (IOS-XE 3.9.1S)', () => {
  const uptime = DAY + 15 * HOUR + 32 * MINUTE;
  const modelled = (o: ReturnType<typeof parseShowVersion>) => {
    const v = value(o);
    return {
      hostname: v.hostname,
      xeVersion: v.xeVersion,
      iosVersion: v.iosVersion,
      imageId: v.imageId,
      uptimeMs: v.uptimeMs,
      controlProcessorUptimeMs: v.controlProcessorUptimeMs,
      systemImage: v.systemImage,
      model: v.model,
      serial: v.serial,
      license: [v.licenseLevel, v.licenseType],
      configRegister: v.configRegister,
      rommon: v.rommon,
    };
  };

  it('creates the router from the capture alone and prints show version back', async () => {
    const res = await request<ObservationResult>(api.url, 'POST', '/api/v1/fleets/lab/routers/observations', capture('asr1001Version'), {
      ...bearer(api.adminKey),
      ...text,
    });
    expect(res.status).toBe(201);
    const t = res.body.router;
    expect(t).toMatchObject({ hostname: 'my_device', model: 'ASR1001', serial: 'SSI1289001MH', softwareVersion: '3.9.1S', redundancyMode: 'sso' });
    expect(guests(t).map(([name, , , version]) => [name, version])).toEqual([
      ['R0/0', '3.9.1S'],
      ['R0/1', '3.9.1S'],
    ]);
    expectAgo(t.redundancy.bootedAt, uptime);
    expect(modelled(parseShowVersion(await show('my_device', 'version')))).toEqual(modelled(parseShowVersion(capture('asr1001Version'))));
    const log = (await admin<Page<{ entity: string; entityKey: string; action: string; actor: string }>>('GET', '/api/v1/routers/my_device/changes')).body;
    // The boot moves back by the printed uptime; both instances, in their states since the boot, move with it (§8.16).
    expect(log.items.map((c) => [c.action, c.entity, c.entityKey, c.actor])).toEqual([
      ...['R0/1', 'R0/0'].map((name) => ['updated', 'instance', name, 'key:bootstrap-admin']),
      ['updated', 'router', 'my_device', 'key:bootstrap-admin'],
      ['created', 'router', 'my_device', 'key:bootstrap-admin'],
    ]);
    const units = value(parseShowRedundancy(await show('my_device', 'redundancy')));
    expect([units.current.uptimeInStateMs, units.peer?.uptimeInStateMs]).toEqual([uptime, uptime - 3 * MINUTE]);
  });

  it('updates the answering instance of an existing ASR1001 only', async () => {
    // An ASR1001 runs 3.x only (domain §8.11): the stored router starts on another 3.x release.
    await addRouter('edge-1001', 'ASR1001', { version: '3.16.10S' });
    const res = await observe('edge-1001', capture('asr1001Version'));
    expect(res.status).toBe(200);
    expect(guests(res.body.router).map(([name, , , version]) => [name, version])).toEqual([
      ['R0/0', '3.9.1S'],
      ['R0/1', '3.16.10S'],
    ]);
    expect(res.body.router.softwareVersion).toBe('3.9.1S');
    // Hostname and serial identify the twin's router; an observation does not rename it.
    expect(res.body.router.hostname).toBe('edge-1001');
  });

  it('refuses a second router with the same hostname', async () => {
    const res = await request<Problem>(api.url, 'POST', '/api/v1/fleets/lab/routers/observations', { output: capture('asr1001Version') }, bearer(api.adminKey));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'CONFLICT', errors: [{ field: 'hostname' }] });
  });
});

describe('show version of the ASR1001-X capture (IOS-XE 17.5.1a, controller-managed)', () => {
  const uptime = 4 * 7 * DAY + 14 * HOUR + 49 * MINUTE;

  it('§8.13/§8.16: creates the router from show version alone; the twin prints the 17.x text and dates its units from the boot', async () => {
    const res = await request<ObservationResult>(api.url, 'POST', '/api/v1/fleets/lab/routers/observations', capture('asr1001xVersion17'), {
      ...bearer(api.adminKey),
      ...text,
    });
    expect(res.status).toBe(201);
    expect(res.body.router).toMatchObject({ hostname: 'COL-B-ASR1001-X-1', model: 'ASR1001-X', serial: 'FXS2412Q36T', softwareVersion: '17.5.1a' });
    expectAgo(res.body.router.redundancy.bootedAt, uptime);
    const version = await show('COL-B-ASR1001-X-1', 'version');
    expect(value(parseShowVersion(version))).toMatchObject({ xeVersion: '17.5.1a', uptimeMs: uptime, model: 'ASR1001-X', serial: 'FXS2412Q36T' });
    expect(version).toContain('\nexport@cisco.com.\n');
    // The licence mode is not stored: the twin prints its documented default, autonomous.
    expect(version).toContain('\nRouter operating mode: Autonomous\n');
    const redundancy = value(parseShowRedundancy(await show('COL-B-ASR1001-X-1', 'redundancy')));
    expect([redundancy.systemUptimeMs, redundancy.current.uptimeInStateMs, redundancy.peer?.uptimeInStateMs]).toEqual([uptime, uptime, uptime - 3 * MINUTE]);
  });
});

describe('a switchover and a multi-command paste', () => {
  it('applies show redundancy and show platform of one session in one transaction', async () => {
    await addRouter('core-9', 'ASR1009-X');
    const redundancy = capture('asr1006Redundancy')
      .replace('Switchovers system experienced = 0', 'Switchovers system experienced = 1')
      .replace('Last switchover reason = none', 'Last switchover reason = user forced')
      .replace('Active Location = slot 6', 'Active Location = slot 7')
      .replace('Standby Location = slot 7', 'Standby Location = slot 6');
    const platform = (await show('core-9', 'platform'))
      .replace(/^(R0\s+\S+\s+)ok, active /m, '$1ok, standby')
      .replace(/^(R1\s+\S+\s+)ok, standby/m, '$1ok, active ');
    const paste = `core-9#terminal length 0\ncore-9#show redundancy\n${redundancy}\ncore-9#show platform\n${platform}core-9#`;
    const res = await observe('core-9', paste);
    expect(res.status).toBe(200);
    expect(res.body.router.stateVersion).toBe(2);
    expect(guests(res.body.router).map(([name, rf]) => [name, rf])).toEqual([
      ['R0/0', 'STANDBY HOT'],
      ['R1/0', 'ACTIVE'],
    ]);
    expect(res.body.router.redundancy).toMatchObject({ switchovers: 1, lastSwitchoverReason: 'user forced' });
    const states = value(parseShowRedundancyStates(await show('core-9', 'redundancy-states')));
    expect(states).toMatchObject({ myState: RF.ACTIVE, peerState: RF.STANDBY_HOT, unit: 'secondary' });
    expect(value(parseShowVersion(await show('core-9', 'version'))).uptimeMs).toBe(15 * HOUR + 4 * MINUTE);
  });
});

describe('show platform of a single RP with two IOSd (domain §8.14)', () => {
  const roles = (t: RouterTree) => guests(t).map(([name, rf]) => [name, rf]);

  it('reads the HA roles off the sub-slot rows R0/0 and R0/1, and a round trip of its own output changes nothing', async () => {
    await addRouter('sub-1', 'ASR1002-X', { redundancy: 'sso' });
    const platform = await show('sub-1', 'platform');
    expect(platform).toMatch(/^R0 +ASR1002-X +ok {5,}/m);
    expect(platform).toMatch(/^ R0\/0 +ok, active /m);
    expect(platform).toMatch(/^ R0\/1 +ok, standby /m);
    const same = await observe('sub-1', platform);
    expect(same.status).toBe(200);
    expect(roles(await tree('sub-1'))).toEqual([
      ['R0/0', 'ACTIVE'],
      ['R0/1', 'STANDBY HOT'],
    ]);

    const swapped = platform.replace(/^( R0\/0 +)ok, active /m, '$1ok, standby').replace(/^( R0\/1 +)ok, standby/m, '$1ok, active ');
    const res = await observe('sub-1', swapped);
    expect(res.status).toBe(200);
    expect(roles(await tree('sub-1'))).toEqual([
      ['R0/0', 'STANDBY HOT'],
      ['R0/1', 'ACTIVE'],
    ]);
    expect((await observe('sub-1', await show('sub-1', 'platform'))).body.changes).toEqual([]);
  });

  it('refuses sub-slot roles that contradict show redundancy in the same paste, and changes nothing', async () => {
    await addRouter('sub-2', 'ASR1002-X', { redundancy: 'sso' });
    const before = await tree('sub-2');
    const platform = (await show('sub-2', 'platform')).replace(/^( R0\/0 +)ok, active /m, '$1ok, standby');
    const paste = `sub-2#show redundancy\n${await show('sub-2', 'redundancy')}\nsub-2#show platform\n${platform}`;
    const res = await observe<Problem>('sub-2', paste);
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/show platform \(line \d+\) says R0\/0 is "ok, standby", show redundancy \(line \d+\) puts R0\/0 in ACTIVE/);
    expect(await tree('sub-2')).toEqual(before);
  });
});
