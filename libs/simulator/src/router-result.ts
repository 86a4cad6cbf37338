import { DOMAIN_STATES, RF, RF_STATES, type DomainState, type Expectation, type InstanceName, type RfStateName, type RouterStart } from '@asr-twin/domain';
import { instanceName } from './engine-core.js';
import { evaluateExpectations, routerVerdict } from './expectations.js';
import type { FinalInstance, InstanceRole, RouterMetrics, RouterResult, RouterRun, TimelineEntry } from './report-types.js';
import type { SimState } from './sim-state.js';

const NO_TIMELINE: readonly TimelineEntry[] = Object.freeze([]);

/** Final-instance objects are immutable and few (name × RF × libvirt state × release), so they are shared. */
const FINAL_CACHE = new Map<number, FinalInstance>();
/** `final` objects are shared too: one per pair of final instances. */
const FINAL_PAIRS = new Map<number, RouterResult['final']>();
/** Small numbers for the releases seen, so that a release is part of the cache keys. */
const RELEASE_IDS = new Map<string, number>();
/** Bound on the shared objects: past this many releases a final instance is built fresh (still correct, not shared). */
const MAX_SHARED_RELEASES = 4096;

function releaseId(version: string): number {
  let id = RELEASE_IDS.get(version);
  if (id === undefined) {
    id = RELEASE_IDS.size;
    if (id >= MAX_SHARED_RELEASES) return -1;
    RELEASE_IDS.set(version, id);
  }
  return id;
}

function roleOf(rf: number): InstanceRole {
  if (rf >= RF.ACTIVE_FAST) return 'active';
  return rf >= RF.STANDBY_COLD ? 'standby' : 'none';
}

/** Cache key of a final instance (< 2^24), or -1 when its release is past the shared ones. */
function finalKey(s: SimState, i: number): number {
  const release = releaseId(s.inst[i].version);
  if (release < 0) return -1;
  return (release * 4 + (s.dualRp ? 2 : 0) + i) * 1024 + s.inst[i].rf * 16 + s.inst[i].dom;
}

function finalInstance(s: SimState, i: number, key: number): FinalInstance {
  let f = key < 0 ? undefined : FINAL_CACHE.get(key);
  if (f === undefined) {
    const rf = s.inst[i].rf;
    f = Object.freeze({
      name: instanceName(s, i) as InstanceName,
      role: roleOf(rf),
      rfState: (RF_STATES[rf] as (typeof RF_STATES)[number]).name as RfStateName,
      domainState: DOMAIN_STATES[s.inst[i].dom] as DomainState,
      softwareVersion: s.inst[i].version,
    });
    if (key >= 0) FINAL_CACHE.set(key, f);
  }
  return f;
}

function finalOf(s: SimState): RouterResult['final'] {
  const ka = finalKey(s, 0);
  const kb = finalKey(s, 1);
  const shared = ka >= 0 && kb >= 0;
  const pairKey = ka * 2 ** 24 + kb;
  let f = shared ? FINAL_PAIRS.get(pairKey) : undefined;
  if (f === undefined) {
    f = Object.freeze({ instances: Object.freeze([finalInstance(s, 0, ka), finalInstance(s, 1, kb)]) });
    if (shared) FINAL_PAIRS.set(pairKey, f);
  }
  return f;
}

/** Metrics of a finished (or paused) run, per DESIGN.md "Results". */
export function metricsOf(s: SimState): RouterMetrics {
  // Before its reference step fires nothing has happened: the router is as it started.
  const initially = s.startRedundant === 1 ? 0 : null;
  const restored = s.tRef < 0 ? initially : s.lostAt < 0 ? 0 : s.restoredAt < 0 ? null : s.restoredAt - s.tRef;
  return {
    controlPlaneOutageMs: s.cpOutMs,
    dataPlaneOutageMs: s.dpOutMs,
    redundancyRestoredMs: s.error === null ? restored : null,
    switchovers: s.switchovers - s.switchoverBase,
    dualActiveMs: s.dualMs,
    protocolRecoveryMs: s.protoMs,
  };
}

/** The result of one router's run from its state (expected at the horizon), expectations evaluated. */
export function buildRun(s: SimState, expect: readonly Expectation[]): RouterRun {
  const metrics = metricsOf(s);
  const failed = s.error !== null;
  const expectations = evaluateExpectations(s.hostname, metrics, expect, failed);
  const verdict = routerVerdict(expectations, failed);
  const final = finalOf(s);
  const start = s.start as RouterStart;
  const result = failed
    ? { hostname: s.hostname, model: s.model, verdict, error: s.error as string, start, metrics, final }
    : { hostname: s.hostname, model: s.model, verdict, start, metrics, final };
  return { result, expectations, timeline: s.timeline ?? NO_TIMELINE, events: s.events };
}

/** The result of a router that could not be simulated at all (e.g. an unknown chassis model). */
export function errorRun(
  router: { readonly hostname: string; readonly model: RouterResult['model'] },
  error: string,
  expect: readonly Expectation[],
): RouterRun {
  const metrics: RouterMetrics = {
    controlPlaneOutageMs: 0,
    dataPlaneOutageMs: 0,
    redundancyRestoredMs: null,
    switchovers: 0,
    dualActiveMs: 0,
    protocolRecoveryMs: 0,
  };
  const expectations = evaluateExpectations(router.hostname, metrics, expect, true);
  const result: RouterResult = {
    hostname: router.hostname,
    model: router.model,
    verdict: 'error',
    error,
    metrics,
    final: { instances: [] },
  };
  return { result, expectations, timeline: [], events: 0 };
}
