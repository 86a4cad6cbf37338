import { chassisAnatomy, type ChassisModel, type EspSlot, type RpSlot } from './chassis.js';
import { DEFAULT_SOFTWARE_VERSION, releaseMajor } from './scenario-model.js';

/**
 * Hardware population of a router (domain reference §8.9–§8.11): which RP and ESP generation it carries, how
 * many ESPs are installed, and its power supplies. The chassis anatomy (`chassis.ts`) says what a model *can*
 * hold; this says what one router *does* hold.
 */

/** Power-supply bays as `show platform` names them (§1.3, §8.9). */
export const PSU_SLOTS = ['P0', 'P1'] as const;
export type PsuSlot = (typeof PSU_SLOTS)[number];

/**
 * State of a power-supply bay: `ok`; `failed`, printed `ps, fail` (the ASR1006 capture, §8.9); `empty`, a bay
 * with no supply (no `show platform` row).
 */
export const PSU_STATES = ['ok', 'failed', 'empty'] as const;
export type PsuState = (typeof PSU_STATES)[number];

export interface PsuStatus {
  readonly slot: PsuSlot;
  readonly state: PsuState;
}

/** How sure the §8.11 table is of a row (its own confidence words). */
export type Confidence = 'certain' | 'likely' | 'uncertain';

/** One RP or ESP generation: the chassis it fits and the IOS-XE major releases it runs. */
export interface CardGeneration {
  readonly pid: string;
  readonly kind: 'rp' | 'esp';
  readonly chassis: readonly ChassisModel[];
  /** Major releases (2 = 2.x, 3 = 3.x, 16, 17) an image exists for. */
  readonly majors: readonly number[];
  /** Built into a fixed chassis (not field-replaceable). */
  readonly integrated: boolean;
  readonly confidence: Confidence;
  readonly source: string;
}

const DUAL_RP_CHASSIS: readonly ChassisModel[] = ['ASR1006', 'ASR1006-X', 'ASR1009-X', 'ASR1013'];

/**
 * RP/ESP generations and the releases they run: domain reference §8.11 kept as flagged data. RP1-era hardware
 * (ASR1000-RP1, the ASR1002's integrated RP1, the ASR1001) has no 16.x or 17.x image. Rows marked `uncertain`
 * are the twin's choices where §8.11 has no source (RP3 chassis, HX-era ESPs, ESP10 on 16.x).
 */
export const CARD_GENERATIONS: readonly CardGeneration[] = [
  rp('ASR1000-RP1', ['ASR1004', 'ASR1006'], [2, 3], 'certain', '§8.11: 2.x–3.x only (latest public image asr1000rp1-…03.16.10.S)'),
  rp('ASR1000-RP2', ['ASR1004', ...DUAL_RP_CHASSIS], [3, 16, 17], 'certain', '§8.11: 3.13.9S [FOR], 16.3 [G], 17.6.4 [TFTP]'),
  rp('ASR1000-RP3', ['ASR1006-X', 'ASR1009-X'], [16, 17], 'uncertain', '§8.11: -X chassis, 16.x/17.x only (chassis list uncertain)'),
  fixed('rp', 'ASR1002-RP1', 'ASR1002', [2, 3], 'certain', '§8.11: ASR1002 integrated RP1, 3.x only'),
  fixed('rp', 'ASR1001', 'ASR1001', [2, 3], 'likely', '§8.11: ASR1001 3.x only'),
  fixed('rp', 'ASR1001-X', 'ASR1001-X', [3, 16, 17], 'likely', '§8.11: late 3.x, 16.x, 17.x'),
  fixed('rp', 'ASR1002-X', 'ASR1002-X', [3, 16, 17], 'certain', '§8.11: 3.13.9S, 3.16.2bS, 17.3.5 [FOR]/[G]'),
  esp('ASR1000-ESP10', ['ASR1002', 'ASR1004', 'ASR1006'], [2, 3, 16], 'uncertain', '§1.1 captures (ASR1002/1004 with RP1); 16.x uncertain, no 17.x (§8.11)'),
  esp('ASR1000-ESP20', ['ASR1004', 'ASR1006', 'ASR1013'], [3, 16, 17], 'likely', '§8.11: the ESP of an ASR1004 on 16.x/17.x; genie ASR1006 capture'),
  esp('ASR1000-ESP40', ['ASR1004', ...DUAL_RP_CHASSIS], [3, 16, 17], 'uncertain', '§1.1 ESP family; chassis list not sourced'),
  esp('ASR1000-ESP100', ['ASR1006-X', 'ASR1009-X', 'ASR1013'], [16, 17], 'uncertain', '§1.1: later -X generation; pairing not verified'),
  esp('ASR1000-ESP200', ['ASR1009-X', 'ASR1013'], [16, 17], 'uncertain', '§1.1: later -X generation; pairing not verified'),
  fixed('esp', 'ASR1001', 'ASR1001', [2, 3], 'likely', 'integrated ESP (§1.2)'),
  fixed('esp', 'ASR1001-X', 'ASR1001-X', [3, 16, 17], 'likely', 'integrated ESP (§1.2, §8.8)'),
  fixed('esp', 'ASR1002-X', 'ASR1002-X', [3, 16, 17], 'certain', 'integrated ESP (§1.2, §8.8)'),
];

function rp(pid: string, chassis: readonly ChassisModel[], majors: readonly number[], confidence: Confidence, source: string): CardGeneration {
  return { pid, kind: 'rp', chassis, majors, integrated: false, confidence, source };
}

function esp(pid: string, chassis: readonly ChassisModel[], majors: readonly number[], confidence: Confidence, source: string): CardGeneration {
  return { pid, kind: 'esp', chassis, majors, integrated: false, confidence, source };
}

function fixed(kind: 'rp' | 'esp', pid: string, model: ChassisModel, majors: readonly number[], confidence: Confidence, source: string): CardGeneration {
  return { pid, kind, chassis: [model], majors, integrated: true, confidence, source };
}

/** What a scenario file or an API request may declare; every field left out takes its default. */
export interface HardwareSpec {
  /** RP product id, e.g. `ASR1000-RP2`. */
  readonly rp?: string;
  /** ESP product id, e.g. `ASR1000-ESP20`. */
  readonly esp?: string;
  /** ESPs installed: 1 or 2 where the chassis has two ESP slots (§8.10). */
  readonly esps?: number;
  /** RPs installed: 1 or 2 where the chassis has two RP slots; one RP makes the chassis simplex (§8.10). */
  readonly rps?: number;
  /** Power supplies installed (the others bays are empty): 1 or 2. */
  readonly psus?: number;
}

/** A router's population, every field resolved. */
export interface RouterHardware {
  readonly rp: string;
  readonly esp: string;
  readonly esps: number;
  readonly psus: number;
  /** Absent (stored before RP population was modelled): every RP slot of the chassis. */
  readonly rps?: number;
}

/** The RP and ESP generations (`CARD_GENERATIONS`) that fit a chassis. */
export function cardsFor(model: ChassisModel, kind: 'rp' | 'esp'): readonly CardGeneration[] {
  return CARD_GENERATIONS.filter((c) => c.kind === kind && c.chassis.includes(model));
}

/**
 * Default population of a model running `version`: always a real combination (§8.11). Fixed chassis carry their
 * integrated cards (the ASR1002 an ESP10). An ASR1004 is RP1/ESP10 on 2.x/3.x and RP2/ESP20 on 16.x/17.x; the
 * ASR1006 and ASR1013 RP2 with an ESP20 or ESP40, the ASR1006-X and 1009-X RP3/ESP100. A dual-ESP chassis has
 * both ESPs, every chassis two supplies.
 */
export function defaultHardware(model: ChassisModel, version: string): RouterHardware {
  const legacy = releaseMajor(version) < 16;
  const anatomy = chassisAnatomy(model);
  const espCount = anatomy.espSlots.length;
  if (model === 'ASR1004') {
    return legacy
      ? { rp: 'ASR1000-RP1', esp: 'ASR1000-ESP10', esps: 1, psus: 2, rps: 1 }
      : { rp: 'ASR1000-RP2', esp: 'ASR1000-ESP20', esps: 1, psus: 2, rps: 1 };
  }
  return { rp: anatomy.pids.rp, esp: anatomy.pids.esp, esps: espCount, psus: 2, rps: anatomy.rpSlots.length };
}

/** The spec with the model's defaults for what it leaves out. */
export function resolveHardware(model: ChassisModel, version: string, spec: HardwareSpec | undefined): RouterHardware {
  const d = defaultHardware(model, version);
  if (spec === undefined) return d;
  // An RP given without an ESP takes the ESP that goes with it by default (an RP1 with an ESP10).
  const withRp = spec.rp === 'ASR1000-RP1' && spec.esp === undefined ? { ...d, esp: 'ASR1000-ESP10' } : d;
  return {
    rp: spec.rp ?? withRp.rp,
    esp: spec.esp ?? withRp.esp,
    esps: spec.esps ?? withRp.esps,
    psus: spec.psus ?? withRp.psus,
    rps: spec.rps ?? withRp.rps ?? chassisAnatomy(model).rpSlots.length,
  };
}

/** One reason a population cannot exist, with the field it is about (`rp`, `esp`, `esps`, `psus`). */
export interface HardwareProblem {
  readonly field: keyof HardwareSpec;
  readonly message: string;
}

/**
 * Why this population cannot exist on `model` running `version`, or an empty list (§8.10, §8.11): an RP or ESP
 * PID the twin does not know or that does not fit the chassis, a release the RP or ESP has no image for (16.x
 * or 17.x on RP1-era hardware), two ESPs on a single-ESP-slot chassis, a PSU count other than 1 or 2. Versions
 * whose major release the table does not list (e.g. an IOS `15.5(3)S` string) are not judged.
 */
export function hardwareProblems(model: ChassisModel, version: string, spec: HardwareSpec | undefined): HardwareProblem[] {
  const hw = resolveHardware(model, version, spec);
  const problems: HardwareProblem[] = [];
  const major = releaseMajor(version);
  for (const kind of ['rp', 'esp'] as const) {
    const pid = hw[kind];
    const card = CARD_GENERATIONS.find((c) => c.kind === kind && c.pid === pid);
    const fits = cardsFor(model, kind)
      .map((c) => c.pid)
      .join(', ');
    const what = kind === 'rp' ? 'RP' : 'ESP';
    if (card === undefined) {
      problems.push({ field: kind, message: `unknown ${what} ${pid}; an ${model} takes ${fits}` });
    } else if (!card.chassis.includes(model)) {
      problems.push({ field: kind, message: `${pid} does not fit an ${model}; it takes ${fits}` });
    } else if ([2, 3, 16, 17].includes(major) && !card.majors.includes(major)) {
      const runs = card.majors.map((m) => `${m}.x`).join(', ');
      problems.push({ field: kind, message: `${pid} cannot run IOS XE ${version}: no ${major}.x image exists for it (it runs ${runs})` });
    }
  }
  const slots = chassisAnatomy(model).espSlots.length;
  if (!Number.isInteger(hw.esps) || hw.esps < 1 || hw.esps > slots) {
    problems.push({
      field: 'esps',
      message: `an ${model} holds ${slots === 1 ? 'exactly one ESP' : '1 or 2 ESPs'} (ESP slots: ${chassisAnatomy(model).espSlots.join(', ')}); ${hw.esps} given`,
    });
  }
  const rpSlots = chassisAnatomy(model).rpSlots;
  const rps = hw.rps ?? rpSlots.length;
  if (!Number.isInteger(rps) || rps < 1 || rps > rpSlots.length) {
    problems.push({
      field: 'rps',
      message: `an ${model} holds ${rpSlots.length === 1 ? 'exactly one RP' : '1 or 2 RPs'} (RP slots: ${rpSlots.join(', ')}); ${rps} given`,
    });
  }
  if (!Number.isInteger(hw.psus) || hw.psus < 1 || hw.psus > PSU_SLOTS.length) {
    problems.push({ field: 'psus', message: `an ${model} holds 1 or 2 power supplies (${PSU_SLOTS.join(', ')}); ${hw.psus} given` });
  }
  return problems;
}

/** The ESP slots a population fills, F0 first (a single ESP sits in F0). */
export function installedEsps(model: ChassisModel, esps: number): readonly EspSlot[] {
  return chassisAnatomy(model).espSlots.slice(0, Math.max(1, esps));
}

/** The RP slots a population fills, R0 first (a single RP sits in R0; the chassis is then simplex, §8.10). */
export function installedRps(model: ChassisModel, rps: number | undefined): readonly RpSlot[] {
  const slots = chassisAnatomy(model).rpSlots;
  return slots.slice(0, Math.max(1, rps ?? slots.length));
}

/** Power-supply bays of a healthy router with `psus` supplies: the first ones `ok`, the rest `empty`. */
export function healthyPsus(psus: number): readonly PsuStatus[] {
  return PSU_SLOTS.map((slot, k) => ({ slot, state: k < psus ? 'ok' : 'empty' }));
}

/**
 * Default IOS-XE release of a model when none is given: 17.3.4a, except on RP1-era fixed chassis (ASR1001,
 * ASR1002), which have no 16.x/17.x image (§8.11) and run 3.16.10S, the latest 3.x name public configurations
 * show for RP1 hardware.
 */
export function defaultSoftwareVersion(model: ChassisModel): string {
  return model === 'ASR1001' || model === 'ASR1002' ? '3.16.10S' : DEFAULT_SOFTWARE_VERSION;
}

/**
 * The population of a stored or simulated router: its declared hardware, else the model's default for the release
 * its first instance runs (an ASR1004 on 17.x shows an RP2 and an ESP20, never the RP1 it cannot have, §8.11).
 */
export function hardwareOf(state: {
  readonly model: ChassisModel;
  readonly hardware?: RouterHardware;
  readonly instances: readonly { readonly softwareVersion: string }[];
}): RouterHardware {
  return state.hardware ?? defaultHardware(state.model, state.instances[0]?.softwareVersion ?? '');
}

/**
 * `show version` processor label: fixed chassis keep theirs (`ASR1002-X (2RU-X)`); modular ones name their RP
 * generation, `ASR1004 (RP2)` (the `ASR1006 (RP2)` form of the captures).
 */
export function processorLabelOf(model: ChassisModel, rp: string): string {
  const label = chassisAnatomy(model).processorLabel;
  const generation = /^ASR1000-(RP\d)$/.exec(rp)?.[1];
  return generation === undefined ? label : `${model} (${generation})`;
}
