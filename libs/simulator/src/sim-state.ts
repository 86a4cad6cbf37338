import type { ChassisModel, Expectation, RedundancyMode, RouterHardware, RouterStart } from '@asr-twin/domain';
import type { CompiledStep } from './scenario-plan.js';

/**
 * Numeric event kinds of the engine. An event is `[timeMs, seq, code, token]` with `code = kind + arg * 16`
 * (`arg`: instance, host, ESP or step index) and `token` the epoch of its target when it was scheduled: an
 * event whose token no longer matches is stale (its target was killed, rebooted or repaired) and is dropped.
 */
export const EV = {
  STEP: 0,
  RF: 1,
  IOS_START: 2,
  HANG_DETECT: 3,
  HOST_REBOOT: 4,
  HOST_UP: 5,
  ESP_READY: 6,
  ESP_TAKEOVER: 7,
  IPC_DETECT: 8,
  ISSU: 9,
  ISSU_ROLLBACK: 10,
  PEER_LOST: 11,
} as const;
export const EV_ARG_SHIFT = 16;

/** Host states, as indices of the domain's `HOST_STATES`. */
export const HOST = { UP: 0, PANICKED: 1, REBOOTING: 2, DOWN: 3 } as const;
/** Power-supply bay states, as indices of the domain's `PSU_STATES`. */
export const PSU = { OK: 0, FAILED: 1, EMPTY: 2 } as const;
/** ESP states, as indices of the domain's `ESP_STATES`. */
export const ESP = { OK: 0, INIT: 1, FAILED: 2, UNKNOWN: 3 } as const;
/** libvirt domain states, as indices of the domain's `DOMAIN_STATES` (= `virDomainState` values). */
export const DOM = { RUNNING: 1, SHUTOFF: 5, CRASHED: 6 } as const;

/** RF progressions an instance can be in; `NONE` = not running (dead, or waiting to be restarted). */
export const SEQ = { NONE: -1, STANDBY: 0, ACTIVE_BOOT: 1, TAKEOVER: 2 } as const;

/** Indexes into the domain's `SWITCHOVER_REASONS`, kept as numbers in the (plain-data) state. */
export const REASON = { NONE: 0, NOT_KNOWN: 2, USER_INITIATED: 3, USER_FORCED: 4, FAILED: 5, REMOVED: 6 } as const satisfies Record<string, number>;

/**
 * ISSU phases of the simulator's driver (domain §4). Waiting phases (LOADING, RAN, COMMITTING, ROLLING_BACK)
 * advance when the peer reaches STANDBY HOT on the expected image; LOADED, ACCEPT_PENDING and ACCEPTED have
 * the operator's next command scheduled; STRANDED waits for the rollback timer.
 */
export const ISSU = {
  IDLE: 0,
  LOADING: 1,
  LOADED: 2,
  RAN: 3,
  ACCEPT_PENDING: 4,
  ACCEPTED: 5,
  COMMITTING: 6,
  STRANDED: 7,
  ROLLING_BACK: 8,
  /** Install mode: `install add` done, `install activate issu` due. */
  ADDED: 9,
  /** Install mode: activation running (standby reset on the new image, switchover, old active reset), or the reload of a reload upgrade. */
  ACTIVATING: 10,
  /** Install mode: both units run the new image, `install commit` due; the auto-abort timer runs. */
  ACTIVATED: 11,
  /** Classic command set on a single RP: the reload upgrade of a whole image (§8.6). */
  RELOADING: 12,
} as const;
/** `EV.ISSU` arguments: the operator command due. */
export const ISSU_CMD = { RUNVERSION: 0, ACCEPTVERSION: 1, COMMITVERSION: 2, ACTIVATE: 3, INSTALL_COMMIT: 4 } as const;
/** ISSU command sets, as numbers in the (plain-data) state: the domain's `ISSU_METHODS` order. */
export const ISSU_METHOD = { CLASSIC: 0, INSTALL: 1 } as const;

/** One entry of a run's timeline (DESIGN.md "Results"). */
export interface TimelineEntry {
  readonly tMs: number;
  readonly router: string;
  /** `router`, an instance (`R0/1`), a host (`R0`) or an ESP (`F0`). */
  readonly component: string;
  readonly event: string;
  readonly from: string | null;
  readonly to: string | null;
}

/** One IOS instance (KVM guest) in the engine. Flags are 0/1 numbers; states are domain codes. */
export interface InstanceSim {
  /** RF state, CLI code (domain `RF`). */
  rf: number;
  /** libvirt domain state, `virDomainState` value (domain `DOMAIN_STATES` index). */
  dom: number;
  /** Hung: keeps its RF state but does nothing (iosd-hang) until detected. */
  hung: number;
  /** Lasting faults on this unit. */
  syncFail: number;
  mismatch: number;
  /**
   * RF progression (`SEQ`), the index of the next state in it, its start (ms), the duration of its first phase
   * (ms: IOS boot to STANDBY COLD for STANDBY, the whole progression otherwise) and its total duration (ms).
   */
  progSeq: number;
  progIdx: number;
  progStart: number;
  progBoot: number;
  progTotal: number;
  /** 0 = progressing, 1 = parked before leaving NEGOTIATION, 2 = parked at STANDBY COLD. */
  park: number;
  /** Bumped whenever pending events for this unit must be dropped (death, restart, takeover). */
  epoch: number;
  /** Time it entered its current RF state, and its last (re)start, ms. */
  rfSince: number;
  startedAt: number;
  /** Image it runs (set when it starts) and the image it will boot next. */
  version: string;
  bootVersion: string;
}

/** The Linux host of one RP. */
export interface HostSim {
  /** Domain `HOST_STATES` index (`HOST`). */
  state: number;
  epoch: number;
  /** Lasting rp-failure (1), or no RP in the slot (2: a single-RP population of a dual-RP chassis, §8.10). */
  rpFailed: number;
}

/** One ESP. */
export interface EspSim {
  /** Domain `ESP_STATES` index (`ESP`). */
  state: number;
  /** Holds FIB/feature state pushed by an active IOS (kept through IOS switchovers, lost on reset). */
  programmed: number;
  forwarding: number;
  /** Lasting esp-failure. */
  failed: number;
  epoch: number;
}

/**
 * The complete state of one router's simulation: plain JSON data (numbers, strings, arrays), so
 * `JSON.parse(JSON.stringify(state))` is a faithful save that resumes to the same result. The engine mutates
 * it in place for speed; callers treat it as opaque. Components are small records in fixed-size arrays
 * (one property load per field on the hot path).
 */
export interface SimState {
  format: 'asr-twin-sim/1';
  hostname: string;
  model: ChassisModel;
  configuredMode: RedundancyMode;
  dualRp: boolean;
  espCount: number;
  reloadOnEspFailure: boolean;
  /** The failure of this integrated ESP reloads only the ESP (domain §8.8, `reload-esp-only`). */
  espReloadOnly: boolean;
  /** Split-brain rule: the Primary takes activity from a Secondary active (else the incumbent keeps it, §8.5). */
  primaryWins: boolean;
  /** A standby failing config sync enters bulk sync and is reloaded at COLD-BULK, in a loop (else parks at COLD, §8.21). */
  mclReloadLoop: boolean;
  horizonMs: number;
  /** Current simulated time, ms. Never decreases. */
  now: number;
  seq: number;
  rng: number[];
  /** Heap of pending events and its length in slots, see `event-queue.ts`. */
  queue: number[];
  queueLength: number;
  /** Events popped and handled so far. */
  events: number;
  /** Base duration (ms) and spread of each timing key, in `TIMING_KEYS` order. */
  timing: number[];
  spread: number[];
  steps: CompiledStep[];
  /** The scenario's expectations, evaluated when the run finishes. */
  expect: Expectation[];
  /** Index of the step whose firing starts the redundancy clock (first fault, else first action), or -1. */
  refStep: number;
  /** Router-wide epoch: bumped by power loss and chassis reloads to cancel pending chassis-level events. */
  epoch: number;

  /** The two IOS instances: [0] = Primary (R0/0), [1] = Secondary (R0/1 or R1/0). */
  inst: InstanceSim[];
  /** Image the router is meant to run: the configured version, moved by ISSU commit/rollback and image repair. */
  baseVersion: string;
  /** Instance chosen to become active in the current cold start, or -1. */
  designated: number;
  /** Duration of the cold-start ACTIVE progression drawn at the last chassis reload, ms. */
  coldActiveMs: number;

  /** RP hosts [R0, R1]; the second entry is unused on single-RP chassis. */
  host: HostSim[];
  /** ESPs [F0, F1]; the second entry is unused on single-ESP chassis. */
  esp: EspSim[];
  /** ESP holding the active role. */
  espActive: number;
  /**
   * After a cold start with two ESPs the role goes to F0 by slot precedence (1) or to the first ESP packet-ready
   * (0): `spec.behaviour.espColdStartRole`, domain §8.18.
   */
  espSlotPrecedence: boolean;
  /** 1 from a cold start until an ESP takes the active role in it (§8.18). */
  espColdRole: number;
  /** 1 while reset ESPs wait for a running RP to boot them (§8.17: an ESP needs a running RP). */
  espWaitRp: number;
  /** Power-supply bays [P0, P1] (`PSU`); the router loses power when none is ok (§8.9). */
  psu: number[];
  /** 1 when the power is off because every supply failed (not the `power-loss` fault): a PSU repair restores it. */
  psuPowerOff: number;
  /** Declared population (RP/ESP PIDs, ESPs and supplies installed), or null for the model's default. */
  hardware: RouterHardware | null;

  powerLost: number;
  ipcLost: number;
  ipcEpoch: number;

  issuPhase: number;
  issuEpoch: number;
  issuFrom: string;
  issuTo: string;
  issuAccept: boolean;
  issuStepDelayMs: number;
  /** Absolute time the rollback timer expires, or -1 when not running. */
  issuDeadline: number;
  /** Last ISSU command (`show issu state detail`: "Last operation"), or '' when none ran. */
  issuLastOp: string;
  /** Command set of the ISSU in progress or last run (`ISSU_METHOD`). */
  issuMethod: number;
  /** 1 when the ISSU is a reload upgrade (a whole image on a single RP, §8.6): activation and rollback reload the chassis. */
  issuReload: number;
  /** `spec.behaviour.singleRpImageIssu: refuse`: an image ISSU on a single RP is refused instead of run as a reload upgrade. */
  singleRpIssuRefuse: boolean;

  switchovers: number;
  /** `switchovers` at t = 0 (the starting state's counter): the run's metric counts from it. */
  switchoverBase: number;
  standbyFailures: number;
  lastReason: number;
  lastSwitchoverAt: number;

  /** Metric integration: time of the last accounting, outage sums (ms), current condition flags (0/1). */
  lastT: number;
  cpOutMs: number;
  dpOutMs: number;
  dualMs: number;
  cpUp: number;
  dpUp: number;
  dualUp: number;
  /**
   * Protocol recovery after SSO switchovers (domain §8.20): the end (ms) of the current window, `protocolRecovery`
   * after the takeover reaches ACTIVE (-1 = none), and the time summed while a working ACTIVE existed in it.
   */
  protoUntil: number;
  protoMs: number;
  /** Redundancy clock: reference time, first loss after it, first restoration after that (ms, -1 = none). */
  tRef: number;
  lostAt: number;
  restoredAt: number;

  /** The router had a working ACTIVE with a STANDBY HOT peer at t = 0 (1) or not (0). */
  startRedundant: number;
  /** The starting state as the report prints it (`routers[].start`), built at t = 0; null before a reset. */
  start: RouterStart | null;

  /** Collected timeline, or null when the caller did not ask for one (no strings are built then). */
  timeline: TimelineEntry[] | null;
  /** Set when the router cannot be simulated (e.g. a step targets a component its chassis lacks). */
  error: string | null;
}
