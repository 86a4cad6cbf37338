import type { FaultName } from '@asr-twin/domain';

/**
 * The failure classes of the availability forecast (issue #18): what fails, how often, and how it is repaired.
 * Each class maps to one fault of the simulator's catalogue, so a drawn failure is played by the same code as a
 * scenario step (DESIGN.md "Availability forecast").
 */
export const FAILURE_CLASSES = [
  'iosd-crash',
  'iosd-hang',
  'guest-crash',
  'host-panic',
  'host-oom',
  'rp-hardware',
  'esp-hardware',
  'psu',
  'power-feed',
  'config-sync',
] as const;
export type FailureClass = (typeof FAILURE_CLASSES)[number];

export function isFailureClass(value: unknown): value is FailureClass {
  return typeof value === 'string' && (FAILURE_CLASSES as readonly string[]).includes(value);
}

/**
 * How a failed component comes back:
 * - `automatic`: by the router's own behaviour, played by the simulator (IOSd restart, RP reload, switchover);
 *   no repair window;
 * - `replace`: hardware replacement; the component is missing for the repair time, which depends on whether a
 *   spare is on site (`mttrHours`) or not (`mttrNoSparesHours`);
 * - `fix`: a software/configuration fix by an operator; the defect lasts for the repair time;
 * - `restore`: an external supply (a power feed) is restored after the repair time.
 */
export const REPAIR_KINDS = ['automatic', 'replace', 'fix', 'restore'] as const;
export type RepairKind = (typeof REPAIR_KINDS)[number];

/**
 * Distribution of a repair time around its mean: `exponential` (the Markov assumption, and the default) or
 * `fixed` (every repair takes exactly the mean).
 */
export const REPAIR_DISTRIBUTIONS = ['exponential', 'fixed'] as const;
export type RepairDistribution = (typeof REPAIR_DISTRIBUTIONS)[number];

/** What one failure class counts per router: one failure process per unit of this kind. */
export type ComponentScope = 'instance' | 'host' | 'rp' | 'esp' | 'psu' | 'router';

/** One failure class with its resolved figures. */
export interface RateSpec {
  readonly key: FailureClass;
  readonly description: string;
  /** The simulator fault a failure of this class injects. */
  readonly fault: FaultName;
  /** One failure process per running IOS instance, RP host, installed RP, ESP or supply bay, or per router. */
  readonly per: ComponentScope;
  /** Mean time between failures of one unit, hours; `Infinity` when the class never fails (FIT 0). */
  readonly mtbfHours: number;
  readonly repair: RepairKind;
  /** Mean repair time, hours (`replace`: with a spare on site). 0 for `automatic`. */
  readonly mttrHours: number;
  /** `replace` only: mean repair time without a spare on site, hours. Equal to `mttrHours` otherwise. */
  readonly mttrNoSparesHours: number;
  readonly repairDistribution: RepairDistribution;
  /** Where the figures come from. */
  readonly source: string;
  /** No public figure exists: the value is an order of magnitude chosen for illustration, to be overridden. */
  readonly illustrative: boolean;
}

/** Hours in a (365-day) year, the unit of "annual downtime". */
export const HOURS_PER_YEAR = 8760;
/** FIT: failures in 10^9 device-hours (Telcordia SR-332); MTBF hours = 10^9 / FIT. */
export const FIT_HOURS = 1e9;

/**
 * Hardware repair with a spare on site: 4 h, the "industry standard of four hours" Cisco uses as MTTR in the
 * availability calculations of its ASR 5000 product overview (Mean Time Between Failure and System Availability).
 */
const MTTR_SPARES_SOURCE = 'MTTR 4 h with spares: the industry-standard 4 h MTTR of Cisco ASR 5000 Product Overview availability calculations';
/**
 * Without a spare: next-business-day advance replacement (the Cisco Smart Net Total Care 8x5xNBD service level)
 * plus 4 h to fit it, taken as 28 h. Illustrative: it depends on the contract and the site.
 */
const MTTR_NO_SPARES = 28;
const NO_SPARES_SOURCE = 'MTTR 28 h without spares: next-business-day advance replacement (Smart Net Total Care 8x5xNBD) + 4 h, illustrative';

/**
 * Default figures. Cisco publishes no MTBF for ASR 1000 RPs, ESPs or supplies, nor failure rates for IOS XE
 * processes, so every MTBF below is illustrative: hardware figures are of the order Telcordia SR-332 parts-count
 * predictions give for boards of this size (10^5–10^6 h, 1,000–10,000 FIT), software figures an order of magnitude
 * an operator may observe in a large fleet. Override them with the fleet's own field data.
 */
export const DEFAULT_RATES: Readonly<Record<FailureClass, RateSpec>> = {
  'iosd-crash': {
    key: 'iosd-crash',
    description: 'IOSd process crash (per running IOS instance); restarted by the platform, switchover if active',
    fault: 'iosd-crash',
    per: 'instance',
    mtbfHours: 3 * HOURS_PER_YEAR,
    repair: 'automatic',
    mttrHours: 0,
    mttrNoSparesHours: 0,
    repairDistribution: 'exponential',
    source: 'illustrative: one crash per instance every 3 years; recovery played by the simulator',
    illustrative: true,
  },
  'iosd-hang': {
    key: 'iosd-hang',
    description: 'IOSd hang (per running IOS instance), detected by the watchdog, then handled as a crash',
    fault: 'iosd-hang',
    per: 'instance',
    mtbfHours: 10 * HOURS_PER_YEAR,
    repair: 'automatic',
    mttrHours: 0,
    mttrNoSparesHours: 0,
    repairDistribution: 'exponential',
    source: 'illustrative: one hang per instance every 10 years; detection and recovery by the simulator',
    illustrative: true,
  },
  'guest-crash': {
    key: 'guest-crash',
    description: 'guest/QEMU process of an IOS instance dies (per running IOS instance)',
    fault: 'vm-crash',
    per: 'instance',
    mtbfHours: 10 * HOURS_PER_YEAR,
    repair: 'automatic',
    mttrHours: 0,
    mttrNoSparesHours: 0,
    repairDistribution: 'exponential',
    source: 'illustrative: one guest crash per instance every 10 years; recovery by the simulator',
    illustrative: true,
  },
  'host-panic': {
    key: 'host-panic',
    description: 'Linux host kernel panic on an RP (per RP host); the RP reboots',
    fault: 'host-kernel-panic',
    per: 'host',
    mtbfHours: 10 * HOURS_PER_YEAR,
    repair: 'automatic',
    mttrHours: 0,
    mttrNoSparesHours: 0,
    repairDistribution: 'exponential',
    source: 'illustrative: one panic per RP host every 10 years; reboot played by the simulator',
    illustrative: true,
  },
  'host-oom': {
    key: 'host-oom',
    description: 'Linux host OOM killer takes an IOS guest (per RP host)',
    fault: 'host-oom',
    per: 'host',
    mtbfHours: 15 * HOURS_PER_YEAR,
    repair: 'automatic',
    mttrHours: 0,
    mttrNoSparesHours: 0,
    repairDistribution: 'exponential',
    source: 'illustrative: one OOM kill per RP host every 15 years; recovery by the simulator',
    illustrative: true,
  },
  'rp-hardware': {
    key: 'rp-hardware',
    description: 'RP hardware failure (per installed RP); missing until replaced',
    fault: 'rp-failure',
    per: 'rp',
    mtbfHours: 200_000,
    repair: 'replace',
    mttrHours: 4,
    mttrNoSparesHours: MTTR_NO_SPARES,
    repairDistribution: 'exponential',
    source: `illustrative MTBF 200,000 h (5,000 FIT, SR-332-style order for a processor board); ${MTTR_SPARES_SOURCE}; ${NO_SPARES_SOURCE}`,
    illustrative: true,
  },
  'esp-hardware': {
    key: 'esp-hardware',
    description: 'ESP hardware failure (per installed ESP); modular ESPs are missing until replaced, integrated ESPs reload the chassis',
    fault: 'esp-failure',
    per: 'esp',
    mtbfHours: 200_000,
    repair: 'replace',
    mttrHours: 4,
    mttrNoSparesHours: MTTR_NO_SPARES,
    repairDistribution: 'exponential',
    source: `illustrative MTBF 200,000 h (5,000 FIT, SR-332-style order for a forwarding board); ${MTTR_SPARES_SOURCE}; ${NO_SPARES_SOURCE}`,
    illustrative: true,
  },
  psu: {
    key: 'psu',
    description: 'power supply failure (per installed supply); the router loses power when no supply is ok',
    fault: 'psu-failure',
    per: 'psu',
    mtbfHours: 300_000,
    repair: 'replace',
    mttrHours: 4,
    mttrNoSparesHours: MTTR_NO_SPARES,
    repairDistribution: 'exponential',
    source: `illustrative MTBF 300,000 h (≈3,300 FIT, SR-332-style order for a power supply); ${MTTR_SPARES_SOURCE}; ${NO_SPARES_SOURCE}`,
    illustrative: true,
  },
  'power-feed': {
    key: 'power-feed',
    description: 'loss of the power feed of one supply (one feed per installed supply: A/B feeds); restored by the site',
    fault: 'psu-failure',
    per: 'psu',
    mtbfHours: HOURS_PER_YEAR,
    repair: 'restore',
    mttrHours: 2,
    mttrNoSparesHours: 2,
    repairDistribution: 'exponential',
    source: 'illustrative: one feed interruption a year lasting 2 h on average; depends on the site (UPS, generator)',
    illustrative: true,
  },
  'config-sync': {
    key: 'config-sync',
    description: 'configuration the standby cannot apply (per router with a peer): no STANDBY HOT until an operator fixes it',
    fault: 'config-sync-failure',
    per: 'router',
    mtbfHours: 2 * HOURS_PER_YEAR,
    repair: 'fix',
    mttrHours: 24,
    mttrNoSparesHours: 24,
    repairDistribution: 'exponential',
    source: 'illustrative: one mismatched command every 2 years, fixed within a day on average',
    illustrative: true,
  },
};

/** Mean repair time of a class for a router with or without spares on site, hours. */
export function meanRepairHours(spec: RateSpec, spares: boolean): number {
  if (spec.repair === 'automatic') return 0;
  return spec.repair === 'replace' && !spares ? spec.mttrNoSparesHours : spec.mttrHours;
}

/** FIT of an MTBF (failures per 10^9 h); 0 for a class that never fails. */
export function fitOf(mtbfHours: number): number {
  return Number.isFinite(mtbfHours) ? FIT_HOURS / mtbfHours : 0;
}

/** A class as `twin rates --json` prints it: figures, FIT, repair, source and the illustrative flag. */
export interface RateView {
  readonly key: FailureClass;
  readonly description: string;
  readonly fault: FaultName;
  readonly per: ComponentScope;
  /** null when the class never fails. */
  readonly mtbfHours: number | null;
  readonly fit: number;
  readonly repair: RepairKind;
  readonly mttrHours: number;
  readonly mttrNoSparesHours: number;
  readonly repairDistribution: RepairDistribution;
  readonly source: string;
  readonly illustrative: boolean;
}

/** Every class of `table` (the catalogue by default), in catalogue order. */
export function ratesView(table: Readonly<Record<FailureClass, RateSpec>> = DEFAULT_RATES): RateView[] {
  return FAILURE_CLASSES.map((key) => {
    const s = table[key];
    return {
      key,
      description: s.description,
      fault: s.fault,
      per: s.per,
      mtbfHours: Number.isFinite(s.mtbfHours) ? s.mtbfHours : null,
      fit: Math.round(fitOf(s.mtbfHours) * 1000) / 1000,
      repair: s.repair,
      mttrHours: s.mttrHours,
      mttrNoSparesHours: s.mttrNoSparesHours,
      repairDistribution: s.repairDistribution,
      source: s.source,
      illustrative: s.illustrative,
    };
  });
}
