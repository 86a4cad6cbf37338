import type { Expectation } from '@asr-twin/domain';
import type { ExpectationResult, RouterMetrics, Verdict } from './report-types.js';

/** An expectation prepared once per scenario: what it reads and its (shared, frozen) limit. */
interface Check {
  readonly expect: string;
  /** 0 controlPlaneOutage, 1 dataPlaneOutage, 2 redundancyRestored, 3 switchovers, 4 single-active. */
  readonly reads: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly limit: ExpectationResult['limit'];
}

const READS: Readonly<Record<string, number>> = {
  controlPlaneOutage: 0,
  dataPlaneOutage: 1,
  redundancyRestored: 2,
  switchovers: 3,
};

const CHECKS = new WeakMap<readonly Expectation[], readonly Check[]>();
// A batch evaluates the same list for every router: remember the last one (hot path).
let lastList: readonly Expectation[] | null = null;
let lastChecks: readonly Check[] = [];

function checksOf(expectations: readonly Expectation[]): readonly Check[] {
  if (expectations === lastList) return lastChecks;
  let checks = CHECKS.get(expectations);
  if (checks === undefined) {
    checks = expectations.map((e): Check => {
      const min = e.kind === 'metric' ? (e.min ?? null) : null;
      const max = e.kind === 'metric' ? (e.max ?? null) : 0;
      const expect = e.kind === 'metric' ? e.metric : e.invariant;
      return { expect, reads: e.kind === 'metric' ? (READS[e.metric] ?? 3) : 4, min, max, limit: Object.freeze({ min, max }) };
    });
    CHECKS.set(expectations, checks);
  }
  lastList = expectations;
  lastChecks = checks;
  return checks;
}

function observedValue(metrics: RouterMetrics, reads: number): number | null {
  switch (reads) {
    case 0:
      return metrics.controlPlaneOutageMs;
    case 1:
      return metrics.dataPlaneOutageMs;
    case 2:
      return metrics.redundancyRestoredMs;
    case 3:
      return metrics.switchovers;
    default:
      return metrics.dualActiveMs;
  }
}

function judge(observed: number | null, min: number | null, max: number | null): Verdict {
  // A metric without a value (redundancy never restored) fails any bound: "within 10m" did not happen.
  if (observed === null) return min === null && max === null ? 'pass' : 'fail';
  if (min !== null && observed < min) return 'fail';
  if (max !== null && observed > max) return 'fail';
  return 'pass';
}

/**
 * Evaluates a scenario's expectations on one router's metrics. Bounds are inclusive. `single-active` is
 * checked on `dualActiveMs` (must be 0). `error` (a router that could not be simulated) marks every
 * expectation `error` with no observed value.
 */
export function evaluateExpectations(router: string, metrics: RouterMetrics, expectations: readonly Expectation[], error = false): ExpectationResult[] {
  const checks = checksOf(expectations);
  const out = new Array<ExpectationResult>(checks.length);
  for (let k = 0; k < checks.length; k++) {
    const c = checks[k] as Check;
    const observed = error ? null : observedValue(metrics, c.reads);
    const verdict: Verdict = error ? 'error' : judge(observed, c.min, c.max);
    out[k] = { router, expect: c.expect, verdict, observed, limit: c.limit };
  }
  return out;
}

/** A router's verdict from its expectation results: error > fail > pass. */
export function routerVerdict(results: readonly ExpectationResult[], error: boolean): Verdict {
  if (error) return 'error';
  for (const r of results) if (r.verdict !== 'pass') return r.verdict;
  return 'pass';
}
