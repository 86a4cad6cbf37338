import type { EspSlot, InstanceName, RedundancyMode, RouterTwinState, RpSlot, SwitchoverReason } from '@asr-twin/domain';
import type { ShowClock } from './clock.format.js';
import type { IosImage } from './ios-image.js';

/** How the router last came up, for `show version`. */
export interface LastReload {
  /** `Last reload reason: …`, e.g. `Reload Command`, `LocalSoft`, `power-on`. */
  readonly reason: string;
  /** `System returned to ROM by …`, e.g. `reload`, `Reload Command`, `power-on`, `SSO Switchover`. */
  readonly returnedToRomBy: string;
  /** When it went down (epoch ms); printed as `… at <time>` only when the context has a clock. */
  readonly returnedToRomAtEpochMs: number | null;
}

/**
 * How a 17.x router is run: on its own (`autonomous`) or by an SD-WAN controller (`controller-managed`),
 * printed as `Router operating mode: Autonomous | Controller-Managed` (domain reference §8.13).
 */
export type RouterOperatingMode = 'autonomous' | 'controller-managed';

/** The licence facts `show version` prints (§8.13; the block per release and mode is in `version-license.ts`). */
export interface VersionLicense {
  /** Feature-set level, e.g. `advipservices`: `License Level:` and `Next reload license Level:` of 3.x and 16.x, `{level}` of the 17.x autonomous template. */
  readonly level: string;
  /** `License Type:` of 3.x and 16.x; `null`: the release's own, `Permanent` on 3.x and `RightToUse` on 16.x (captures). */
  readonly type: string | null;
  /**
   * Licence lines of a 17.x router in autonomous mode, `{level}` replaced by `level`. Uncertain (no public ASR
   * capture), hence configurable. @defaultValue `AUTONOMOUS_17_LICENSE_TEMPLATE`
   */
  readonly autonomousTemplate: readonly string[];
}

/** Memory, interface and storage lines of `show version`. */
export interface VersionHardware {
  /** Processor memory as printed, e.g. `1133939K/6147K`. */
  readonly processorMemory: string;
  /** `4 Gigabit Ethernet interfaces`: one entry per line. */
  readonly interfaces: readonly { readonly count: number; readonly kind: string }[];
  readonly nvramKb: number;
  readonly physicalMemoryKb: number;
  /** `7741439K bytes of eUSB flash at bootflash:.`: one entry per line. */
  readonly storage: readonly { readonly sizeKb: number; readonly kind: string; readonly device: string }[];
}

/** A SPA/EPA bay (`0/1`) of a carrier card. */
export interface PlatformBay {
  readonly bay: number;
  readonly type: string;
  readonly state: string;
  /** Time since insertion, ms. @defaultValue the control processor uptime */
  readonly insertedAgoMs?: number;
}

/** A SIP/MIP or built-in carrier in a numbered slot. An empty `type` prints as an unrecognised card. */
export interface CarrierCard {
  readonly slot: number;
  readonly type: string;
  /** `show platform` state text, e.g. `ok`, `unknown`, `booting`. */
  readonly state: string;
  readonly insertedAgoMs?: number;
  readonly cpldVersion: string;
  readonly firmwareVersion: string;
  readonly bays: readonly PlatformBay[];
}

/** A power supply or fan tray row (`P0`, `P1`, …). */
export interface PowerSupply {
  readonly slot: string;
  readonly type: string;
  readonly state: string;
  readonly insertedAgoMs?: number;
}

/** Versions and insert time of an RP or ESP; whether it is present, and its state, come from the twin state. */
export interface ModuleVersions {
  readonly cpldVersion: string;
  readonly firmwareVersion: string;
  readonly insertedAgoMs?: number;
}

/** What `show platform` lists besides what the twin models (RPs, ESPs). */
export interface PlatformInventory {
  readonly carriers: readonly CarrierCard[];
  readonly powerSupplies: readonly PowerSupply[];
  readonly modules: Readonly<Partial<Record<RpSlot | EspSlot, ModuleVersions>>>;
}

/** Redundancy Facility figures of `show redundancy states` the twin does not model. */
export interface RfFacts {
  /** Number of registered RF clients (76 and 111 in the ASR captures). */
  readonly clientCount: number;
  /** `client_notification_TMR`, ms: 30 000 on the ASR 1000 (domain reference §2.3). */
  readonly clientNotificationTimerMs: number;
  /** `RF debug mask`, printed as is (`0x0`). */
  readonly debugMask: string;
  /** `Unit ID` of the Primary and Secondary unit: 48 is captured for a Primary; 49 is a guess [uncertain]. */
  readonly unitIds: { readonly primary: number; readonly secondary: number };
}

/**
 * Everything the `show` renderers need about one router at one moment: the twin state plus the figures a
 * real box prints that the twin does not simulate. Plain data; the simulator and the REST API fill it,
 * usually starting from {@link defaultShowContext}. All durations are milliseconds.
 */
export interface ShowContext {
  readonly hostname: string;
  /** Chassis serial, `Processor board ID` in `show version`. */
  readonly serial: string;
  /** Instances (RF state, software version), hosts, ESPs and the configured redundancy mode. */
  readonly state: RouterTwinState;
  /** IOS system uptime: `Available system uptime`, `<host> uptime is …`. */
  readonly systemUptimeMs: number;
  /** Linux control processor uptime; about 2 min longer than the system uptime after a reload (§3). */
  readonly controlProcessorUptimeMs: number;
  /**
   * Time each instance has spent in its current RF state, where the twin knows it; printed capped at the
   * system uptime. A missing instance has been in its state since it reached it after the system's start:
   * the system uptime, less {@link standbyHotAfterStartMs} for a standby HOT (domain reference §8.16).
   */
  readonly timeInStateMs: Readonly<Partial<Record<InstanceName, number>>>;
  /**
   * Time a standby needs from the system's start to STANDBY HOT, for instances without a known time in state.
   * @defaultValue the model's timing profile (`standbyHotAfterStartMs(model)`, ≈3 min)
   */
  readonly standbyHotAfterStartMs: number;
  readonly switchovers: number;
  readonly standbyFailures: number;
  readonly lastSwitchoverReason: SwitchoverReason;
  readonly maintenanceMode: boolean;
  /**
   * Operating redundancy mode when the simulator knows it differs from the derived one (e.g. SSO falling
   * back to RPR on an image mismatch, §2.1). `null`: the configured mode, or non-redundant in simplex.
   */
  readonly operatingMode: RedundancyMode | null;
  /** `0x2102`. */
  readonly configRegister: string;
  /** Printed as `(will be … at next reload)` when set and different. */
  readonly nextConfigRegister: string | null;
  /** `BOOT = …` of every instance; `null`: `bootflash:<image file>,12;` of each instance's release. */
  readonly bootVariable: string | null;
  /** `CONFIG_FILE = …`; empty on most boxes. */
  readonly configFile: string;
  /** `System image file is "…"`; `null`: `bootflash:<image file>` of the answering instance. */
  readonly systemImage: string | null;
  /** Images that differ from the naming rule of `iosImage` (e.g. an engineering build), per instance. */
  readonly images: Readonly<Partial<Record<InstanceName, IosImage>>>;
  /**
   * `ROM: …` of `show version`, e.g. `IOS-XE ROMMON` or `16.9(4r)`. `null`: by release (§8.13) — `IOS-XE
   * ROMMON` before 17.x (3.9.1S and 16.3 captures), from 17.x the ROMMON version, which is the firmware version
   * `show platform` lists for the answering instance's RP (17.5.1a capture: `16.9(4r)`). Where between 16.3 and
   * 17.5 the line changed is not known; the twin cuts at 17.0 [uncertain].
   */
  readonly rommon: string | null;
  readonly lastReload: LastReload;
  /** Simulated wall clock; without one, `show version` prints no timestamps. */
  readonly clock: ShowClock | null;
  readonly license: VersionLicense;
  /**
   * Autonomous or controller-managed, for 17.x `show version` (§8.13). @defaultValue `autonomous`: an ASR 1000
   * not run by an SD-WAN controller (the controller-managed capture is a 17.5.1a SD-WAN edge).
   */
  readonly routerOperatingMode: RouterOperatingMode;
  readonly hardware: VersionHardware;
  readonly platform: PlatformInventory;
  readonly rf: RfFacts;
}
