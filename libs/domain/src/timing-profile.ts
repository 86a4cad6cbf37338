/**
 * The timing profile: every duration the simulator uses, as a named key with a default, a unit, a source and
 * the distribution a run draws it from (DESIGN.md "Timing profile"; figures from domain reference §3, §4, §6, §8.19–§8.21).
 *
 * A scenario overrides keys under `spec.timing`; a chassis model may carry its own defaults
 * (`MODEL_TIMINGS`, `timing-models.ts`); precedence is scenario > model > profile. Each draw is `default × factor`,
 * with the factor drawn from the key's distribution by the run's seeded PRNG: `fixed` always 1, `uniform` from
 * [1 − spread, 1 + spread]. An override replaces the default; its spread stays. Every default the sources do not
 * give is marked `uncertain` in its `source`.
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
  'iosBoot',
  'bulkSync',
  'iosdRestart',
  'guestRestart',
  'hangDetection',
  'rfClientNotification',
  'peerLossDetection',
  'hostBoot',
  'espPacketReady',
  'chassisReload',
  'hostPanicReboot',
  'rpBoot',
  'issuRollbackTimer',
  'issuAutoAbortTimer',
  'ipcLossDetection',
  'rprSwitchover',
  'protocolRecovery',
] as const;

export type TimingKey = (typeof TIMING_KEYS)[number];

export const TIMING_PROFILE: Readonly<Record<TimingKey, TimingKeyInfo>> = {
  iosSwitchover: {
    key: 'iosSwitchover',
    defaultMs: 40,
    unit: 'ms',
    description: 'IOS to IOS (or RP to RP) switchover: STANDBY HOT peer reaches ACTIVE',
    source: 'Cisco Press NSF/SSO: "under 50 ms"; default 40 ms ±20 % stays under the claim',
    distribution: uniform(0.2),
  },
  espSwitchover: {
    key: 'espSwitchover',
    defaultMs: 150,
    unit: 'ms',
    description: 'forwarding interruption of an ESP to ESP switchover (dual-ESP chassis)',
    source: 'ASR guide table 5-1: "minor interruption of under 200 ms"; default 150 ms ±25 %',
    distribution: uniform(0.25),
  },
  iosBoot: {
    key: 'iosBoot',
    defaultMs: 30_000,
    unit: 'ms',
    description:
      'a starting standby IOS from process start (DISABLED) through INITIALIZATION and NEGOTIATION to STANDBY COLD; ' +
      'INITIALIZATION at 80 % of it, NEGOTIATION at 90 %. Does not grow with the configuration',
    source:
      'IOS reached RF INITIALIZATION 24 s into its uptime in a public ASR1004 show redundancy history (IOS-XE 3.2S ' +
      'show tech-support, 2014; certain); the few seconds from there to STANDBY COLD are uncertain (a cold-booting ' +
      'active stamps INITIALIZATION to ACTIVE within one second in the same capture); default 30 s',
    distribution: uniform(0.15),
  },
  bulkSync: {
    key: 'bulkSync',
    defaultMs: 150_000,
    unit: 'ms',
    description:
      'a standby from STANDBY COLD through COLD-CONFIG (config apply), COLD-FILESYS and COLD-BULK to STANDBY HOT; ' +
      'COLD-CONFIG at 10 %, COLD-FILESYS at 30 %, COLD-BULK at 35 %. A large configuration lengthens this key, not iosBoot. ' +
      'Drawn at the same variate as iosBoot (each with its own spread): an RP slow to boot is slow to sync',
    source:
      'the whole standby path took ≈3 min on an ASR1006 RP2 with a small configuration (inferred) ' +
      'minus iosBoot; "varies with type and scale of configuration" (Cisco Press); the split between the COLD ' +
      'sub-states is uncertain (not captured)',
    distribution: uniform(0.2),
  },
  iosdRestart: {
    key: 'iosdRestart',
    defaultMs: 24_000,
    unit: 'ms',
    description:
      'a failed (crash, watchdog reset) or reloaded IOS instance on a single RP with two IOSd until it runs again ' +
      '(STARTED/BOOTED, RF DISABLED), before iosBoot: crashinfo and core are written before a restart can begin',
    source:
      "crashinfo 3 s and core complete 24 s after an IOSd crash in Cisco's forensic guide (ASR1002-X 17.03.05: " +
      '≈20–25 s); the process start after the core is taken as immediate, and the same figure is used ' +
      'for a reset or reload of a standby IOSd (uncertain, no public figure)',
    distribution: uniform(0.1),
  },
  guestRestart: {
    key: 'guestRestart',
    defaultMs: 15_000,
    unit: 'ms',
    description: 'KVM supervisor notices a dead QEMU process (STOPPED/FAILED, SHUTOFF reason CRASHED) and starts it again',
    source: 'uncertain: management-layer behaviour, no source',
    distribution: uniform(0.3),
  },
  hangDetection: {
    key: 'hangDetection',
    defaultMs: 30_000,
    unit: 'ms',
    description: 'a hung active IOS (no crash signal) until the libvirt watchdog fires (WATCHDOG, action reset)',
    source:
      'uncertain: watchdog timeout is configuration specific; set to the 30 s RF client ' +
      'notification timer, the ASR1K figure for an unresponsive peer (captured client_notification_TMR)',
    distribution: fixed,
  },
  rfClientNotification: {
    key: 'rfClientNotification',
    defaultMs: 30_000,
    unit: 'ms',
    description: 'RF client notification timer (cRFCfgNotifTimer): a hung standby that stops acknowledging is reset by the active',
    source: 'captured: client_notification_TMR = 30000 milliseconds (ASR 1000 show redundancy output)',
    distribution: fixed,
  },
  peerLossDetection: {
    key: 'peerLossDetection',
    defaultMs: 800,
    unit: 'ms',
    description:
      "the standby notices that the active's RP or host is gone (rp-failure, host kernel panic on a dual-RP chassis); " +
      'the takeover starts after it, not at the fault instant. Separate from hang and IPC-loss detection',
    source:
      'uncertain: no public figure; the ASR1K prints no RF keepalive timer, detection is platform-driven (cmand); ' +
      '≈1 s, taken as 0.8 s ±15 % so that detection plus the < 50 ms switchover stays under a second (a stateful ' +
      'takeover, as a hot dual-RP chassis is expected to make)',
    distribution: uniform(0.15),
  },
  hostBoot: {
    key: 'hostBoot',
    defaultMs: 120_000,
    unit: 'ms',
    description: 'Linux control processor up before IOS starts, in a chassis reload or after a kernel-panic reboot',
    source: 'inferred ≈2 min from ASR1001 and ASR1006 captures',
    distribution: uniform(0.15),
  },
  espPacketReady: {
    key: 'espPacketReady',
    defaultMs: 109_000,
    unit: 'ms',
    description: 'ESP packet-ready after a chassis start, an ESP reset (non-SSO switchover) or an ESP repair',
    source:
      'inferred 1:49 after chassis start for an ESP10 in an ASR1004 (RP1) show platform diag capture ' +
      '(ntc-templates show_platform_diag.raw); the only sourced ESP. ESP20/40/100/200 and the integrated ESPs of the ASR1001(-X)/1002-X are uncertain ' +
      '(no public figure, likely slower): they run with the ESP10 figure until one is found (per-model defaults)',
    distribution: uniform(0.15),
  },
  chassisReload: {
    key: 'chassisReload',
    defaultMs: 360_000,
    unit: 'ms',
    description: 'full chassis reload until the IOS instance is ACTIVE again',
    source:
      'inferred 5–7 min: 4:56 to HA active (ASR1004 RP1), 7:11 reload (ASR1001 3.9.1S), which ' +
      "are those models' defaults; default 6 min for every other model, uncertain (no public figure for " +
      'RP3/ESP100/ESP200 chassis, likely longer)',
    distribution: uniform(0.15),
  },
  hostPanicReboot: {
    key: 'hostPanicReboot',
    defaultMs: 10_000,
    unit: 'ms',
    description: 'a panicked host kernel until its reboot starts (kernel.panic timeout / hardware watchdog)',
    source: 'uncertain: kernel.panic > 0 reboots after N s; ASR value unknown',
    distribution: uniform(0.5),
  },
  rpBoot: {
    key: 'rpBoot',
    defaultMs: 120_000,
    unit: 'ms',
    description:
      'a single RP reboot until its Linux host is up again: old active RP after a dual-RP switchover, ' + 'standby RP reload, repaired/reinserted RP',
    source:
      'inferred ≈2 min: control-processor uptime leads IOS system uptime by 2–3 min in ASR1001 and ASR1006 RP2 ' +
      'captures; same figure for every RP generation (uncertain for RP3)',
    distribution: uniform(0.15),
  },
  issuRollbackTimer: {
    key: 'issuRollbackTimer',
    defaultMs: 2_700_000,
    unit: 'ms',
    description: 'classic ISSU rollback timer (3.x, and 16.x with method classic), started at loadversion; acceptversion stops it; expiry rolls back',
    source:
      'classic issu command set default 45 min (capture "Configured Rollback Time = 00:45:00"); ' +
      'started at loadversion as the ASR1K guide says and the capture shows ("Last operation: loadversion", ' +
      "timer running); Cisco's 12.2SB ISSU page starts it at runversion",
    distribution: fixed,
  },
  issuAutoAbortTimer: {
    key: 'issuAutoAbortTimer',
    defaultMs: 7_200_000,
    unit: 'ms',
    description:
      'install-mode ISSU auto-abort timer, started at install activate issu; install commit stops it; expiry rolls ' +
      'back (standby reset on the original image first, then the active)',
    source: 'ASR 1000 configuration guide, IOS XE 17, install-mode ISSU: auto-abort-timer default 120 min, settable at ' + 'activation (certain)',
    distribution: fixed,
  },
  ipcLossDetection: {
    key: 'ipcLossDetection',
    defaultMs: 3_000,
    unit: 'ms',
    description: 'peers notice the inter-instance IPC is down and arbitrate (Primary wins)',
    source: 'uncertain: no public ASR1K figure',
    distribution: uniform(0.3),
  },
  rprSwitchover: {
    key: 'rprSwitchover',
    defaultMs: 283_000,
    unit: 'ms',
    description:
      'non-SSO switchover (RPR, or SSO with the peer still STANDBY COLD): the whole system restarts; the peer ' +
      'reaches ACTIVE after it and the ESP, reset at the switchover, forwards again once packet-ready and reprogrammed',
    source:
      '"the entire system is rebooted" under RPR (ASR HA guide): chassis reload minus Linux boot ' +
      '(6 min − 2 min = 4 min) plus the SIP/SPA reload (SIP software up 1:40, SPAs inserted 2:23 after chassis ' +
      "start: 43 s, ntc-templates show_platform_diag.raw, inferred) = 4 min 43 s; likely, per-model defaults from each model's chassis reload",
    distribution: uniform(0.2),
  },
  protocolRecovery: {
    key: 'protocolRecovery',
    defaultMs: 120_000,
    unit: 'ms',
    description:
      "after an SSO switchover, the new ACTIVE's routing sessions re-sync while NSF/GR neighbours keep forwarding; " +
      'reported as the protocolRecoveryMs metric, separate from the RF takeover (controlPlaneOutageMs)',
    source:
      'bounded by the graceful-restart restart-time: Cisco default 120 s (BGP restart-time, generic NSF restart ' +
      'timer; certain for the defaults); the bound is used as the figure (worst case)',
    distribution: fixed,
  },
};

export function isTimingKey(value: unknown): value is TimingKey {
  return typeof value === 'string' && Object.hasOwn(TIMING_PROFILE, value);
}
