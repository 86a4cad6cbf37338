import { chassisAnatomy, healthyStart, PSU_STATES, RF, resolveHardware, type Expectation, type ScenarioRouter } from '@asr-twin/domain';
import { schedule, TK } from './engine-core.js';
import { seedRngInto } from './prng.js';
import { ACTIVE_BOOT_DONE_IDX, STANDBY_COLD_GATE_IDX, STANDBY_DONE_IDX } from './rf-progression.js';
import { startOf } from './report-start.js';
import type { ScenarioPlan } from './scenario-plan.js';
import { loadStart } from './twin-start.js';
import { DOM, EV, ISSU, PSU, REASON, SEQ, type EspSim, type HostSim, type InstanceSim, type SimState } from './sim-state.js';

function blankInstance(): InstanceSim {
  return {
    rf: 0,
    dom: 0,
    hung: 0,
    syncFail: 0,
    mismatch: 0,
    progSeq: SEQ.NONE,
    progIdx: 0,
    progStart: 0,
    progBoot: 0,
    progTotal: 0,
    park: 0,
    epoch: 0,
    rfSince: 0,
    startedAt: 0,
    version: '',
    bootVersion: '',
  };
}

/** A state object with every field present (fixed shape), to be filled by `resetState`. */
export function blankState(): SimState {
  return {
    format: 'asr-twin-sim/1',
    hostname: '',
    model: 'ASR1002',
    configuredMode: 'sso',
    dualRp: false,
    espCount: 1,
    reloadOnEspFailure: false,
    espReloadOnly: false,
    primaryWins: false,
    mclReloadLoop: true,
    horizonMs: 0,
    now: 0,
    seq: 0,
    rng: [0, 0, 0, 0],
    queue: [],
    queueLength: 0,
    events: 0,
    timing: [],
    spread: [],
    steps: [],
    expect: [],
    refStep: -1,
    epoch: 0,
    inst: [blankInstance(), blankInstance()],
    baseVersion: '',
    designated: -1,
    coldActiveMs: 0,
    host: [
      { state: 0, epoch: 0, rpFailed: 0 },
      { state: 0, epoch: 0, rpFailed: 0 },
    ],
    esp: [
      { state: 0, programmed: 0, forwarding: 0, failed: 0, epoch: 0 },
      { state: 0, programmed: 0, forwarding: 0, failed: 0, epoch: 0 },
    ],
    espActive: 0,
    espSlotPrecedence: true,
    espColdRole: 0,
    espWaitRp: 0,
    psu: [PSU.OK, PSU.OK],
    psuPowerOff: 0,
    hardware: null,
    powerLost: 0,
    ipcLost: 0,
    ipcEpoch: 0,
    issuPhase: ISSU.IDLE,
    issuEpoch: 0,
    issuFrom: '',
    issuTo: '',
    issuAccept: true,
    issuStepDelayMs: 0,
    issuDeadline: -1,
    issuLastOp: '',
    issuMethod: 0,
    issuReload: 0,
    singleRpIssuRefuse: false,
    switchovers: 0,
    switchoverBase: 0,
    standbyFailures: 0,
    lastReason: REASON.NONE,
    lastSwitchoverAt: -1,
    lastT: 0,
    cpOutMs: 0,
    dpOutMs: 0,
    dualMs: 0,
    cpUp: 1,
    dpUp: 1,
    dualUp: 0,
    protoUntil: -1,
    protoMs: 0,
    tRef: -1,
    lostAt: -1,
    restoredAt: -1,
    startRedundant: 0,
    start: null,
    timeline: null,
    error: null,
  };
}

function resetInstance(u: InstanceSim, rf: number, dom: number, seq: number, idx: number, park: number, boot: number, total: number, version: string): void {
  u.rf = rf;
  u.dom = dom;
  u.hung = 0;
  u.syncFail = 0;
  u.mismatch = 0;
  u.progSeq = seq;
  u.progIdx = idx;
  u.progStart = 0;
  u.progBoot = boot;
  u.progTotal = total;
  u.park = park;
  u.epoch = 0;
  u.rfSince = 0;
  u.startedAt = 0;
  u.version = version;
  u.bootVersion = version;
}

/** Instances of a healthy router at t = 0 (domain `initialRouterState`), per redundancy mode. */
function resetInstances(s: SimState, router: ScenarioRouter): void {
  const mode = router.redundancy;
  const v = router.version;
  const cold = s.coldActiveMs;
  resetInstance(s.inst[0] as InstanceSim, RF.ACTIVE, DOM.RUNNING, SEQ.ACTIVE_BOOT, ACTIVE_BOOT_DONE_IDX, 0, cold, cold, v);
  // A settled standby keeps the base standby path: an RPR standby parked at STANDBY COLD resumes bulk sync on it.
  const boot = s.timing[TK.iosBoot] as number;
  const total = boot + (s.timing[TK.bulkSync] as number);
  const peer = s.inst[1] as InstanceSim;
  if (mode === 'sso') resetInstance(peer, RF.STANDBY_HOT, DOM.RUNNING, SEQ.STANDBY, STANDBY_DONE_IDX, 0, boot, total, v);
  // Under RPR the standby sits parked at STANDBY COLD: its next stage (COLD-CONFIG) waits for SSO.
  else if (mode === 'rpr') resetInstance(peer, RF.STANDBY_COLD, DOM.RUNNING, SEQ.STANDBY, STANDBY_COLD_GATE_IDX, 2, boot, total, v);
  else resetInstance(peer, RF.DISABLED, DOM.SHUTOFF, SEQ.NONE, 0, 0, boot, total, v);
  s.baseVersion = v;
}

function resetPlatform(s: SimState): void {
  for (let k = 0; k < 2; k++) {
    const h = s.host[k] as HostSim;
    h.state = 0;
    h.epoch = 0;
    h.rpFailed = 0;
    const e = s.esp[k] as EspSim;
    e.state = 0;
    // F0 forwards; a standby ESP is kept programmed (hot) by the active one.
    e.programmed = k === 0 || s.espCount === 2 ? 1 : 0;
    e.forwarding = k === 0 ? 1 : 0;
    e.failed = 0;
    e.epoch = 0;
  }
  s.espActive = 0;
  s.espColdRole = 0;
  s.espWaitRp = 0;
  s.psuPowerOff = 0;
  s.powerLost = 0;
  s.ipcLost = 0;
  s.ipcEpoch = 0;
}

/**
 * The router's population (domain §8.9, §8.10): ESPs installed (a declared start lists them; else the hardware,
 * else every ESP slot of the chassis) and power-supply bays. Routers without declared hardware allocate nothing.
 */
function setPopulation(s: SimState, router: ScenarioRouter): void {
  const hw = router.hardware === undefined ? null : resolveHardware(router.model, router.version, router.hardware);
  s.hardware = hw;
  if (router.start !== undefined) s.espCount = router.start.esps.length;
  else if (hw !== null) s.espCount = hw.esps;
  for (let p = 0; p < 2; p++) {
    const declared = router.start?.psus?.[p]?.state;
    s.psu[p] = declared !== undefined ? PSU_STATES.indexOf(declared) : hw !== null && p >= hw.psus ? PSU.EMPTY : PSU.OK;
  }
}

/** RP slots the population leaves empty (§8.10): held down for good, `repair` does not bring them (`rpFailed` 2). */
function markAbsentRps(s: SimState): void {
  if (s.hardware === null) return;
  for (let h = s.hardware.rps ?? 2; h < 2; h++) if (s.dualRp) s.host[h].rpFailed = 2;
}

function resetRun(s: SimState): void {
  s.issuPhase = ISSU.IDLE;
  s.issuEpoch = 0;
  s.issuFrom = '';
  s.issuTo = '';
  s.issuAccept = true;
  s.issuStepDelayMs = 0;
  s.issuDeadline = -1;
  s.issuLastOp = '';
  s.issuMethod = 0;
  s.issuReload = 0;
  s.switchovers = 0;
  s.switchoverBase = 0;
  s.standbyFailures = 0;
  s.lastReason = REASON.NONE;
  s.lastSwitchoverAt = -1;
  s.lastT = 0;
  s.cpOutMs = 0;
  s.dpOutMs = 0;
  s.dualMs = 0;
  s.cpUp = 1;
  s.dpUp = 1;
  s.dualUp = 0;
  s.protoUntil = -1;
  s.protoMs = 0;
  s.lostAt = -1;
  s.restoredAt = -1;
  s.designated = -1;
  s.epoch = 0;
  s.now = 0;
  s.seq = 0;
  s.events = 0;
}

/**
 * Puts a router at t = 0 of a run: healthy, per `initialRouterState`, or in its declared start (`loadStart`), writing into `s` (a `blankState()` or
 * a previous router's state: the batch path reuses one object and its arrays, so there is no per-router
 * allocation). Without a step the redundancy clock starts at 0, so a router that is never redundant (RPR,
 * simplex) reports `redundancyRestoredMs: null` and a protected one 0.
 */
export function resetState(s: SimState, plan: ScenarioPlan, router: ScenarioRouter, seed: number, timeline: boolean, expect: readonly Expectation[]): SimState {
  s.hostname = router.hostname;
  s.model = router.model;
  s.configuredMode = router.redundancy;
  s.dualRp = plan.dualRp;
  s.espCount = plan.espCount;
  s.espSlotPrecedence = plan.espSlotPrecedence;
  setPopulation(s, router);
  s.reloadOnEspFailure = plan.reloadOnEspFailure;
  s.primaryWins = plan.primaryWins;
  s.singleRpIssuRefuse = plan.singleRpIssuRefuse;
  s.mclReloadLoop = plan.mclReloadLoop;
  s.espReloadOnly = plan.espReloadOnly;
  s.horizonMs = plan.horizonMs;
  seedRngInto(s.rng, seed);
  s.queueLength = 0;
  s.timing = plan.timing as number[];
  s.spread = plan.spread as number[];
  s.steps = plan.steps as SimState['steps'];
  s.expect = expect as SimState['expect'];
  s.refStep = plan.refStep;
  s.coldActiveMs = Math.max(1, (s.timing[TK.chassisReload] as number) - (s.timing[TK.hostBoot] as number));
  resetRun(s);
  resetInstances(s, router);
  resetPlatform(s);
  s.tRef = plan.refStep < 0 ? 0 : -1;
  if (s.tRef === 0 && router.redundancy !== 'sso') s.lostAt = 0;
  s.startRedundant = router.redundancy === 'sso' ? 1 : 0;
  // A dual-RP chassis holding one RP (§8.10) starts simplex: its healthy start has the empty slot's host down.
  const start =
    router.start ??
    (s.hardware !== null && (s.hardware.rps ?? 2) < chassisAnatomy(router.model).rpSlots.length
      ? healthyStart(router.model, router.redundancy, router.version, router.hardware)
      : undefined);
  if (start !== undefined) loadStart(s, start);
  markAbsentRps(s);
  s.start = startOf(s, router.start === undefined && router.hardware === undefined ? router.version : null);
  s.timeline = timeline ? [] : null;
  s.error = plan.error;
  if (plan.error === null && plan.steps.length > 0) {
    schedule(s, Math.max(0, (plan.steps[0] as ScenarioPlan['steps'][number]).atMs), EV.STEP, 0, 0);
  }
  return s;
}
