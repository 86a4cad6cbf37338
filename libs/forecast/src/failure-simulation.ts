import type { FaultName, RouterStart, ScenarioStep, StepTarget } from '@asr-twin/domain';
import { stepOnce, type SimState } from '@asr-twin/simulator';
import type { DegradedStart, Hold } from './degraded-start.js';
import type { Component, FailureEvent } from './fault-draw.js';
import type { Outage } from './outage-union.js';

/** Simulated time before the fault in each failure's simulation (as in audits): the start settles first. */
export const FAULT_LEAD_MS = 60_000;
/**
 * Simulated time after the last repair a failure's simulation still runs: room for a chassis reload, an RP boot
 * and bulk sync (minutes, domain §3), so every outage the failure causes ends inside it.
 */
export const SETTLE_MS = 3_600_000;

/** The outage intervals of a trial so far, per plane. */
export interface Outages {
  readonly cp: Outage[];
  readonly dp: Outage[];
}

/** The simulator target of a component's fault (and of its repair, but for a configuration fix). */
export function faultTarget(c: Component): StepTarget {
  switch (c.cls) {
    case 'iosd-crash':
    case 'iosd-hang':
    case 'guest-crash':
      return { kind: 'instance', name: c.unit as 'R0/0' | 'R0/1' | 'R1/0' };
    case 'host-panic':
    case 'host-oom':
    case 'rp-hardware':
      return { kind: 'host', slot: c.unit as 'R0' | 'R1' };
    case 'esp-hardware':
      return { kind: 'esp', slot: c.unit as 'F0' | 'F1' };
    case 'psu':
    case 'power-feed':
      return { kind: 'psu', slot: c.unit as 'P0' | 'P1' };
    case 'config-sync':
      return { kind: 'standby' };
  }
}

function standbyOf(start: RouterStart): StepTarget | null {
  const standby = start.instances.find((i) => i.domainState === 'RUNNING' && i.rfState !== 'ACTIVE');
  return standby ? { kind: 'instance', name: standby.name } : null;
}

/**
 * The steps of one failure's simulation and its horizon: the fault at {@link FAULT_LEAD_MS}, a `repair` where each
 * held component's window ends and where the failed unit's own window ends, until {@link SETTLE_MS} after the
 * last of them or the end of the period. Steps past the horizon are left out.
 */
export function failureSteps(
  e: FailureEvent,
  c: Component,
  kind: Hold['kind'] | null,
  holds: readonly Hold[],
  degraded: DegradedStart,
  fault: FaultName,
  periodMs: number,
): { readonly steps: ScenarioStep[]; readonly horizonMs: number } {
  const steps: ScenarioStep[] = [{ kind: 'fault', atMs: FAULT_LEAD_MS, fault, target: faultTarget(c) }];
  // A standby that cannot sync costs no outage by itself; its window matters when another failure meets it,
  // and that failure's simulation carries it. So its own simulation stops after the settling time.
  let last = kind !== null && kind !== 'sync' ? e.repairMs : 0;
  holds.forEach((h, k) => {
    const target = degraded.repairTargets[k];
    if (target) steps.push({ kind: 'action', action: 'repair', atMs: FAULT_LEAD_MS + (h.untilMs - e.atMs), target });
    last = Math.max(last, h.untilMs - e.atMs);
  });
  if (kind !== null && e.repairMs > 0) {
    const target = kind === 'sync' ? standbyOf(degraded.start) : faultTarget(c);
    if (target) steps.push({ kind: 'action', action: 'repair', atMs: FAULT_LEAD_MS + e.repairMs, target });
  }
  const horizonMs = FAULT_LEAD_MS + Math.min(periodMs - e.atMs, (c.cls === 'config-sync' ? 0 : last) + SETTLE_MS);
  return { steps: steps.filter((s) => s.atMs < horizonMs), horizonMs };
}

/** Where a simulation's intervals go in the trial: its offset from the period start, the period end, the cause. */
export interface OutagePlacement {
  readonly offsetMs: number;
  readonly periodMs: number;
  readonly cause: number;
}

/**
 * Runs a simulation to its horizon, event by event, and adds the control- and data-plane outage intervals it shows
 * from the fault on (time before the fault is the held components' own outage, counted by their failures), moved to
 * trial time and clipped to the period.
 */
export function collectOutages(state: SimState, horizonMs: number, at: OutagePlacement, out: Outages): void {
  const add = (list: Outage[], fromSim: number, toSim: number): void => {
    const startMs = fromSim + at.offsetMs;
    const endMs = Math.min(at.periodMs, toSim + at.offsetMs);
    if (endMs > startMs) list.push({ startMs, endMs, cause: at.cause });
  };
  let cpUp = 1;
  let dpUp = 1;
  let cpFrom = 0;
  let dpFrom = 0;
  for (;;) {
    // The engine's allocation-free step: false when no event is due before the horizon.
    const done = !stepOnce(state, horizonMs);
    const t = done ? horizonMs : Math.max(state.now, FAULT_LEAD_MS);
    const cpNow = done ? 1 : state.cpUp;
    const dpNow = done ? 1 : state.dpUp;
    if (cpNow !== cpUp) {
      if (cpNow === 0) cpFrom = t;
      else add(out.cp, cpFrom, t);
      cpUp = cpNow;
    }
    if (dpNow !== dpUp) {
      if (dpNow === 0) dpFrom = t;
      else add(out.dp, dpFrom, t);
      dpUp = dpNow;
    }
    if (done) return;
  }
}
