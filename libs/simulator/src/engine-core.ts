import { DOMAIN_STATES, ESP_STATES, HOST_STATES, RF, RF_STATES, TIMING_KEYS, type TimingKey } from '@asr-twin/domain';
import { heapPush } from './event-queue.js';
import { nextFloat } from './prng.js';
import { ISSU, type SimState, EV_ARG_SHIFT } from './sim-state.js';
import { TGT } from './scenario-plan.js';

// Hot-path codes as module-level constants: V8 folds these, but not property loads on the imported objects
// (measured 6–20 % of engine time).
const { ACTIVE_FAST } = RF;

/** Timing key → index in `SimState.timing` (`TIMING_KEYS` order). */
export const TK = Object.fromEntries(TIMING_KEYS.map((k, i) => [k, i])) as Readonly<Record<TimingKey, number>>;

/** Schedules an event `delayMs` from now (delay ≥ 0). */
export function schedule(s: SimState, delayMs: number, kind: number, arg: number, token: number): void {
  s.queueLength = heapPush(s.queue, s.queueLength, s.now + delayMs, s.seq++, kind + arg * EV_ARG_SHIFT, token);
}

/**
 * Draws a duration for a timing key: base × factor, factor uniform in [1 − spread, 1 + spread] from the
 * router's seeded PRNG (domain timing profile), rounded to whole ms so reports carry integers.
 */
export function draw(s: SimState, key: number): number {
  const base = s.timing[key] as number;
  const spread = s.spread[key] as number;
  if (spread === 0 || base === 0) return Math.round(base);
  return Math.max(0, Math.round(base * (1 + spread * (2 * nextFloat(s.rng) - 1))));
}

/** A variate for `drawAt`: uniform in [−1, 1] from the router's seeded PRNG. */
export function variate(s: SimState): number {
  return 2 * nextFloat(s.rng) - 1;
}

/**
 * A timing key at a given variate: base × (1 + spread × v), rounded. Keys drawn at one variate keep their own
 * distributions but move together (a slow RP is slow at each of them).
 */
export function drawAt(s: SimState, key: number, v: number): number {
  return Math.max(0, Math.round((s.timing[key] as number) * (1 + (s.spread[key] as number) * v)));
}

const INSTANCE_NAMES_SINGLE = ['R0/0', 'R0/1'] as const;
const INSTANCE_NAMES_DUAL = ['R0/0', 'R1/0'] as const;
const HOST_NAMES = ['R0', 'R1'] as const;
const ESP_NAMES = ['F0', 'F1'] as const;

export function instanceName(s: SimState, i: number): string {
  return (s.dualRp ? INSTANCE_NAMES_DUAL : INSTANCE_NAMES_SINGLE)[i] as string;
}
export function hostName(h: number): string {
  return HOST_NAMES[h] as string;
}
export function espName(e: number): string {
  return ESP_NAMES[e] as string;
}
export function rfName(code: number): string {
  return (RF_STATES[code] as (typeof RF_STATES)[number]).name;
}
export function domName(d: number): string {
  return DOMAIN_STATES[d] as string;
}
export function hostStateName(h: number): string {
  return HOST_STATES[h] as string;
}
export function espStateName(e: number): string {
  return ESP_STATES[e] as string;
}

/** Appends a timeline entry at the current time. Call only when `s.timeline !== null`. */
export function emit(s: SimState, component: string, event: string, from: string | null, to: string | null): void {
  (s.timeline as NonNullable<SimState['timeline']>).push({ tMs: s.now, router: s.hostname, component, event, from, to });
}

/** RP (host index) an instance runs on. */
export function hostOf(s: SimState, i: number): number {
  return s.dualRp ? i : 0;
}

/** Instance holding activity (any ACTIVE-family RF state), or -1. */
export function activeIndex(s: SimState): number {
  if (s.inst[0].rf >= ACTIVE_FAST) return 0;
  if (s.inst[1].rf >= ACTIVE_FAST) return 1;
  return -1;
}

/** Running (progressing or settled in an RF state), as opposed to dead or waiting for a restart. */
export function isAlive(s: SimState, i: number): boolean {
  return s.inst[i].progSeq >= 0;
}

/**
 * Operating redundancy mode is SSO: configured SSO and both units on the same image, except during ISSU,
 * whose compatibility matrix allows mixed versions (domain §2.1, §4). A mismatch otherwise reverts to RPR.
 */
export function operatingSso(s: SimState): boolean {
  return s.configuredMode === 'sso' && (s.inst[0].version === s.inst[1].version || s.issuPhase !== ISSU.IDLE);
}

/** The operating redundancy mode (`show redundancy`: "Operating Redundancy Mode"). */
export function operatingMode(s: SimState): 'sso' | 'rpr' | 'none' {
  if (s.configuredMode === 'none') return 'none';
  return operatingSso(s) ? 'sso' : 'rpr';
}

/** Resolves an instance-level step target at fire time, or -1 when it does not resolve now. */
export function resolveInstance(s: SimState, target: number, index: number): number {
  if (target === TGT.INSTANCE) return index;
  const a = activeIndex(s);
  if (target === TGT.ACTIVE) return a;
  if (target === TGT.STANDBY) return a < 0 ? -1 : 1 - a;
  return -1;
}

/** Resolves a host-level step target (`active`/`standby` = host of that instance), or -1. */
export function resolveHost(s: SimState, target: number, index: number): number {
  if (target === TGT.HOST) return index;
  const i = resolveInstance(s, target, index);
  return i < 0 ? -1 : hostOf(s, i);
}

/** Resolves an ESP-level step target (`active`/`standby` = ESP role), or -1. */
export function resolveEsp(s: SimState, target: number, index: number): number {
  if (target === TGT.ESP) return index;
  if (target === TGT.ACTIVE) return s.espActive;
  if (target === TGT.STANDBY) return s.espCount === 2 ? 1 - s.espActive : -1;
  return -1;
}
