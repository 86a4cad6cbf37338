import { chassisAnatomy, healthyStart, PSU_SLOTS, resolveHardware, type ScenarioRouter } from '@asr-twin/domain';
import { hashString, nextFloat, seedRng } from '@asr-twin/simulator';
import { FAILURE_CLASSES, meanRepairHours, type FailureClass, type RateSpec } from './rate-catalogue.js';
import type { RateTable } from './rate-overrides.js';

const MS_PER_HOUR = 3_600_000;

/** A router as the forecast sees it: the simulator's router input plus what only the forecast needs. */
export interface ForecastRouter extends ScenarioRouter {
  /** Labels (`site` groups the fleet roll-up). */
  readonly labels?: Readonly<Record<string, string>>;
  /** A spare RP, ESP and supply on site: `replace` repairs take `mttrHours`, else `mttrNoSparesHours`. @defaultValue false */
  readonly spares?: boolean;
}

/** One unit that fails on its own: a class on an instance (`R0/1`), host or RP (`R0`), ESP (`F1`), bay (`P0`) or the router. */
export interface Component {
  readonly cls: FailureClass;
  readonly unit: string;
  /**
   * The unit stays failed for a repair window (replace, fix, restore). False for automatic classes, and for the
   * integrated ESP of an ASR1001, 1001-X or 1002-X, whose failure reloads the chassis and comes back with it
   * (domain §8.8).
   */
  readonly windowed: boolean;
}

/** A failure drawn for a trial: when, which component, and how long its repair window lasts (0: automatic). */
export interface FailureEvent {
  readonly atMs: number;
  /** Index into the router's component list. */
  readonly component: number;
  readonly repairMs: number;
}

/**
 * The failing units of a router, class by class in catalogue order: running IOS instances, RP hosts and installed
 * RPs, installed ESPs, installed supply bays (one supply and one feed each), and the router itself for
 * configuration sync when it has a peer to sync to. Classes that never fail (MTBF infinite) are left out.
 */
export function componentsOf(router: ForecastRouter, rates: RateTable): Component[] {
  const start = healthyStart(router.model, router.redundancy, router.version, router.hardware);
  const hw = resolveHardware(router.model, router.version, router.hardware);
  const units: Record<RateSpec['per'], readonly string[]> = {
    instance: start.instances.filter((i) => i.domainState === 'RUNNING').map((i) => i.name),
    host: start.hosts.filter((h) => h.state === 'up').map((h) => h.slot),
    rp: start.hosts.filter((h) => h.state === 'up').map((h) => h.slot),
    esp: start.esps.map((e) => e.slot),
    psu: PSU_SLOTS.slice(0, hw.psus),
    router: start.operatingMode === 'none' ? [] : ['router'],
  };
  const espIntegrated = chassisAnatomy(router.model).reloadOnEspFailure;
  const out: Component[] = [];
  for (const cls of FAILURE_CLASSES) {
    const spec = rates[cls];
    if (!Number.isFinite(spec.mtbfHours)) continue;
    const windowed = spec.repair !== 'automatic' && !(cls === 'esp-hardware' && espIntegrated);
    for (const unit of units[spec.per]) out.push({ cls, unit, windowed });
  }
  return out;
}

function exponential(rng: number[], mean: number): number {
  return -Math.log(1 - nextFloat(rng)) * mean;
}

function repairDraw(rng: number[], spec: RateSpec, meanMs: number): number {
  return spec.repairDistribution === 'fixed' ? meanMs : exponential(rng, meanMs);
}

/**
 * Failures of one component over `[0, periodMs)`.
 * - Automatic recovery: a Poisson process of rate 1/MTBF (the outage itself comes from the simulator).
 * - Repair window (replace, fix, restore): an alternating renewal process, up for Exp(MTBF), down for the repair
 *   time, started in its stationary state: at t = 0 the unit is under repair with probability MTTR/(MTBF+MTTR),
 *   with the residual repair time of the equilibrium distribution (exponential: the same exponential; fixed:
 *   uniform over the repair time). So a trial of any length estimates the steady-state availability without
 *   a start-up bias, and a fleet is forecast as it runs, not as if every unit were new on January 1st.
 */
function drawComponent(spec: RateSpec, windowed: boolean, spares: boolean, periodMs: number, rng: number[], component: number, out: FailureEvent[]): void {
  const mtbfMs = spec.mtbfHours * MS_PER_HOUR;
  const mttrMs = windowed ? meanRepairHours(spec, spares) * MS_PER_HOUR : 0;
  let t: number;
  if (mttrMs > 0 && nextFloat(rng) < mttrMs / (mtbfMs + mttrMs)) {
    const residual = spec.repairDistribution === 'fixed' ? nextFloat(rng) * mttrMs : exponential(rng, mttrMs);
    out.push({ atMs: 0, component, repairMs: residual });
    t = residual + exponential(rng, mtbfMs);
  } else {
    t = exponential(rng, mtbfMs);
  }
  while (t < periodMs) {
    const repairMs = mttrMs > 0 ? repairDraw(rng, spec, mttrMs) : 0;
    out.push({ atMs: t, component, repairMs });
    t += repairMs + exponential(rng, mtbfMs);
  }
}

/** `class@unit`, the name of a component's random stream; made once per component, not once per trial. */
const STREAM_NAMES = new WeakMap<Component, string>();
function streamName(c: Component): string {
  let name = STREAM_NAMES.get(c);
  if (name === undefined) {
    name = `${c.cls}@${c.unit}`;
    STREAM_NAMES.set(c, name);
  }
  return name;
}

/**
 * Draws every failure of a router's components over a period, in time order (ties: component order). Each
 * component has its own seeded stream derived from (trial seed, class, unit), so adding a unit (a second ESP in
 * a what-if) leaves the draws of the others unchanged: baseline and what-if share their random numbers, and
 * their difference is measured with far less noise than two independent forecasts would give.
 */
export function drawFailures(components: readonly Component[], rates: RateTable, spares: boolean, periodMs: number, trialSeed: number): FailureEvent[] {
  const out: FailureEvent[] = [];
  components.forEach((c, k) => {
    const rng = seedRng(hashString(streamName(c), trialSeed));
    drawComponent(rates[c.cls], c.windowed, spares, periodMs, rng, k, out);
  });
  return out.sort((a, b) => a.atMs - b.atMs || a.component - b.component);
}
