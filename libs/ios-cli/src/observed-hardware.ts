import { chassisAnatomy, PSU_SLOTS, type ChassisModel, type EspSlot, type PsuState, type PsuStatus } from '@asr-twin/domain';
import type { ShowPlatformObservation } from './show-platform.parser.js';

/** The hardware population `show platform` shows (domain §8.9–§8.11), in the twin's terms. */
export interface ObservedHardware {
  /** PID of the first RP row with one (`ASR1000-RP2`), or null when no RP row names one. */
  readonly rp: string | null;
  /** PID of the first ESP row with one (`ASR1000-ESP20`), or null. */
  readonly esp: string | null;
  /** ESP slots with a row: a dual-ESP chassis listing only F0 holds one ESP (the ASR1006 capture, §8.10). */
  readonly esps: readonly EspSlot[];
  /** RPs with a row: a dual-RP chassis listing only R0 holds one RP (§8.10). */
  readonly rps: number;
  /** P0 and P1: `ok`, `failed` (`ps, fail`, or any state with `fail`) or `empty` (no row). */
  readonly psus: readonly PsuStatus[];
}

function psuState(text: string | undefined): PsuState {
  if (text === undefined) return 'empty';
  const t = text.trim().toLowerCase();
  if (/\bfail/.test(t)) return 'failed';
  return /^ok\b/.test(t) ? 'ok' : 'empty';
}

/**
 * Reads the population off `show platform` of a router of `model`: the RP and ESP product ids, the ESP slots
 * that have a row and the state of each power-supply bay. Fixed chassis list their integrated cards under the
 * chassis name, which is their PID in the twin's table. Fan trays that take `P` slots beyond P1 are not supplies.
 */
export function hardwareFromShowPlatform(observation: ShowPlatformObservation, model: ChassisModel): ObservedHardware {
  const anatomy = chassisAnatomy(model);
  const rows = new Map(observation.slots.map((s) => [s.slot, s]));
  const pid = (slots: readonly string[]): string | null => slots.map((s) => rows.get(s)?.type ?? null).find((t) => t !== null) ?? null;
  return {
    rp: pid(anatomy.rpSlots),
    esp: pid(anatomy.espSlots),
    esps: anatomy.espSlots.filter((slot) => rows.has(slot)),
    rps: anatomy.rpSlots.filter((slot) => rows.has(slot)).length,
    psus: PSU_SLOTS.map((slot) => ({ slot, state: psuState(rows.get(slot)?.state) })),
  };
}
