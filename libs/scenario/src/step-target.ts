import {
  CHASSIS_MODELS,
  chassisAnatomy,
  type ChassisAnatomy,
  type EspSlot,
  type InstanceName,
  PSU_SLOTS,
  type PsuSlot,
  type RpSlot,
  type StepTarget,
  type TargetKind,
} from '@asr-twin/domain';

// Derived from the chassis catalogue, so a new model's names become valid targets without a copied list.
const INSTANCES: readonly InstanceName[] = unique(CHASSIS_MODELS.flatMap((m) => chassisAnatomy(m).instances.map((i) => i.name)));
const HOSTS: readonly RpSlot[] = unique(CHASSIS_MODELS.flatMap((m) => chassisAnatomy(m).rpSlots));
const ESPS: readonly EspSlot[] = unique(CHASSIS_MODELS.flatMap((m) => chassisAnatomy(m).espSlots));
const ROLE_TARGETS = ['active', 'standby', 'router'] as const;

/** Every target a step may name, on some chassis: `active`, `standby`, `router`, `R0/0`, …, `R0`, …, `F0`, …. */
export const TARGET_NAMES: readonly string[] = [...ROLE_TARGETS, ...INSTANCES, ...HOSTS, ...ESPS, ...PSU_SLOTS];

/** The target a step's `target:` text names, or undefined when it names none on any chassis. */
export function parseTarget(text: string): StepTarget | undefined {
  if ((ROLE_TARGETS as readonly string[]).includes(text)) return { kind: text as (typeof ROLE_TARGETS)[number] };
  if ((INSTANCES as readonly string[]).includes(text)) return { kind: 'instance', name: text as InstanceName };
  if ((HOSTS as readonly string[]).includes(text)) return { kind: 'host', slot: text as RpSlot };
  if ((ESPS as readonly string[]).includes(text)) return { kind: 'esp', slot: text as EspSlot };
  if ((PSU_SLOTS as readonly string[]).includes(text)) return { kind: 'psu', slot: text as PsuSlot };
  return undefined;
}

/** The `target:` text of a target; the inverse of {@link parseTarget}. */
export function formatTarget(target: StepTarget): string {
  switch (target.kind) {
    case 'instance':
      return target.name;
    case 'host':
    case 'esp':
    case 'psu':
      return target.slot;
    default:
      return target.kind;
  }
}

/** The target used for a kind when a step names none; only role kinds need no name. */
export function targetOfKind(kind: TargetKind): StepTarget | undefined {
  return kind === 'active' || kind === 'standby' || kind === 'router' ? { kind } : undefined;
}

/** `the host R1`, `the instance R0/1`, `the ESP F0`, `active`: a target in a sentence. */
export function describeTarget(target: StepTarget): string {
  switch (target.kind) {
    case 'instance':
      return `the instance ${target.name}`;
    case 'host':
      return `the host ${target.slot}`;
    case 'esp':
      return `the ESP ${target.slot}`;
    case 'psu':
      return `the power supply ${target.slot}`;
    case 'router':
      return 'the router';
    default:
      return target.kind;
  }
}

/** `active, standby or an instance (R0/0, R0/1, R1/0)`: the allowed kinds of a fault or action. */
export function describeKinds(kinds: readonly TargetKind[]): string {
  const words = kinds.map((kind) => {
    switch (kind) {
      case 'instance':
        return `an instance (${INSTANCES.join(', ')})`;
      case 'host':
        return `a host (${HOSTS.join(', ')})`;
      case 'esp':
        return `an ESP (${ESPS.join(', ')})`;
      case 'psu':
        return `a power supply (${PSU_SLOTS.join(', ')})`;
      default:
        return kind;
    }
  });
  return words.length <= 1 ? (words[0] ?? 'nothing') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** RPs, ESPs and supplies a router holds (§8.9, §8.10); what is left out: every slot of the chassis. */
export interface Population {
  readonly rps?: number;
  readonly esps?: number;
  readonly psus?: number;
}

/**
 * Whether a named component exists on a chassis with `esps` ESPs and `psus` supplies installed (§8.9, §8.10);
 * role targets exist on every chassis.
 */
export function existsOn(target: StepTarget, anatomy: ChassisAnatomy, population: Population = {}): boolean {
  const { esps = anatomy.espSlots.length, psus = PSU_SLOTS.length, rps = anatomy.rpSlots.length } = population;
  switch (target.kind) {
    case 'instance':
      return anatomy.instances.some((i) => i.name === target.name && anatomy.rpSlots.slice(0, rps).includes(i.host));
    case 'host':
      return anatomy.rpSlots.slice(0, rps).includes(target.slot);
    case 'esp':
      return anatomy.espSlots.slice(0, esps).includes(target.slot);
    case 'psu':
      return PSU_SLOTS.slice(0, psus).includes(target.slot);
    default:
      return true;
  }
}

/** What a chassis has of the target's kind, for messages: `hosts: R0`. */
export function componentsOf(target: StepTarget, anatomy: ChassisAnatomy, population: Population = {}): string {
  const { esps = anatomy.espSlots.length, psus = PSU_SLOTS.length, rps = anatomy.rpSlots.length } = population;
  const hosts = anatomy.rpSlots.slice(0, rps);
  if (target.kind === 'instance')
    return `instances: ${anatomy.instances
      .filter((i) => hosts.includes(i.host))
      .map((i) => i.name)
      .join(', ')}`;
  if (target.kind === 'host') return `hosts: ${hosts.join(', ')}`;
  if (target.kind === 'psu') return `power supplies: ${PSU_SLOTS.slice(0, psus).join(', ')}`;
  return `ESPs: ${anatomy.espSlots.slice(0, esps).join(', ')}`;
}

function unique<T>(values: readonly T[]): readonly T[] {
  return [...new Set(values)];
}
