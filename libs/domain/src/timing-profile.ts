import type { ChassisModel } from './chassis.js';

/**
 * The timing profile: every duration the simulator uses, as a named key with a default, a unit, a source and
 * the distribution a run draws it from (DESIGN.md "Timing profile"; figures from domain reference §3, §4, §6).
 *
 * A scenario overrides keys under `spec.timing`; a chassis model may carry its own defaults
 * (`MODEL_TIMING_OVERRIDES`); precedence is scenario > model > profile. Each draw is `default × factor`, with the factor drawn from the key's
 * distribution by the run's seeded PRNG: `fixed` always 1, `uniform` from [1 − spread, 1 + spread].
 * An override replaces the default; its spread stays.
 */
export interface TimingKeyInfo {
  readonly key: TimingKey;
  readonly defaultMs: number;
  readonly unit: 'ms';
  readonly description: string;
  /** Where the default comes from, with the reference's confidence marker. */
  readonly source: string;
  readonly distribution: { readonly kind: 'fixed' } | { readonly kind: 'uniform'; readonly spread: number };
}

const uniform = (spread: number) => ({ kind: 'uniform', spread }) as const;
const fixed = { kind: 'fixed' } as const;

export const TIMING_KEYS = [
  'iosSwitchover',
  'espSwitchover',
  'standbyBootToHot',
  'iosdRestart',
  'guestRestart',
  'hangDetection',
  'rfClientNotification',
  'hostBoot',
  'espPacketReady',
  'chassisReload',
  'hostPanicReboot',
  'rpBoot',
  'issuRollbackTimer',
  'issuAutoAbortTimer',
  'ipcLossDetection',
  'rprSwitchover',
] as const;

export type TimingKey = (typeof TIMING_KEYS)[number];

export const TIMING_PROFILE: Readonly<Record<TimingKey, TimingKeyInfo>> = {
  iosSwitchover: {
    key: 'iosSwitchover',
    defaultMs: 40,
    unit: 'ms',
    description: 'IOS to IOS (or RP to RP) switchover: STANDBY HOT peer reaches ACTIVE',
    source: 'Cisco Press NSF/SSO: "under 50 ms" (domain §1.5, §3); default 40 ms ±20 % stays under the claim',
    distribution: uniform(0.2),
  },
  espSwitchover: {
    key: 'espSwitchover',
    defaultMs: 150,
    unit: 'ms',
    description: 'forwarding interruption of an ESP to ESP switchover (dual-ESP chassis)',
    source: 'ASR guide table 5-1: "minor interruption of under 200 ms" (domain §1.5); default 150 ms ±25 %',
    distribution: uniform(0.25),
  },
  standbyBootToHot: {
    key: 'standbyBootToHot',
    defaultMs: 180_000,
    unit: 'ms',
    description: 'standby IOS from start (DISABLED) through bulk sync to STANDBY HOT',
    source: 'inferred ≈3 min from an ASR1006 RP2 capture (domain §3)',
    distribution: uniform(0.2),
  },
  iosdRestart: {
    key: 'iosdRestart',
    defaultMs: 10_000,
    unit: 'ms',
    description:
      'a crashed (guest panic) or watchdog-reset IOS instance until it runs again (STARTED/BOOTED, RF DISABLED), ' +
      'before its RF progression; the restart is done by the KVM supervisor of its host',
    source: 'uncertain: no public figure (domain §3 suggests 2–5 min to STANDBY HOT in total, §6.3)',
    distribution: uniform(0.3),
  },
  guestRestart: {
    key: 'guestRestart',
    defaultMs: 15_000,
    unit: 'ms',
    description: 'KVM supervisor notices a dead QEMU process (STOPPED/FAILED, SHUTOFF reason CRASHED) and starts it again',
    source: 'uncertain: management-layer behaviour, no source (domain §6.3)',
    distribution: uniform(0.3),
  },
  hangDetection: {
    key: 'hangDetection',
    defaultMs: 30_000,
    unit: 'ms',
    description: 'a hung active IOS (no crash signal) until the libvirt watchdog fires (WATCHDOG, action reset)',
    source:
      'uncertain: watchdog timeout is configuration specific (domain §6.3); set to the 30 s RF client ' +
      'notification timer, the ASR1K figure for an unresponsive peer (domain §2.3)',
    distribution: fixed,
  },
  rfClientNotification: {
    key: 'rfClientNotification',
    defaultMs: 30_000,
    unit: 'ms',
    description:
      'RF client notification timer (cRFCfgNotifTimer): a hung standby that stops acknowledging is reset by the active',
    source: 'captured: client_notification_TMR = 30000 milliseconds (domain §2.3, §5.2)',
    distribution: fixed,
  },
  hostBoot: {
    key: 'hostBoot',
    defaultMs: 120_000,
    unit: 'ms',
    description: 'Linux control processor up before IOS starts, in a chassis reload or after a kernel-panic reboot',
    source: 'inferred ≈2 min from ASR1001 and ASR1006 captures (domain §3)',
    distribution: uniform(0.15),
  },
  espPacketReady: {
    key: 'espPacketReady',
    defaultMs: 109_000,
    unit: 'ms',
    description: 'ESP packet-ready after a chassis start, an ESP reset (non-SSO switchover) or an ESP repair',
    source: 'inferred 1:49 from an ASR1004 show platform diag capture (domain §3)',
    distribution: uniform(0.15),
  },
  chassisReload: {
    key: 'chassisReload',
    defaultMs: 360_000,
    unit: 'ms',
    description: 'full chassis reload until the IOS instance is ACTIVE again',
    source: 'inferred 5–7 min: 4:56 to HA active (ASR1004), 7:11 reload (ASR1001) (domain §3); default 6 min',
    distribution: uniform(0.15),
  },
  hostPanicReboot: {
    key: 'hostPanicReboot',
    defaultMs: 10_000,
    unit: 'ms',
    description: 'a panicked host kernel until its reboot starts (kernel.panic timeout / hardware watchdog)',
    source: 'uncertain: kernel.panic > 0 reboots after N s; ASR value unknown (domain §6.4)',
    distribution: uniform(0.5),
  },
  rpBoot: {
    key: 'rpBoot',
    defaultMs: 120_000,
    unit: 'ms',
    description:
      'a single RP reboot until its Linux host is up again: old active RP after a dual-RP switchover (§2.4), ' +
      'standby RP reload, repaired/reinserted RP',
    source: 'same ≈2 min control-processor figure as hostBoot (domain §3, §6.4), uncertain',
    distribution: uniform(0.15),
  },
  issuRollbackTimer: {
    key: 'issuRollbackTimer',
    defaultMs: 2_700_000,
    unit: 'ms',
    description: 'classic ISSU rollback timer (3.x, and 16.x with method classic), started at loadversion; acceptversion stops it; expiry rolls back',
    source:
      'classic issu command set default 45 min (domain §3, §4.1; capture "Configured Rollback Time = 00:45:00"); ' +
      'started at loadversion as the ASR1K guide says and the capture shows ("Last operation: loadversion", ' +
      'timer running); the 12.2SB page starts it at runversion (§4.2)',
    distribution: fixed,
  },
  issuAutoAbortTimer: {
    key: 'issuAutoAbortTimer',
    defaultMs: 7_200_000,
    unit: 'ms',
    description:
      'install-mode ISSU auto-abort timer, started at install activate issu; install commit stops it; expiry rolls ' +
      'back (standby reset on the original image first, then the active)',
    source:
      'ASR 1000 configuration guide, IOS XE 17, install-mode ISSU: auto-abort-timer default 120 min, settable at ' +
      'activation (domain §4.1, §8.7; certain)',
    distribution: fixed,
  },
  ipcLossDetection: {
    key: 'ipcLossDetection',
    defaultMs: 3_000,
    unit: 'ms',
    description: 'peers notice the inter-instance IPC is down and arbitrate (Primary wins)',
    source: 'uncertain: no public ASR1K figure (domain §2.3, §2.6)',
    distribution: uniform(0.3),
  },
  rprSwitchover: {
    key: 'rprSwitchover',
    defaultMs: 150_000,
    unit: 'ms',
    description:
      'non-SSO switchover (RPR, or SSO with the peer still STANDBY COLD): the peer completes initialisation ' +
      'and reaches ACTIVE; the ESP is reset and forwards again once packet-ready and reprogrammed',
    source:
      'uncertain: ASR guide says "the entire system is rebooted" under RPR (domain §2.1, §2.4); Catalyst ' +
      'RPR 2–4 min (Cat6500), < 60 s (Cat4500) (domain §3); default 2.5 min',
    distribution: uniform(0.3),
  },
};

/**
 * Per-model defaults that differ from the profile, each from a model-specific capture (domain §3, single
 * samples, **[inferred]**):
 * - ASR1001 `chassisReload` 431 000 ms: `reload` to IOS restart 7 min 11 s (ntc `cisco_ios_show_version2.raw`);
 * - ASR1004 `chassisReload` 296 000 ms: R0/0 "Became HA Active" 4:56 after chassis start
 *   (ntc `cisco_ios_show_platform_diag.raw`).
 */
export const MODEL_TIMING_OVERRIDES: Readonly<Partial<Record<ChassisModel, Partial<Record<TimingKey, number>>>>> = {
  ASR1001: { chassisReload: 431_000 },
  ASR1004: { chassisReload: 296_000 },
};

/**
 * Base duration (ms) of every key for a chassis model, before the seeded draw: the scenario's `spec.timing`
 * override if given, else the model's default, else the profile default.
 */
export function resolveTimingDefaults(
  model: ChassisModel,
  overrides: Readonly<Record<string, number>> = {},
): Record<TimingKey, number> {
  const modelDefaults = MODEL_TIMING_OVERRIDES[model] ?? {};
  const out = {} as Record<TimingKey, number>;
  for (const key of TIMING_KEYS) {
    out[key] = Object.hasOwn(overrides, key)
      ? (overrides[key] as number)
      : (modelDefaults[key] ?? TIMING_PROFILE[key].defaultMs);
  }
  return out;
}

export function isTimingKey(value: unknown): value is TimingKey {
  return typeof value === 'string' && Object.hasOwn(TIMING_PROFILE, value);
}

/** One timing key as `twin timings --json` and `GET /api/v1/timings` list it. */
export interface TimingKeyView extends TimingKeyInfo {
  /** Chassis models with a default of their own for this key (ms). */
  readonly modelDefaults: Readonly<Partial<Record<ChassisModel, number>>>;
  /** The default for the requested model (its own, else the profile's); absent without a model. */
  readonly effectiveMs?: number;
}

/** Every timing key in profile order, with the per-model defaults and, given a model, the default it runs with. */
export function timingProfileView(model?: ChassisModel): TimingKeyView[] {
  return TIMING_KEYS.map((key) => {
    const modelDefaults: Partial<Record<ChassisModel, number>> = {};
    for (const [m, overrides] of Object.entries(MODEL_TIMING_OVERRIDES) as [ChassisModel, Partial<Record<TimingKey, number>>][]) {
      const ms = overrides[key];
      if (ms !== undefined) modelDefaults[m] = ms;
    }
    const base = { ...TIMING_PROFILE[key], modelDefaults };
    return model === undefined ? base : { ...base, effectiveMs: modelDefaults[model] ?? TIMING_PROFILE[key].defaultMs };
  });
}
