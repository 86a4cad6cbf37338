import type { ChassisModel } from './chassis.js';
import { isTimingKey, TIMING_KEYS, TIMING_PROFILE, type TimingKey, type TimingKeyInfo } from './timing-profile.js';

/** A chassis model's own default for a timing key, with where it comes from. */
export interface ModelTiming {
  readonly ms: number;
  readonly source: string;
}

/**
 * Per-model defaults where the sources give a model its own figure (domain §3, §8.19, §8.20; single captures,
 * **[inferred]**). Every other model runs with the profile default, whose `source` says it is uncertain there.
 * - chassis reload: ASR1001 7 min 11 s (`reload` to IOS restart, ntc `cisco_ios_show_version2.raw`, 3.9.1S);
 *   ASR1004 4:56 (R0/0 "Became HA Active" after chassis start, ntc `cisco_ios_show_platform_diag.raw`, RP1);
 * - RPR switchover: that chassis reload minus the 2 min Linux boot plus the 43 s SIP/SPA reload (§8.20);
 * - ESP packet-ready: 1:49 is the ESP10 of that same ASR1004 capture; the ASR1002 carries the same ESP10
 *   generation (likely). ESPs of other generations have no public figure (uncertain, profile default).
 */
export const MODEL_TIMINGS: Readonly<Partial<Record<ChassisModel, Partial<Record<TimingKey, ModelTiming>>>>> = {
  ASR1001: {
    chassisReload: { ms: 431_000, source: 'reload to IOS restart 7 min 11 s, ASR1001 3.9.1S capture (inferred)' },
    rprSwitchover: { ms: 354_000, source: 'chassis reload 7:11 − Linux boot 2:00 + SIP/SPA reload 0:43 (likely)' },
  },
  ASR1002: {
    espPacketReady: { ms: 109_000, source: 'ESP10 1:49 after chassis start, from the ASR1004 RP1 capture: same ESP generation (likely)' },
  },
  ASR1004: {
    chassisReload: { ms: 296_000, source: 'R0/0 "Became HA Active" 4:56 after chassis start, ASR1004 RP1 capture (inferred)' },
    rprSwitchover: { ms: 219_000, source: 'chassis reload 4:56 − Linux boot 2:00 + SIP/SPA reload 0:43 (likely)' },
    espPacketReady: { ms: 109_000, source: 'ESP10 packet ready 1:49 after chassis start, ASR1004 RP1 capture (inferred)' },
  },
};

/** The per-model default durations alone (ms): `MODEL_TIMINGS` without the sources. */
export const MODEL_TIMING_OVERRIDES: Readonly<Partial<Record<ChassisModel, Partial<Record<TimingKey, number>>>>> = Object.fromEntries(
  Object.entries(MODEL_TIMINGS).map(([model, keys]) => [model, Object.fromEntries(Object.entries(keys).map(([k, t]) => [k, t.ms]))]),
);

/**
 * Keys a scenario may still give that the profile replaced, and the keys each now stands for.
 * `standbyBootToHot` (the whole standby path, ≈3 min) became `iosBoot` + `bulkSync` (domain §8.19): given alone,
 * it is split between them in the proportion of their defaults for the model, so an old scenario runs its
 * standby path in the same total time. It cannot be combined with the keys it stands for.
 */
export const DEPRECATED_TIMING_KEYS: Readonly<Record<string, readonly TimingKey[]>> = {
  standbyBootToHot: ['iosBoot', 'bulkSync'],
};

/** A key `spec.timing` accepts: a profile key or a deprecated alias. */
export function isTimingOverrideKey(value: unknown): value is string {
  return isTimingKey(value) || (typeof value === 'string' && Object.hasOwn(DEPRECATED_TIMING_KEYS, value));
}

/** Why a set of overrides cannot be applied (an alias given with a key it stands for), or null. */
export function timingOverrideConflict(overrides: Readonly<Record<string, number>>): string | null {
  for (const [alias, keys] of Object.entries(DEPRECATED_TIMING_KEYS)) {
    if (!Object.hasOwn(overrides, alias)) continue;
    const both = keys.filter((k) => Object.hasOwn(overrides, k));
    if (both.length > 0)
      return `${alias} is deprecated and stands for ${keys.join(' + ')}; give ${keys.join(' and ')} instead of it, not both (${both.join(', ')} given)`;
  }
  return null;
}

/**
 * Base duration (ms) of every key for a chassis model, before the seeded draw: the scenario's `spec.timing`
 * override if given, else the model's default, else the profile default. A deprecated alias is split over its
 * keys in the proportion of their bases (rounded; the parts add up to the alias's value).
 */
export function resolveTimingDefaults(model: ChassisModel, overrides: Readonly<Record<string, number>> = {}): Record<TimingKey, number> {
  const modelDefaults = MODEL_TIMING_OVERRIDES[model] ?? {};
  const out = {} as Record<TimingKey, number>;
  for (const key of TIMING_KEYS) {
    out[key] = Object.hasOwn(overrides, key) ? (overrides[key] as number) : (modelDefaults[key] ?? TIMING_PROFILE[key].defaultMs);
  }
  for (const [alias, keys] of Object.entries(DEPRECATED_TIMING_KEYS)) {
    const total = overrides[alias];
    if (!Object.hasOwn(overrides, alias) || total === undefined || keys.some((k) => Object.hasOwn(overrides, k))) continue;
    const bases = keys.map((k) => out[k]);
    const sum = bases.reduce((a, b) => a + b, 0);
    let left = total;
    keys.forEach((k, n) => {
      const part = n === keys.length - 1 ? left : Math.round((total * (bases[n] as number)) / sum);
      out[k] = part;
      left -= part;
    });
  }
  return out;
}

/** One timing key as `twin timings --json` and `GET /api/v1/timings` list it. */
export interface TimingKeyView extends TimingKeyInfo {
  /** Chassis models with a default of their own for this key (ms). */
  readonly modelDefaults: Readonly<Partial<Record<ChassisModel, number>>>;
  /** Where each of `modelDefaults` comes from, same models. */
  readonly modelSources: Readonly<Partial<Record<ChassisModel, string>>>;
  /** The default for the requested model (its own, else the profile's); absent without a model. */
  readonly effectiveMs?: number;
}

/** Every timing key in profile order, with the per-model defaults and, given a model, the default it runs with. */
export function timingProfileView(model?: ChassisModel): TimingKeyView[] {
  return TIMING_KEYS.map((key) => {
    const modelDefaults: Partial<Record<ChassisModel, number>> = {};
    const modelSources: Partial<Record<ChassisModel, string>> = {};
    for (const [m, timings] of Object.entries(MODEL_TIMINGS) as [ChassisModel, Partial<Record<TimingKey, ModelTiming>>][]) {
      const t = timings[key];
      if (t === undefined) continue;
      modelDefaults[m] = t.ms;
      modelSources[m] = t.source;
    }
    const base = { ...TIMING_PROFILE[key], modelDefaults, modelSources };
    return model === undefined ? base : { ...base, effectiveMs: modelDefaults[model] ?? TIMING_PROFILE[key].defaultMs };
  });
}
