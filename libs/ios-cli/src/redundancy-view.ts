import {
  chassisAnatomy,
  hardwareOf,
  holdsActivity,
  isStandbyCold,
  RF,
  ValidationError,
  type InstanceName,
  type InstanceStatus,
  type RedundancyMode,
  type RfStateCode,
} from '@asr-twin/domain';
import { iosImage, type IosImage } from './ios-image.js';
import type { ShowContext } from './show-context.js';
import { timeInCurrentStateMs, timeToReachStateMs } from './state-time.js';

/** One IOS instance as the redundancy commands present it. */
export interface InstanceView {
  readonly name: InstanceName;
  /** `slot 6` / `slot 7` (domain chassis anatomy `redundancySlot`). */
  readonly slot: 6 | 7;
  readonly unit: 'primary' | 'secondary';
  readonly rfState: RfStateCode;
  /** `Uptime in current state`: never above the system uptime (§8.16, `timeInCurrentStateMs`). */
  readonly uptimeInStateMs: number;
  readonly image: IosImage;
  readonly boot: string;
}

/**
 * What both redundancy commands derive from a context. Choices, where the captures leave gaps:
 * - The CLI answering is the instance that holds activity; with none, the one furthest along in RF (ties:
 *   the Primary), as on a standby console. Its location label follows its role (`Active`/`Standby`).
 * - The peer is "not available" (one line instead of a block) in DISABLED, as captured, and in UNKNOWN.
 * - Hardware mode is Simplex when the configured mode is non-redundant or the peer's RP host is down
 *   (RP removed or failed, domain §7 #4); Duplex otherwise.
 * - Communications are Up when Duplex and the peer is available.
 * - Operating mode: the context's override, else non-redundant in Simplex, else the configured mode.
 * - Manual swact: refused in Simplex, from a non-active console, and while the peer has not reached its
 *   terminal standby state (STANDBY HOT under SSO, STANDBY COLD or HOT under RPR).
 */
export interface RedundancyView {
  readonly current: InstanceView;
  readonly peer: InstanceView;
  readonly peerAvailable: boolean;
  readonly hardwareMode: 'Duplex' | 'Simplex';
  readonly configuredMode: RedundancyMode;
  readonly operatingMode: RedundancyMode;
  readonly communicationsUp: boolean;
  readonly manualSwact: ManualSwact;
}

/** `Manual Swact = …` of `show redundancy states`. */
export type ManualSwact =
  { readonly kind: 'enabled' } | { readonly kind: 'simplex' } | { readonly kind: 'standby-console' } | { readonly kind: 'peer-not-ready' };

/** Index (0 or 1) of the instance whose CLI answers. */
export function answeringIndex(instances: readonly InstanceStatus[]): 0 | 1 {
  const [first, second] = pairOf(instances);
  if (holdsActivity(first.rfState)) return 0;
  if (holdsActivity(second.rfState)) return 1;
  return second.rfState > first.rfState ? 1 : 0;
}

function pairOf(instances: readonly InstanceStatus[]): readonly [InstanceStatus, InstanceStatus] {
  const [first, second] = instances;
  if (!first || !second) {
    throw new ValidationError('a router state needs its two IOS instances to render redundancy output', [
      { field: 'state.instances', message: `expected 2 instances, got ${instances.length}` },
    ]);
  }
  return [first, second];
}

export function isPeerAvailable(rfState: RfStateCode): boolean {
  return rfState !== RF.DISABLED && rfState !== RF.UNKNOWN;
}

function instanceView(ctx: ShowContext, instance: InstanceStatus): InstanceView {
  const placement = chassisAnatomy(ctx.state.model).instances.find((p) => p.name === instance.name);
  if (!placement) {
    throw new ValidationError(`instance ${instance.name} does not exist on a ${ctx.state.model}`, [
      { field: 'state.instances', message: `unknown instance ${instance.name}` },
    ]);
  }
  const image = ctx.images[instance.name] ?? iosImage(ctx.state.model, instance.softwareVersion, hardwareOf(ctx.state).rp);
  return {
    name: instance.name,
    slot: placement.redundancySlot,
    unit: placement.unit,
    rfState: instance.rfState,
    uptimeInStateMs: timeInCurrentStateMs(
      ctx.timeInStateMs[instance.name],
      ctx.systemUptimeMs,
      timeToReachStateMs(instance.rfState, ctx.standbyHotAfterStartMs),
    ),
    image,
    boot: ctx.bootVariable ?? `bootflash:${image.fileName},12;`,
  };
}

function isTerminalStandby(mode: RedundancyMode, rfState: RfStateCode): boolean {
  if (rfState === RF.STANDBY_HOT) return true;
  return mode === 'rpr' && isStandbyCold(rfState);
}

function manualSwact(view: Omit<RedundancyView, 'manualSwact'>): ManualSwact {
  if (view.hardwareMode === 'Simplex') return { kind: 'simplex' };
  if (!holdsActivity(view.current.rfState)) return { kind: 'standby-console' };
  if (!isTerminalStandby(view.operatingMode, view.peer.rfState)) return { kind: 'peer-not-ready' };
  return { kind: 'enabled' };
}

/** The redundancy facts of a context; throws `ValidationError` when the state does not fit its model. */
export function redundancyView(ctx: ShowContext): RedundancyView {
  const instances = pairOf(ctx.state.instances);
  const index = answeringIndex(instances);
  const current = instanceView(ctx, instances[index]);
  const peer = instanceView(ctx, instances[index === 0 ? 1 : 0]);
  const peerHost = ctx.state.hosts.find((h) => h.slot === instances[index === 0 ? 1 : 0].host);
  const configuredMode = ctx.state.redundancyMode;
  const simplex = configuredMode === 'none' || peerHost?.state === 'down';
  const peerAvailable = isPeerAvailable(peer.rfState);
  const base = {
    current,
    peer,
    peerAvailable,
    hardwareMode: simplex ? 'Simplex' : 'Duplex',
    configuredMode,
    operatingMode: ctx.operatingMode ?? (simplex ? 'none' : configuredMode),
    communicationsUp: !simplex && peerAvailable,
  } as const;
  return { ...base, manualSwact: manualSwact(base) };
}
