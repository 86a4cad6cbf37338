import {
  CHASSIS_MODELS,
  HOST_STATES,
  initialRouterState,
  REDUNDANCY_MODES,
  RF_STATES,
  holdsActivity,
  type ChassisModel,
  type HostState,
  type RedundancyMode,
  type RfStateCode,
  type RouterTwinState,
} from '@asr-twin/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTROL_PROCESSOR_LEAD_MS, defaultShowContext } from './default-show-context.js';
import { detectShowCommand } from './detect-show-command.js';
import { redundancyFactsFromShowRedundancy, redundancyFactsFromShowRedundancyStates } from './observed-redundancy.js';
import { SHOW_COMMANDS } from './parse-result.js';
import { redundancyView } from './redundancy-view.js';
import { renderShow } from './render-show.js';
import { SWITCHOVER_REASONS, type SwitchoverReason } from '@asr-twin/domain';
import type { ShowContext } from './show-context.js';
import { parseShowPlatform } from './show-platform.parser.js';
import { espStateText, rpStateText } from './show-platform.renderer.js';
import { parseShowRedundancyStates } from './show-redundancy-states.parser.js';
import { parseShowRedundancy } from './show-redundancy.parser.js';
import { parseShowVersion } from './show-version.parser.js';
import { truncateToMinute, YEAR_MS } from './uptime.format.js';
import { isSmartLicensingRelease } from './version-license.js';
import { iosdVersion, normalizeXeVersion, parseXeVersion } from './xe-version.js';

interface Scenario {
  readonly model: ChassisModel;
  readonly mode: RedundancyMode;
  readonly rf: readonly [RfStateCode, RfStateCode];
  readonly versions: readonly [string, string];
  readonly peerHost: HostState;
  readonly switchovers: number;
  readonly standbyFailures: number;
  readonly reason: SwitchoverReason;
  readonly uptimeMs: number;
  readonly inStateMs: readonly [number, number];
  readonly hostname: string;
  readonly clientCount: number;
}

const VERSIONS = ['3.9.1S', '3.13.9S', '3.16.4aS', '16.3.7', '16.9.4', '16.12.5', '17.3.4a', '17.5.1a', '17.9.5', '17.15.1'];
const RF_CODES = RF_STATES.map((s) => s.code);

function contextOf(s: Scenario): ShowContext {
  const base = initialRouterState({ model: s.model, redundancyMode: s.mode, softwareVersion: s.versions[0] });
  const state: RouterTwinState = {
    ...base,
    instances: base.instances.map((i, n) => ({ ...i, rfState: s.rf[n] ?? i.rfState, softwareVersion: s.versions[n] ?? '' })),
    hosts: base.hosts.map((h, n) => (n === 1 ? { ...h, state: s.peerHost } : h)),
  };
  const [first, second] = state.instances;
  return defaultShowContext(
    { hostname: s.hostname, model: s.model, state },
    {
      systemUptimeMs: s.uptimeMs,
      controlProcessorUptimeMs: s.uptimeMs + CONTROL_PROCESSOR_LEAD_MS,
      timeInStateMs: { [first?.name ?? 'R0/0']: s.inStateMs[0], [second?.name ?? 'R0/1']: s.inStateMs[1] },
      switchovers: s.switchovers,
      standbyFailures: s.standbyFailures,
      lastSwitchoverReason: s.reason,
      rf: { clientCount: s.clientCount, clientNotificationTimerMs: 30_000, debugMask: '0x0', unitIds: { primary: 48, secondary: 49 } },
    },
  );
}

const byName = <T extends { readonly name: string }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => a.name.localeCompare(b.name));
const twinInstances = (ctx: ShowContext) => byName(ctx.state.instances.map(({ name, rfState }) => ({ name, rfState })));

function checkShowRedundancy(s: Scenario, ctx: ShowContext): void {
  const parsed = parseShowRedundancy(renderShow('show redundancy', ctx));
  if (!parsed.ok) throw new TypeError(`show redundancy did not parse: ${parsed.error.message}`);
  const obs = parsed.value;
  const view = redundancyView(ctx);
  expect(obs).toMatchObject({
    systemUptimeMs: truncateToMinute(s.uptimeMs),
    switchovers: s.switchovers,
    standbyFailures: s.standbyFailures,
    lastSwitchoverReason: s.reason,
    configuredMode: s.mode,
    hardwareMode: view.hardwareMode,
    operatingMode: view.operatingMode,
    communications: { up: view.communicationsUp },
  });
  const facts = redundancyFactsFromShowRedundancy(obs, s.model);
  expect(facts.ok && byName(facts.value.instances)).toEqual(twinInstances(ctx));
  const answering = ctx.state.instances.findIndex((i) => i.name === view.current.name);
  // §8.16: no unit is in a state longer than the system is up.
  const printedInState = (n: number) => truncateToMinute(Math.min(s.inStateMs[n] ?? -1, s.uptimeMs));
  expect(obs.current.uptimeInStateMs).toBe(printedInState(answering));
  if (obs.peer) expect(obs.peer.uptimeInStateMs).toBe(printedInState(1 - answering));
  const peerVersion = parseXeVersion(s.versions[1 - answering] ?? '');
  if (obs.peer && peerVersion) expect(obs.peer.imageVersion).toBe(iosdVersion(peerVersion));
}

function checkShowRedundancyStates(s: Scenario, ctx: ShowContext): void {
  const parsed = parseShowRedundancyStates(renderShow('show redundancy states', ctx));
  if (!parsed.ok) throw new TypeError(`show redundancy states did not parse: ${parsed.error.message}`);
  const view = redundancyView(ctx);
  expect(parsed.value).toMatchObject({
    myState: view.current.rfState,
    peerState: view.peer.rfState,
    hardwareMode: view.hardwareMode,
    configuredMode: s.mode,
    manualSwact: { enabled: view.manualSwact.kind === 'enabled' },
    clientCount: s.clientCount,
  });
  const facts = redundancyFactsFromShowRedundancyStates(parsed.value, s.model);
  expect(facts.ok && byName(facts.value.instances)).toEqual(twinInstances(ctx));
}

function checkShowVersion(s: Scenario, ctx: ShowContext): void {
  const parsed = parseShowVersion(renderShow('show version', ctx));
  const answering = redundancyView(ctx).current.name;
  const version = ctx.state.instances.find((i) => i.name === answering)?.softwareVersion ?? '';
  expect(parsed.ok && parsed.value).toMatchObject({
    hostname: s.hostname,
    uptimeMs: truncateToMinute(s.uptimeMs),
    controlProcessorUptimeMs: truncateToMinute(s.uptimeMs + CONTROL_PROCESSOR_LEAD_MS),
    xeVersion: normalizeXeVersion(version),
    model: s.model,
    serial: ctx.serial,
    configRegister: '0x2102',
    licenseLevel: ctx.license.level,
    routerOperatingMode: isSmartLicensingRelease(parseXeVersion(version)) ? 'Autonomous' : null,
  });
}

function checkShowPlatform(s: Scenario, ctx: ShowContext): void {
  const parsed = parseShowPlatform(renderShow('show platform', ctx));
  if (!parsed.ok) throw new TypeError(`show platform did not parse: ${parsed.error.message}`);
  const states = new Map(parsed.value.slots.map((slot) => [slot.slot, slot.state]));
  expect(parsed.value.model).toBe(s.model);
  for (const host of ctx.state.hosts) expect(states.get(host.slot)).toBe(rpStateText(host, ctx.state.instances));
  for (const esp of ctx.state.esps) expect(states.get(esp.slot)).toBe(espStateText(esp));
}

function checkAll(s: Scenario): void {
  const ctx = contextOf(s);
  checkShowRedundancy(s, ctx);
  checkShowRedundancyStates(s, ctx);
  checkShowVersion(s, ctx);
  checkShowPlatform(s, ctx);
  for (const command of SHOW_COMMANDS) expect(detectShowCommand(renderShow(command, ctx))).toEqual({ ok: true, value: command });
}

const typical: Omit<Scenario, 'model' | 'mode' | 'rf'> = {
  versions: ['17.3.4a', '17.3.4a'],
  peerHost: 'up',
  switchovers: 2,
  standbyFailures: 1,
  reason: 'active unit failed',
  uptimeMs: 3 * 86_400_000 + 61_000,
  inStateMs: [86_400_000, 180_000],
  hostname: 'edge-1',
  clientCount: 76,
};

describe('render → parse gives the twin state back', () => {
  it('for every chassis model, redundancy mode and RF state of the peer (active primary)', () => {
    for (const model of CHASSIS_MODELS) {
      for (const mode of REDUNDANCY_MODES) {
        for (const peer of RF_CODES) checkAll({ ...typical, model, mode, rf: [13, peer] });
      }
    }
  });

  it('for any pair of RF states that keeps a single active, any counters, uptimes, versions and host states', () => {
    const scenario = fc.record({
      model: fc.constantFrom(...CHASSIS_MODELS),
      mode: fc.constantFrom(...REDUNDANCY_MODES),
      rf: fc.tuple(fc.constantFrom(...RF_CODES), fc.constantFrom(...RF_CODES)).filter(([a, b]) => !(holdsActivity(a) && holdsActivity(b))),
      versions: fc.tuple(fc.constantFrom(...VERSIONS), fc.constantFrom(...VERSIONS)),
      peerHost: fc.constantFrom(...HOST_STATES),
      switchovers: fc.nat({ max: 1_000_000 }),
      standbyFailures: fc.nat({ max: 10_000 }),
      reason: fc.constantFrom(...SWITCHOVER_REASONS),
      uptimeMs: fc.integer({ min: 0, max: 15 * YEAR_MS }),
      inStateMs: fc.tuple(fc.integer({ min: 0, max: 15 * YEAR_MS }), fc.integer({ min: 0, max: 15 * YEAR_MS })),
      hostname: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,20}$/),
      clientCount: fc.nat({ max: 500 }),
    });
    fc.assert(
      fc.property(scenario, (s) => checkAll(s)),
      { numRuns: 300 },
    );
  });
});
