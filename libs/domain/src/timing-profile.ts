/**
 * The timing profile: every duration the simulator uses, as a named key with a default, a unit, a source and
 * the distribution a run draws it from (DESIGN.md "Timing profile"; figures from domain reference §3, §4, §6).
 *
 * A scenario overrides keys under `spec.timing`; a chassis model may carry its own defaults
 * (`MODEL_TIMING_OVERRIDES`). Each draw is `default × factor`, with the factor drawn from the key's
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
  'ipcLossDetection',
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
    description: 'a crashed IOS instance restarted by the process manager on its host, before RF progression',
    source: 'uncertain: no public figure (domain §3 suggests 2–5 min to STANDBY HOT in total)',
    distribution: uniform(0.3),
  },
  guestRestart: {
    key: 'guestRestart',
    defaultMs: 15_000,
    unit: 'ms',
    description: 'KVM supervisor notices a dead guest (STOPPED/FAILED) and starts it again',
    source: 'uncertain: management-layer behaviour, no source (domain §6.3)',
    distribution: uniform(0.3),
  },
  hangDetection: {
    key: 'hangDetection',
    defaultMs: 30_000,
    unit: 'ms',
    description: 'a hung IOS (no crash signal) is declared failed: watchdog / RF client notification timeout',
    source: 'RF client_notification_TMR = 30000 ms on the ASR1K (domain §2.3); watchdog figure uncertain',
    distribution: fixed,
  },
  rfClientNotification: {
    key: 'rfClientNotification',
    defaultMs: 30_000,
    unit: 'ms',
    description: 'RF client notification timer (cRFCfgNotifTimer)',
    source: 'captured: client_notification_TMR = 30000 milliseconds (domain §2.3, §5.2)',
    distribution: fixed,
  },
  hostBoot: {
    key: 'hostBoot',
    defaultMs: 120_000,
    unit: 'ms',
    description: 'Linux control processor up before the IOS system uptime starts',
    source: 'inferred ≈2 min from ASR1001 and ASR1006 captures (domain §3)',
    distribution: uniform(0.15),
  },
  espPacketReady: {
    key: 'espPacketReady',
    defaultMs: 109_000,
    unit: 'ms',
    description: 'ESP packet-ready after a chassis start',
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
    description: 'a failed or reset RP until its Linux host is up again',
    source: 'same ≈2 min control-processor figure as hostBoot (domain §3, §6.4), uncertain',
    distribution: uniform(0.15),
  },
  issuRollbackTimer: {
    key: 'issuRollbackTimer',
    defaultMs: 2_700_000,
    unit: 'ms',
    description: 'ISSU rollback timer started by runversion; expiry rolls back',
    source: 'classic issu command set default 45 min (domain §3, §4.1; capture "Configured Rollback Time = 00:45:00")',
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
};

/** Per-model defaults that differ from the profile. Empty until a source gives a model-specific figure. */
export const MODEL_TIMING_OVERRIDES: Readonly<Partial<Record<string, Partial<Record<TimingKey, number>>>>> = {};

export function isTimingKey(value: unknown): value is TimingKey {
  return typeof value === 'string' && Object.hasOwn(TIMING_PROFILE, value);
}
