/**
 * Anatomy of every ASR 1000 chassis model the twin knows (domain reference §1.2).
 *
 * Two families:
 * - **software redundancy** (ASR1001, 1001-X, 1002, 1002-X, 1004): one RP whose Linux host runs two IOS
 *   instances `R0/0` and `R0/1`; one ESP `F0`. The host, the RP and the ESP are single points of failure.
 * - **hardware redundancy** (ASR1006, 1006-X, 1009-X, 1013): two RPs `R0` and `R1`, each host running one
 *   IOS instance (`R0/0`, `R1/0`); two ESPs `F0`, `F1`. A chassis with dual-RP support never runs two IOS
 *   processes on one RP (config guide, office.manualsonline …?p=328).
 *
 * Choices where the reference is uncertain (each marked in `notes`):
 * - ASR1001-X and ASR1002-X are given dual-IOSd software redundancy like the ASR1002/1004, following
 *   DESIGN.md; Cisco's "Dual IOSD" feature page names only the ASR 1002 and 1004.
 * - ASR1006-X SIP count (2) and ASR1013 SIP count (6) come from memory in the reference, not a source.
 * - Card PIDs of the "-X" generation (RP3, ESP100) are plausible defaults, not verified compatibility.
 */
export const CHASSIS_MODELS = ['ASR1001', 'ASR1001-X', 'ASR1002', 'ASR1002-X', 'ASR1004', 'ASR1006', 'ASR1006-X', 'ASR1009-X', 'ASR1013'] as const;

export type ChassisModel = (typeof CHASSIS_MODELS)[number];

export type RedundancyType = 'software' | 'hardware';
export type RpSlot = 'R0' | 'R1';
export type EspSlot = 'F0' | 'F1';
/** IOS instance names as the CLI prints them: `R<rp>/<instance>`. */
export type InstanceName = 'R0/0' | 'R0/1' | 'R1/0';

export interface InstancePlacement {
  readonly name: InstanceName;
  /** RP slot whose Linux host runs this instance as a KVM guest. */
  readonly host: RpSlot;
  /**
   * RF role used in arbitration (CISCO-RF-MIB `cRFStatusPrimaryMode`): the Primary wins a negotiation
   * clash (domain reference §2.6). The first instance is Primary.
   */
  readonly unit: 'primary' | 'secondary';
  /** `show redundancy` location: the reference infers slot 6 = first instance, 7 = second (§1.3). */
  readonly redundancySlot: 6 | 7;
}

export interface ChassisAnatomy {
  readonly model: ChassisModel;
  readonly rackUnits: number;
  readonly redundancyType: RedundancyType;
  readonly rpSlots: readonly RpSlot[];
  readonly espSlots: readonly EspSlot[];
  /** SIP/MIP carrier slots (0 … n-1); integrated carriers count as one. */
  readonly sipSlots: number;
  /** The two IOS instances, first the one that starts ACTIVE. */
  readonly instances: readonly [InstancePlacement, InstancePlacement];
  /** RP and ESP are built into the chassis (no field-replaceable RP/ESP). */
  readonly integrated: boolean;
  /**
   * A failure of the ESP (or another critical process) reloads the whole chassis: stated for the ASR1001
   * in the config guide (table 6-2 footnote, office.manualsonline …?p=328).
   */
  readonly reloadOnEspFailure: boolean;
  /** Default product ids printed by `show platform` and `show version`. */
  readonly pids: { readonly rp: string; readonly esp: string; readonly chassis: string };
  /** `show version` processor description, e.g. `ASR1002-X (1NG)` or `ASR1006 (RP2)`. */
  readonly processorLabel: string;
  /** Where the reference is uncertain, what was chosen and why. */
  readonly notes: readonly string[];
}

const SINGLE_RP_INSTANCES: ChassisAnatomy['instances'] = [
  { name: 'R0/0', host: 'R0', unit: 'primary', redundancySlot: 6 },
  { name: 'R0/1', host: 'R0', unit: 'secondary', redundancySlot: 7 },
];
const DUAL_RP_INSTANCES: ChassisAnatomy['instances'] = [
  { name: 'R0/0', host: 'R0', unit: 'primary', redundancySlot: 6 },
  { name: 'R1/0', host: 'R1', unit: 'secondary', redundancySlot: 7 },
];

function singleRp(
  model: ChassisModel,
  rackUnits: number,
  sipSlots: number,
  pids: ChassisAnatomy['pids'],
  processorLabel: string,
  extra: Partial<Pick<ChassisAnatomy, 'reloadOnEspFailure' | 'integrated' | 'notes'>> = {},
): ChassisAnatomy {
  return {
    model,
    rackUnits,
    redundancyType: 'software',
    rpSlots: ['R0'],
    espSlots: ['F0'],
    sipSlots,
    instances: SINGLE_RP_INSTANCES,
    integrated: extra.integrated ?? true,
    reloadOnEspFailure: extra.reloadOnEspFailure ?? false,
    pids,
    processorLabel,
    notes: extra.notes ?? [],
  };
}

function dualRp(
  model: ChassisModel,
  rackUnits: number,
  sipSlots: number,
  pids: ChassisAnatomy['pids'],
  processorLabel: string,
  notes: readonly string[] = [],
): ChassisAnatomy {
  return {
    model,
    rackUnits,
    redundancyType: 'hardware',
    rpSlots: ['R0', 'R1'],
    espSlots: ['F0', 'F1'],
    sipSlots,
    instances: DUAL_RP_INSTANCES,
    integrated: false,
    reloadOnEspFailure: false,
    pids,
    processorLabel,
    notes,
  };
}

const ANATOMY: Readonly<Record<ChassisModel, ChassisAnatomy>> = {
  ASR1001: singleRp('ASR1001', 1, 1, { rp: 'ASR1001', esp: 'ASR1001', chassis: 'ASR1001' }, 'ASR1001 (1RU)', {
    reloadOnEspFailure: true,
  }),
  'ASR1001-X': singleRp('ASR1001-X', 1, 1, { rp: 'ASR1001-X', esp: 'ASR1001-X', chassis: 'ASR1001-X' }, 'ASR1001-X (1NG)', {
    reloadOnEspFailure: true,
    notes: [
      'two IOS instances on the one RP (software redundancy) are a modelling choice: no public source confirms them for this model',
      'an ESP failure reloads the chassis, as Cisco documents for the ASR1001 integrated ESP (ASR 1000 HA guide, table 6-2); not confirmed for this model (spec.behaviour integratedEspFailure)',
    ],
  }),
  ASR1002: singleRp('ASR1002', 2, 1, { rp: 'ASR1002-RP1', esp: 'ASR1000-ESP10', chassis: 'ASR1002' }, 'ASR1002 (RP1)', { integrated: false }),
  'ASR1002-X': singleRp('ASR1002-X', 2, 1, { rp: 'ASR1002-X', esp: 'ASR1002-X', chassis: 'ASR1002-X' }, 'ASR1002-X (2RU-X)', {
    reloadOnEspFailure: true,
    notes: [
      'two IOS instances on the one RP (software redundancy) are a modelling choice: no public source confirms them for this model',
      'an ESP failure reloads the chassis (integrated, non-field-replaceable ESP), as Cisco documents for the ASR1001 (ASR 1000 HA guide, table 6-2); not confirmed for this model (spec.behaviour integratedEspFailure)',
    ],
  }),
  ASR1004: singleRp('ASR1004', 4, 2, { rp: 'ASR1000-RP1', esp: 'ASR1000-ESP10', chassis: 'ASR1004' }, 'ASR1004 (RP1)', { integrated: false }),
  ASR1006: dualRp('ASR1006', 6, 3, { rp: 'ASR1000-RP2', esp: 'ASR1000-ESP20', chassis: 'ASR1006' }, 'ASR1006 (RP2)'),
  'ASR1006-X': dualRp('ASR1006-X', 6, 2, { rp: 'ASR1000-RP3', esp: 'ASR1000-ESP100', chassis: 'ASR1006-X' }, 'ASR1006-X (RP3)', [
    'SIP/MIP slot count (2) not confirmed by a public source',
    'RP3/ESP100 pairing not verified',
  ]),
  'ASR1009-X': dualRp('ASR1009-X', 9, 3, { rp: 'ASR1000-RP3', esp: 'ASR1000-ESP100', chassis: 'ASR1009-X' }, 'ASR1009-X (RP3)', [
    'RP3/ESP100 pairing not verified',
  ]),
  ASR1013: dualRp('ASR1013', 13, 6, { rp: 'ASR1000-RP2', esp: 'ASR1000-ESP40', chassis: 'ASR1013' }, 'ASR1013 (RP2)', [
    'SIP slot count (6) not confirmed by a public source',
  ]),
};

export function isChassisModel(value: unknown): value is ChassisModel {
  return typeof value === 'string' && (CHASSIS_MODELS as readonly string[]).includes(value);
}

/** The anatomy of a chassis model. */
export function chassisAnatomy(model: ChassisModel): ChassisAnatomy {
  return ANATOMY[model];
}
