import { holdsActivity, routerHealth, SwitchoverRefusedError, type RouterTwinState } from '@asr-twin/domain';
import type { FieldChange, RouterActionStep, RouterDetail, TwinStateRecord } from '@asr-twin/persistence';
import { playTwinAction, type ActionPhase, type TimelineEntry } from '@asr-twin/simulator';
import { twinChanges } from '../observations/twin-diff.js';

/**
 * Transitions within this much simulated time of the action are written with the request itself: an SSO
 * switchover completes in under 50 ms (domain reference §1.5, §3), far below what an HTTP answer resolves, so
 * ACTIVE-FAST … ACTIVE_POSTCONFIG of the new active are not written one by one (they are in the timeline).
 */
export const IMMEDIATE_WINDOW_MS = 1000;

/** Which unit handed activity to which, and whether statefully (SSO from STANDBY HOT) or with a data-plane reset. */
export interface SwitchoverSummary {
  readonly from: string;
  readonly to: string;
  readonly stateful: boolean;
}

/** What a force-switchover does to a stored router: the immediate write, the later steps, the simulated timeline. */
export interface SwitchoverPlan {
  readonly immediate: { readonly next: TwinStateRecord; readonly changes: readonly FieldChange[] };
  readonly steps: readonly RouterActionStep[];
  readonly switchover: SwitchoverSummary;
  /** The simulator's timeline, `tMs` after the action in simulated time. */
  readonly timeline: readonly TimelineEntry[];
}

function recordOf(r: RouterDetail): TwinStateRecord {
  return { softwareVersion: r.softwareVersion, redundancyMode: r.redundancyMode, health: r.health, state: r.state, redundancy: r.redundancy };
}

/**
 * The stored record after one simulated instant: the facts the engine models (host, hypervisor, RF and libvirt
 * states, images, ESP state/role/forwarding, the RF counters) taken from its snapshot; the rest (kernel, memory,
 * configuration revision, boot time, reported operating mode) kept. An instance that changed RF state gets
 * `stateSince` = the wall-clock time of its transition: `nowMs` + simulated time × `timeScale`.
 */
export function recordAfter(prev: TwinStateRecord, phase: ActionPhase, nowMs: number, timeScale: number): TwinStateRecord {
  const snap = phase.snapshot;
  const stateSince = { ...prev.redundancy.stateSince };
  const hosts = prev.state.hosts.map((h) => {
    const s = snap.state.hosts.find((x) => x.slot === h.slot);
    return s ? { ...h, state: s.state, hypervisor: { ...h.hypervisor, state: s.hypervisor.state } } : h;
  });
  const instances = prev.state.instances.map((i) => {
    const s = snap.instances.find((x) => x.name === i.name);
    if (!s) return i;
    if (s.rfState !== i.rfState) stateSince[i.name] = new Date(nowMs + Math.round(s.enteredStateAtMs * timeScale)).toISOString();
    return { ...i, rfState: s.rfState, domainState: s.domainState, softwareVersion: s.softwareVersion };
  });
  const esps = prev.state.esps.map((e) => {
    const s = snap.state.esps.find((x) => x.slot === e.slot);
    return s ? { ...e, state: s.state, role: s.role, forwarding: s.forwarding } : e;
  });
  const state: RouterTwinState = { ...prev.state, hosts, instances, esps };
  const c = snap.counters;
  return {
    softwareVersion: instances.find((i) => holdsActivity(i.rfState))?.softwareVersion ?? prev.softwareVersion,
    redundancyMode: prev.redundancyMode,
    health: routerHealth(state),
    state,
    redundancy: {
      ...prev.redundancy,
      switchovers: c.switchovers,
      standbyFailures: c.standbyFailures,
      lastSwitchoverReason: c.lastSwitchoverReason,
      stateSince,
    },
  };
}

function describeEntry(e: TimelineEntry): string {
  if (e.event === 'rf-state') return `${e.component} ${e.to ?? ''}`;
  return e.to === null ? `${e.component} ${e.event}` : `${e.component} ${e.event} → ${e.to}`;
}

/** A step in words: the simulator's entries of that instant, and the health change if any. */
function summaryOf(phase: ActionPhase, before: TwinStateRecord, after: TwinStateRecord): string {
  const parts = phase.timeline.map(describeEntry);
  if (before.health !== after.health) parts.push(`health ${before.health} → ${after.health}`);
  return parts.join('; ');
}

function switchoverOf(timeline: readonly TimelineEntry[]): SwitchoverSummary {
  const e = timeline.find((x) => x.component === 'router' && x.event.startsWith('switchover ('));
  if (!e) throw new Error('an accepted force-switchover without a switchover in its timeline');
  return { from: e.from ?? '', to: e.to ?? '', stateful: e.event.startsWith('switchover (sso)') };
}

/** Cuts the phases into the state at the end of the immediate window and the later steps. */
function cut(router: RouterDetail, phases: readonly ActionPhase[], nowMs: number, timeScale: number) {
  let current = recordOf(router);
  let immediate: TwinStateRecord | null = null;
  const steps: RouterActionStep[] = [];
  for (const phase of phases) {
    const next = recordAfter(current, phase, nowMs, timeScale);
    if (phase.tMs > IMMEDIATE_WINDOW_MS) {
      immediate ??= current;
      const changes = twinChanges(router.hostname, current, next);
      if (changes.length > 0) {
        const dueAt = new Date(nowMs + Math.round(phase.tMs * timeScale)).toISOString();
        steps.push({ dueAt, afterMs: phase.tMs, summary: summaryOf(phase, current, next), next, changes });
      }
    }
    current = next;
  }
  return { immediate: immediate ?? current, steps };
}

/**
 * Plays `redundancy force-switchover` on a stored router with the simulator (`playTwinAction`: the engine,
 * timing profile and handlers of the scenario runs, started from the stored state) and cuts the outcome into the
 * immediate write (every instant within {@link IMMEDIATE_WINDOW_MS}) and one later step per later instant that
 * changes a stored field, each due at `nowMs` + its simulated time × `timeScale`. The durations are drawn with the
 * router's `stateVersion` as seed, so the same stored state always gives the same plan.
 *
 * Throws `SwitchoverRefusedError` with the router's reason when it refuses (simplex, no active unit, a peer that
 * is not STANDBY COLD or STANDBY HOT).
 */
export function planForceSwitchover(router: RouterDetail, nowMs: number, timeScale: number): SwitchoverPlan {
  const input = { hostname: router.hostname, state: router.state, operatingMode: router.redundancy.operatingMode, counters: router.redundancy };
  const outcome = playTwinAction(input, 'force-switchover', { seed: router.stateVersion });
  if (outcome.refused !== null) {
    throw new SwitchoverRefusedError(`${router.hostname} refused the switchover: ${outcome.refused}`, [{ field: 'router', message: outcome.refused }]);
  }
  const { immediate, steps } = cut(router, outcome.phases, nowMs, timeScale);
  return {
    immediate: { next: immediate, changes: twinChanges(router.hostname, recordOf(router), immediate) },
    steps,
    switchover: switchoverOf(outcome.timeline),
    timeline: outcome.timeline,
  };
}
