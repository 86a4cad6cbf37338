import { holdsActivity, RF, type ChassisModel, type DomainState, type InstanceStatus, type RedundancyMode, type RfStateCode } from '@asr-twin/domain';
import { defaultShowContext, redundancyView, shownStateSinceMs, standbyHotAfterStartMs, timeToReachStateMs, type RedundancyView } from '@asr-twin/ios-cli';
import type { TwinStateRecord } from '@asr-twin/persistence';

/** A router's stored twin state with what identifies its anatomy. */
export interface TwinOfRouter extends TwinStateRecord {
  readonly hostname: string;
  readonly model: ChassisModel;
}

/** The redundancy view the `show` commands would print for `twin` (the library's rules), `operatingMode` as given. */
export function viewOf(twin: TwinOfRouter, operatingMode: RedundancyMode | null): RedundancyView {
  return redundancyView(defaultShowContext({ hostname: twin.hostname, model: twin.model, state: twin.state }, { operatingMode }));
}

/** The instance whose CLI answers (`show version` comes from it): the library's choice, see `redundancyView`. */
export function answeringInstance(twin: TwinOfRouter): InstanceStatus {
  const name = viewOf(twin, null).current.name;
  const found = twin.state.instances.find((i) => i.name === name);
  if (!found) throw new Error(`instance ${name} missing from the twin state`);
  return found;
}

/** The router's release: that of the instance holding activity, else of the answering one. */
export function routerVersionOf(twin: TwinOfRouter): string {
  return (twin.state.instances.find((i) => holdsActivity(i.rfState)) ?? answeringInstance(twin)).softwareVersion;
}

/**
 * libvirt domain state that fits an RF state. An instance anywhere in the RF progression (INITIALIZATION and
 * up) runs. DISABLED means IOS is not running: a running guest becomes SHUTOFF (as the simplex peer of a new
 * router), a guest already stopped in another way (CRASHED, PAUSED, …) keeps that state. UNKNOWN says nothing
 * about the guest, which keeps its state.
 */
export function domainStateFor(rf: RfStateCode, current: DomainState): DomainState {
  if (rf >= RF.INITIALIZATION) return 'RUNNING';
  if (rf === RF.DISABLED && (current === 'RUNNING' || current === 'BLOCKED')) return 'SHUTOFF';
  return current;
}

/** One instance with a new RF state and the domain state that fits it. */
export function withRfState(instance: InstanceStatus, rf: RfStateCode): InstanceStatus {
  return { ...instance, rfState: rf, domainState: domainStateFor(rf, instance.domainState) };
}

const MINUTE_MS = 60_000;
/** Time between a device printing an uptime and the twin reading it that still counts as "the same" origin. */
const CLOCK_SLACK_MS = 5_000;

/**
 * Origin (ISO time) of a duration the CLI printed in whole minutes, measured back from `nowMs`. The stored
 * origin is kept when it fits the printed value (the true origin lies within the minute before
 * `now − printed`), so posting the twin's own output back changes nothing; otherwise `now − printed`.
 */
export function originOf(stored: string | undefined, nowMs: number, printedMs: number): string {
  const origin = nowMs - printedMs;
  const kept = stored === undefined ? Number.NaN : Date.parse(stored);
  if (kept > origin - MINUTE_MS - CLOCK_SLACK_MS && kept <= origin + CLOCK_SLACK_MS) return stored as string;
  return new Date(origin).toISOString();
}

/**
 * Origin (ISO time) of an instance's printed `Uptime in current state`: its stored time is kept when the printed
 * value fits the time the twin itself shows for it (`shownStateSinceMs`, §8.16: a time stored at the boot counts
 * from the boot plus the time to reach the state), so posting the twin's own output back changes nothing;
 * otherwise `now − printed`.
 */
export function stateOriginOf(twin: TwinOfRouter, instance: InstanceStatus, nowMs: number, printedMs: number): string {
  const stored = twin.redundancy.stateSince[instance.name];
  if (stored === undefined) return originOf(undefined, nowMs, printedMs);
  const reachMs = timeToReachStateMs(instance.rfState, standbyHotAfterStartMs(twin.model));
  const shown = new Date(shownStateSinceMs(Date.parse(stored), Date.parse(twin.redundancy.bootedAt), reachMs, nowMs)).toISOString();
  const origin = originOf(shown, nowMs, printedMs);
  return origin === shown ? stored : origin;
}
