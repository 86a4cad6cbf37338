import {
  chassisAnatomy,
  defaultSoftwareVersion,
  defaultRedundancyMode,
  initialRouterState,
  type ChassisModel,
  type RedundancyMode,
  type RouterTwinState,
} from '@asr-twin/domain';
import type { CarrierCard, PlatformInventory, RfFacts, ShowContext, VersionHardware } from './show-context.js';
import { standbyHotAfterStartMs } from './state-time.js';
import { DEFAULT_VERSION_LICENSE } from './version-license.js';

/** The router a default context is built for. */
export interface ShowRouter {
  readonly hostname: string;
  readonly model: ChassisModel;
  /** @defaultValue `defaultRedundancyMode(model)` (sso) */
  readonly redundancyMode?: RedundancyMode;
  /** IOS-XE release of both instances when no `state` is given. @defaultValue `defaultSoftwareVersion(model)` (3.16.10S on the RP1-era ASR1001 and ASR1002, §8.11) */
  readonly softwareVersion?: string;
  /** @defaultValue a stable serial derived from the hostname */
  readonly serial?: string;
  /** @defaultValue `initialRouterState(…)`: freshly booted, ACTIVE + STANDBY HOT under SSO */
  readonly state?: RouterTwinState;
}

/** Linux comes up about 2 min before IOS counts its uptime (domain reference §3, inferred from captures). */
export const CONTROL_PROCESSOR_LEAD_MS = 120_000;

const GE = 'Gigabit Ethernet';
const EUSB = 'eUSB flash';
const SATA = 'SATA hard disk';
const RP2_STORAGE = [
  [1925119, EUSB, 'bootflash:'],
  [78085207, SATA, 'harddisk:'],
] as const;
const RP3_STORAGE = [
  [7341807, 'flash memory', 'bootflash:'],
  [97620247, SATA, 'harddisk:'],
] as const;

/**
 * Illustrative `show version` hardware lines per model. ASR1001: the §5.2 capture; ASR1006 and ASR1001-X:
 * figures seen in public IOS-XE captures of those models; the others are plausible values without a
 * per-model source. Meant to be overwritten by observations.
 */
const HARDWARE: Readonly<Record<ChassisModel, VersionHardware>> = {
  ASR1001: hw('1133939K/6147K', [[4, GE]], 4194304, [[7741439, EUSB, 'bootflash:']]),
  'ASR1001-X': hw(
    '3746359K/6147K',
    [
      [6, GE],
      [2, `Ten ${GE}`],
    ],
    8388608,
    [[6070271, EUSB, 'bootflash:']],
  ),
  ASR1002: hw('1781189K/6147K', [[4, GE]], 4194304, [[1015807, EUSB, 'bootflash:']]),
  'ASR1002-X': hw('3747220K/6147K', [[6, GE]], 4194304, [[6684671, EUSB, 'bootflash:']]),
  ASR1004: hw('1781189K/6147K', [[1, GE]], 4194304, [
    [1015807, EUSB, 'bootflash:'],
    [39004543, SATA, 'harddisk:'],
  ]),
  ASR1006: hw('4138965K/6147K', [[1, GE]], 8388608, RP2_STORAGE),
  'ASR1006-X': hw('6221399K/6147K', [[1, GE]], 16777216, RP3_STORAGE),
  'ASR1009-X': hw('6221399K/6147K', [[1, GE]], 16777216, RP3_STORAGE),
  ASR1013: hw('4138965K/6147K', [[1, GE]], 8388608, RP2_STORAGE),
};

function hw(
  processorMemory: string,
  interfaces: readonly (readonly [number, string])[],
  physicalMemoryKb: number,
  storage: readonly (readonly [number, string, string])[],
): VersionHardware {
  return {
    processorMemory,
    interfaces: interfaces.map(([count, kind]) => ({ count, kind })),
    nvramKb: 32768,
    physicalMemoryKb,
    storage: storage.map(([sizeKb, kind, device]) => ({ sizeKb, kind, device })),
  };
}

/**
 * Carrier cards by model: integrated chassis show their built-in carrier with its built-in bay, modular chassis an
 * empty SIP40 per slot. Bay names follow domain §8.15: `4XGE-BUILT-IN` (ASR1002, and the ASR1001 by analogy
 * [illustrative]), `6XGE-BUILT-IN` (ASR1002-X) from the public ShowPlatform goldens, and `BUILT-IN-2T+6X1GE` for
 * the ASR1001-X (its 2×10GE + 6×1GE ports; the interface name in public outputs; the exact `show platform` row is
 * "likely" in §8.15). Power-supply PIDs follow the `ASR1006-PWR-AC` pattern of §5.2 [illustrative].
 */
const CARRIERS: Readonly<Record<ChassisModel, readonly [carrier: string, bay: string | null]>> = {
  ASR1001: ['ASR1001', '4XGE-BUILT-IN'],
  'ASR1001-X': ['ASR1001-X', 'BUILT-IN-2T+6X1GE'],
  ASR1002: ['ASR1002-SIP10', '4XGE-BUILT-IN'],
  'ASR1002-X': ['ASR1002-X', '6XGE-BUILT-IN'],
  ASR1004: ['ASR1000-SIP40', null],
  ASR1006: ['ASR1000-SIP40', null],
  'ASR1006-X': ['ASR1000-SIP40', null],
  'ASR1009-X': ['ASR1000-SIP40', null],
  ASR1013: ['ASR1000-SIP40', null],
};

const POWER_SUPPLY: Readonly<Record<ChassisModel, string>> = {
  ASR1001: 'ASR1001-PWR-AC',
  'ASR1001-X': 'ASR1001-X-PWR-AC',
  ASR1002: 'ASR1002-PWR-AC',
  'ASR1002-X': 'ASR1002-PWR-AC',
  ASR1004: 'ASR1004-PWR-AC',
  ASR1006: 'ASR1006-PWR-AC',
  'ASR1006-X': 'ASR1000X-AC-1100W',
  'ASR1009-X': 'ASR1000X-AC-1100W',
  ASR1013: 'ASR1013-PWR-AC',
};

/** CPLD and firmware versions every default card reports (values of the §5.2 ASR1006 capture). */
export const DEFAULT_MODULE_VERSIONS = { cpldVersion: '14111801', firmwareVersion: '16.3(2r)' } as const;

/** Default `show platform` inventory of a model: carriers, two power supplies, default RP/ESP versions. */
export function defaultPlatformInventory(model: ChassisModel): PlatformInventory {
  const anatomy = chassisAnatomy(model);
  const [carrier, bay] = CARRIERS[model];
  const carriers: CarrierCard[] = Array.from({ length: anatomy.sipSlots }, (_, slot) => ({
    slot,
    type: carrier,
    state: 'ok',
    ...DEFAULT_MODULE_VERSIONS,
    bays: bay === null ? [] : [{ bay: 0, type: bay, state: 'ok' }],
  }));
  const modules = Object.fromEntries([...anatomy.rpSlots, ...anatomy.espSlots].map((slot) => [slot, { ...DEFAULT_MODULE_VERSIONS }]));
  const powerSupplies = ['P0', 'P1'].map((slot) => ({ slot, type: POWER_SUPPLY[model], state: 'ok' }));
  return { carriers, powerSupplies, modules };
}

/** `show version` hardware lines of a model (illustrative; see {@link HARDWARE}). */
export function defaultVersionHardware(model: ChassisModel): VersionHardware {
  return HARDWARE[model];
}

/** RF figures of the duplex ASR capture (§5.2); unit 49 for the Secondary is a guess [uncertain]. */
export const DEFAULT_RF_FACTS: RfFacts = {
  clientCount: 76,
  clientNotificationTimerMs: 30_000,
  debugMask: '0x0',
  unitIds: { primary: 48, secondary: 49 },
};

/** FNV-1a hash, to give every hostname its own stable serial without randomness. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A serial in Cisco's 11-character shape (`FOX1444GPXU`), stable per hostname. */
export function defaultSerial(hostname: string): string {
  return `FXS${fnv1a(hostname).toString(36).toUpperCase().padStart(8, '0').slice(-8)}`;
}

/**
 * A complete context for `router`: a freshly booted box (system uptime 0, control processor 2 min ahead),
 * no switchover yet, every instance in its state since it reached it after the start (§8.16), register 0x2102,
 * images named by `iosImage`, `ROM:` and licence lines by release, an autonomous router (§8.13).
 * `overrides` replace whole fields.
 */
export function defaultShowContext(router: ShowRouter, overrides: Partial<ShowContext> = {}): ShowContext {
  const redundancyMode = router.redundancyMode ?? defaultRedundancyMode(router.model);
  const softwareVersion = router.softwareVersion ?? defaultSoftwareVersion(router.model);
  return {
    hostname: router.hostname,
    serial: router.serial ?? defaultSerial(router.hostname),
    state: router.state ?? initialRouterState({ model: router.model, redundancyMode, softwareVersion }),
    systemUptimeMs: 0,
    controlProcessorUptimeMs: CONTROL_PROCESSOR_LEAD_MS,
    timeInStateMs: {},
    standbyHotAfterStartMs: standbyHotAfterStartMs(router.model),
    switchovers: 0,
    standbyFailures: 0,
    lastSwitchoverReason: 'none',
    maintenanceMode: false,
    operatingMode: null,
    configRegister: '0x2102',
    nextConfigRegister: null,
    bootVariable: null,
    configFile: '',
    systemImage: null,
    images: {},
    rommon: null,
    lastReload: { reason: 'Reload Command', returnedToRomBy: 'Reload Command', returnedToRomAtEpochMs: null },
    clock: null,
    license: DEFAULT_VERSION_LICENSE,
    routerOperatingMode: 'autonomous',
    hardware: defaultVersionHardware(router.model),
    platform: defaultPlatformInventory(router.model),
    rf: DEFAULT_RF_FACTS,
    ...overrides,
  };
}
