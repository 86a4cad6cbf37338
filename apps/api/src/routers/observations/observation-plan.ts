import { assertSingleActive, ConflictError, hardwareOf, routerHealth, type InstanceStatus, type RouterHardware, type RouterTwinState } from '@asr-twin/domain';
import type { ShowVersionObservation } from '@asr-twin/ios-cli';
import type { TwinStateRecord } from '@asr-twin/persistence';
import { lineOf, PROCESSOR_LINE, type Observed, type ObservationSet } from './observation-parse.js';
import { platformObservation, type PlatformObservation } from './observed-platform.js';
import { checkedUptime, redundancyObservation, twinVersion, type RedundancyObservation } from './observed-redundancy.js';
import { reconcile } from './twin-consistency.js';
import { answeringInstance, originOf, routerVersionOf, stateOriginOf, type TwinOfRouter, viewOf, withRfState } from './twin-view.js';

/** A `show version` or `show platform` of another chassis model is not this router's output. */
function assertChassis(twin: TwinOfRouter, set: ObservationSet): void {
  const seen = [
    set.version && { command: 'show version', chassis: set.version.value.chassis, line: lineOf(set.version.part, PROCESSOR_LINE) },
    set.platform && { command: 'show platform', chassis: set.platform.value.chassis, line: lineOf(set.platform.part, /Chassis type/) },
  ];
  for (const s of seen) {
    if (!s || s.chassis === null || s.chassis === twin.model) continue;
    const message = `${s.command} (line ${s.line}) is the output of an ${s.chassis}; ${twin.hostname} is an ${twin.model}`;
    throw new ConflictError(`the observation contradicts ${twin.hostname}: ${message}`, [{ field: 'output', message }]);
  }
}

/**
 * Instance times stored at or before the boot mean "in this state since the boot" (§8.16); when an observation
 * moves the boot time, they move with it (e.g. a router created from `show version` alone, whose instances
 * otherwise would date from its creation).
 */
function followBoot(redundancy: TwinOfRouter['redundancy'], bootedAt: string): TwinOfRouter['redundancy']['stateSince'] {
  const before = Date.parse(redundancy.bootedAt);
  if (Date.parse(bootedAt) === before) return redundancy.stateSince;
  const moved = Object.entries(redundancy.stateSince).map(([name, since]) => [name, since !== undefined && Date.parse(since) <= before ? bootedAt : since]);
  return Object.fromEntries(moved) as TwinOfRouter['redundancy']['stateSince'];
}

/** RF states, images, uptimes in state, configured mode, counters and system uptime of the redundancy output. */
function applyRedundancy(twin: TwinOfRouter, obs: RedundancyObservation | null, nowMs: number): TwinOfRouter {
  if (!obs) return twin;
  const stored = twin.redundancy;
  const bootedAt = obs.systemUptimeMs === null ? stored.bootedAt : originOf(stored.bootedAt, nowMs, obs.systemUptimeMs);
  const stateSince = { ...followBoot(stored, bootedAt) };
  const instances = twin.state.instances.map((i): InstanceStatus => {
    const seen = obs.instances.find((o) => o.name === i.name);
    if (!seen) return i;
    if (seen.inStateMs !== null) stateSince[i.name] = stateOriginOf(twin, i, nowMs, seen.inStateMs);
    else if (seen.rfState !== i.rfState) stateSince[i.name] = new Date(nowMs).toISOString();
    return { ...withRfState(i, seen.rfState), softwareVersion: seen.version ?? i.softwareVersion };
  });
  const c = obs.counters;
  return {
    ...twin,
    redundancyMode: obs.configuredMode,
    state: { ...twin.state, redundancyMode: obs.configuredMode, instances },
    redundancy: {
      ...stored,
      stateSince,
      bootedAt,
      switchovers: c?.switchovers ?? stored.switchovers,
      standbyFailures: c?.standbyFailures ?? stored.standbyFailures,
      lastSwitchoverReason: c?.lastSwitchoverReason ?? stored.lastSwitchoverReason,
    },
  };
}

/**
 * `show version` is printed by the answering instance (the one holding activity): it gets the release, unless
 * `show redundancy` named that instance's image itself. The uptime line sets the boot time.
 */
function applyVersion(
  twin: TwinOfRouter,
  version: Observed<ShowVersionObservation> | null,
  redundancy: RedundancyObservation | null,
  nowMs: number,
): TwinOfRouter {
  if (!version) return twin;
  const v = version.value;
  const uptimeMs = checkedUptime(v.uptimeMs, `show version (line ${lineOf(version.part, / uptime is /)})`);
  const answering = answeringInstance(twin).name;
  const named = redundancy?.instances.some((i) => i.name === answering && i.version !== null) ?? false;
  const release = v.xeVersion ?? twinVersion(v.iosVersion);
  const instances = twin.state.instances.map((i) => (i.name === answering && !named ? { ...i, softwareVersion: release } : i));
  const bootedAt = originOf(twin.redundancy.bootedAt, nowMs, uptimeMs);
  return {
    ...twin,
    state: { ...twin.state, instances },
    redundancy: { ...twin.redundancy, bootedAt, stateSince: followBoot(twin.redundancy, bootedAt) },
  };
}

/** Host states, ESPs and the population (PIDs, ESPs installed, supply bays) of `show platform`. */
function applyPlatform(twin: TwinOfRouter, platform: PlatformObservation | null): TwinOfRouter {
  if (!platform) return twin;
  const hosts = twin.state.hosts.map((h) => {
    const rp = platform.rps.get(h.slot);
    return rp ? { ...h, state: rp.host } : h;
  });
  return { ...twin, state: withPopulation({ ...twin.state, hosts, esps: platform.esps }, platform) };
}

/**
 * The population `show platform` shows (domain §8.9–§8.11), stored only where it differs from what the twin
 * already assumes, so posting the twin's own output back changes nothing: the PIDs and counts become declared
 * hardware when they differ from the current ones; supply states are kept when one is not ok or already tracked.
 */
function withPopulation(state: RouterTwinState, platform: PlatformObservation): RouterTwinState {
  const seen = platform.hardware;
  const current = hardwareOf(state);
  const installed = seen.psus.filter((p) => p.state !== 'empty').length;
  const observed: RouterHardware = {
    rp: seen.rp ?? current.rp,
    esp: seen.esp ?? current.esp,
    esps: state.esps.length,
    psus: installed > 0 ? installed : current.psus,
    rps: seen.rps > 0 ? seen.rps : (current.rps ?? state.hosts.length),
  };
  const same =
    observed.rp === current.rp &&
    observed.esp === current.esp &&
    observed.esps === current.esps &&
    observed.psus === current.psus &&
    observed.rps === (current.rps ?? state.hosts.length);
  const trackPsus = installed > 0 && (state.psus !== undefined || seen.psus.some((p) => p.state !== 'ok'));
  return {
    ...state,
    ...(same ? {} : { hardware: observed }),
    ...(trackPsus ? { psus: seen.psus } : {}),
  };
}

/** Operating-mode override (only what differs from the derived mode is stored), health and router release. */
function finish(twin: TwinOfRouter, redundancy: RedundancyObservation | null): TwinStateRecord {
  const derived = viewOf(twin, null).operatingMode;
  const operatingMode = redundancy ? (redundancy.operatingMode === derived ? null : redundancy.operatingMode) : twin.redundancy.operatingMode;
  return {
    softwareVersion: routerVersionOf(twin),
    redundancyMode: twin.redundancyMode,
    health: routerHealth(twin.state),
    state: twin.state,
    redundancy: { ...twin.redundancy, operatingMode },
  };
}

/**
 * The twin state a router has after an observation, computed from its stored state (pure; `nowMs` is the
 * wall clock that turns printed uptimes into stored origins). Checks the chassis model (`ConflictError`),
 * maps every parsed output onto the anatomy (`ValidationError` where it cannot be mapped or the outputs
 * contradict each other), reconciles hosts, RP roles, instances and hypervisors, and enforces the
 * single-active invariant (`InvariantViolationError`) before anything is written.
 */
export function planObservation(current: TwinOfRouter, set: ObservationSet, nowMs: number): TwinStateRecord {
  assertChassis(current, set);
  const redundancy = redundancyObservation(set, current.model);
  const platform = set.platform ? platformObservation(set.platform, current.model) : null;
  const nowIso = new Date(nowMs).toISOString();
  let twin = applyRedundancy(current, redundancy, nowMs);
  twin = applyPlatform(twin, platform);
  twin = reconcile(twin, { redundancy, platform }, nowIso);
  assertSingleActive(twin.state);
  // After the RF states are final: show version belongs to the instance that answers then.
  twin = applyVersion(twin, set.version, redundancy, nowMs);
  return finish(twin, redundancy);
}
