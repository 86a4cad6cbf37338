import { resolveHardware } from '@asr-twin/domain';
import type { ForecastRouter } from './fault-draw.js';
import { YEAR_MS, type ForecastOptions, type RouterForecast } from './forecast-run.js';
import { FAILURE_CLASSES, type FailureClass } from './rate-catalogue.js';
import { CONFIDENCE_LEVEL, meanInterval, round, summarize, type DowntimeDistribution, type Interval } from './statistics.js';
import type { WhatIf, WhatIfRefusal } from './what-if.js';

/** Version of the report's shape; bumped on any change a reader would notice. */
export const FORECAST_REPORT_SCHEMA = 'asr-twin/forecast-report/v1';

/** What one failure class contributes to a router's expected annual downtime. */
export interface CauseShare {
  readonly cause: FailureClass;
  readonly controlPlaneS: number;
  readonly dataPlaneS: number;
  /** Of the router's mean downtime (0–1). */
  readonly controlPlaneShare: number;
  readonly dataPlaneShare: number;
  readonly failuresPerYear: number;
}

export interface RouterRow {
  /** 1 = most expected data-plane downtime (then control plane, then hostname). */
  readonly rank: number;
  readonly hostname: string;
  readonly model: string;
  readonly redundancy: string;
  readonly site: string | null;
  readonly hardware: { readonly rps: number; readonly esps: number; readonly psus: number };
  readonly spares: boolean;
  readonly controlPlane: DowntimeDistribution;
  readonly dataPlane: DowntimeDistribution;
  /** Classes with downtime or failures, most data-plane downtime first. */
  readonly causes: readonly CauseShare[];
  readonly simulations: number;
  readonly errors: number;
  readonly firstError?: string;
}

/** A fleet group (by model, redundancy mode or site): mean expected downtime per router and the worst router. */
export interface Rollup {
  readonly key: string;
  readonly routers: number;
  readonly controlPlaneMeanS: number;
  readonly dataPlaneMeanS: number;
  readonly worst: string;
  /** Share of the group's data-plane downtime per cause, largest first (0–1). */
  readonly dataPlaneCauses: readonly { readonly cause: FailureClass; readonly share: number }[];
}

export interface ForecastSection {
  readonly routers: readonly RouterRow[];
  readonly rollups: { readonly byModel: readonly Rollup[]; readonly byMode: readonly Rollup[]; readonly bySite: readonly Rollup[] };
  readonly totals: {
    readonly routers: number;
    readonly simulations: number;
    /** Failures known quiet (no outage, nothing scheduled) from an identical earlier simulation. */
    readonly quietFailures: number;
    readonly events: number;
    readonly errors: number;
  };
}

/** What-if minus baseline, paired trial by trial (same draws), seconds per year: a negative delta is less downtime. */
export interface Delta {
  readonly baselineS: number;
  readonly whatIfS: number;
  readonly deltaS: number;
  readonly ciS: Interval;
}

export interface ForecastComparison {
  readonly changes: WhatIf;
  readonly refused: readonly WhatIfRefusal[];
  readonly fleet: { readonly controlPlane: Delta; readonly dataPlane: Delta };
  /** In baseline rank order. */
  readonly routers: readonly { readonly hostname: string; readonly controlPlane: Delta; readonly dataPlane: Delta }[];
}

export interface ForecastReport {
  readonly schema: typeof FORECAST_REPORT_SCHEMA;
  readonly seed: number;
  readonly trials: number;
  readonly periodMs: number;
  readonly confidenceLevel: number;
  readonly timing: Readonly<Record<string, number>>;
  readonly rateOverrides: NonNullable<ForecastOptions['rates']>;
  readonly baseline: ForecastSection;
  readonly whatIf?: ForecastSection;
  readonly comparison?: ForecastComparison;
}

const share = (part: number, whole: number): number => (whole > 0 ? round(part / whole, 4) : 0);

function causesOf(f: RouterForecast, cpMean: number, dpMean: number): CauseShare[] {
  return FAILURE_CLASSES.map((cause, c) => ({
    cause,
    controlPlaneS: round(f.controlPlaneByCauseS[c] as number, 3),
    dataPlaneS: round(f.dataPlaneByCauseS[c] as number, 3),
    controlPlaneShare: share(f.controlPlaneByCauseS[c] as number, cpMean),
    dataPlaneShare: share(f.dataPlaneByCauseS[c] as number, dpMean),
    failuresPerYear: round(f.failuresPerYear[c] as number, 4),
  }))
    .filter((c) => c.controlPlaneS > 0 || c.dataPlaneS > 0 || c.failuresPerYear > 0)
    .sort((a, b) => b.dataPlaneS - a.dataPlaneS || b.controlPlaneS - a.controlPlaneS || a.cause.localeCompare(b.cause));
}

function rowOf(f: RouterForecast): Omit<RouterRow, 'rank'> {
  const r = f.router;
  const hw = resolveHardware(r.model, r.version, r.hardware);
  const controlPlane = summarize(f.controlPlaneS);
  const dataPlane = summarize(f.dataPlaneS);
  return {
    hostname: r.hostname,
    model: r.model,
    redundancy: r.redundancy,
    site: r.labels?.['site'] ?? null,
    hardware: { rps: hw.rps ?? 1, esps: hw.esps, psus: hw.psus },
    spares: r.spares === true,
    controlPlane,
    dataPlane,
    causes: causesOf(f, mean(f.controlPlaneS), mean(f.dataPlaneS)),
    simulations: f.simulations,
    errors: f.errors,
    ...(f.firstError === null ? {} : { firstError: f.firstError }),
  };
}

function mean(values: Float64Array): number {
  return meanInterval(values).mean;
}

function byDowntime(a: Omit<RouterRow, 'rank'>, b: Omit<RouterRow, 'rank'>): number {
  return b.dataPlane.meanS - a.dataPlane.meanS || b.controlPlane.meanS - a.controlPlane.meanS || a.hostname.localeCompare(b.hostname);
}

function rollup(forecasts: readonly RouterForecast[], keyOf: (r: ForecastRouter) => string): Rollup[] {
  const groups = new Map<string, RouterForecast[]>();
  for (const f of forecasts) {
    const key = keyOf(f.router);
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, group]) => {
      const dpByCause = FAILURE_CLASSES.map((_, c) => group.reduce((s, f) => s + (f.dataPlaneByCauseS[c] as number), 0));
      const dpTotal = dpByCause.reduce((s, x) => s + x, 0);
      const means = group.map((f) => mean(f.dataPlaneS));
      // Groups are in hostname order, so on a tie the alphabetically first router is the worst.
      const worst = group[means.reduce((best, m, k) => (m > (means[best] as number) ? k : best), 0)] as RouterForecast;
      return {
        key,
        routers: group.length,
        controlPlaneMeanS: round(group.reduce((s, f) => s + mean(f.controlPlaneS), 0) / group.length, 3),
        dataPlaneMeanS: round(means.reduce((s, x) => s + x, 0) / group.length, 3),
        worst: worst.router.hostname,
        dataPlaneCauses: FAILURE_CLASSES.map((cause, c) => ({ cause, share: share(dpByCause[c] as number, dpTotal) }))
          .filter((c) => c.share > 0)
          .sort((a, b) => b.share - a.share || a.cause.localeCompare(b.cause)),
      };
    });
}

/** The report section of one set of router forecasts: rows ranked by expected downtime, roll-ups and totals. */
export function forecastSection(forecasts: readonly RouterForecast[]): ForecastSection {
  const routers = forecasts
    .map(rowOf)
    .sort(byDowntime)
    .map((row, k) => ({ rank: k + 1, ...row }));
  return {
    routers,
    rollups: {
      byModel: rollup(forecasts, (r) => r.model),
      byMode: rollup(forecasts, (r) => r.redundancy),
      bySite: rollup(forecasts, (r) => r.labels?.['site'] ?? '(no site)'),
    },
    totals: {
      routers: forecasts.length,
      simulations: forecasts.reduce((s, f) => s + f.simulations, 0),
      quietFailures: forecasts.reduce((s, f) => s + f.quiet, 0),
      events: forecasts.reduce((s, f) => s + f.events, 0),
      errors: forecasts.reduce((s, f) => s + f.errors, 0),
    },
  };
}

function delta(base: ArrayLike<number>, alt: ArrayLike<number>): Delta {
  const diff = Float64Array.from({ length: base.length }, (_, t) => (alt[t] as number) - (base[t] as number));
  const d = meanInterval(diff);
  return {
    baselineS: round(meanInterval(base).mean, 3),
    whatIfS: round(meanInterval(alt).mean, 3),
    deltaS: round(d.mean, 3),
    ciS: { low: round(d.mean - d.halfWidth, 3), high: round(d.mean + d.halfWidth, 3) },
  };
}

function byHostname(forecasts: readonly RouterForecast[]): RouterForecast[] {
  return [...forecasts].sort((a, b) => (a.router.hostname < b.router.hostname ? -1 : a.router.hostname > b.router.hostname ? 1 : 0));
}

function fleetSum(forecasts: readonly RouterForecast[], plane: 'controlPlaneS' | 'dataPlaneS', trials: number): Float64Array {
  const out = new Float64Array(trials);
  for (const f of forecasts) for (let t = 0; t < trials; t++) out[t] = (out[t] as number) + (f[plane][t] as number);
  return out;
}

/**
 * The forecast report: deterministic JSON (same seed, routers, rates and code → the same bytes), with its schema
 * version. With a what-if, both configurations side by side and their paired differences: each router's trial t
 * uses the same draws in both, so the difference's interval is far narrower than either forecast's.
 */
export function forecastReport(
  options: ForecastOptions,
  unorderedBaseline: readonly RouterForecast[],
  whatIf?: { readonly changes: WhatIf; readonly refused: readonly WhatIfRefusal[]; readonly forecasts: readonly RouterForecast[] },
): ForecastReport {
  // Sums run in hostname order, so the report does not depend on the order routers were given in.
  const baseline = byHostname(unorderedBaseline);
  const base = forecastSection(baseline);
  const report: ForecastReport = {
    schema: FORECAST_REPORT_SCHEMA,
    seed: options.seed,
    trials: options.trials,
    periodMs: options.periodMs ?? YEAR_MS,
    confidenceLevel: CONFIDENCE_LEVEL,
    timing: options.timing ?? {},
    rateOverrides: options.rates ?? {},
    baseline: base,
  };
  if (whatIf === undefined) return report;
  const alternative = byHostname(whatIf.forecasts);
  const byHost = new Map(alternative.map((f) => [f.router.hostname, f]));
  const baseByHost = new Map(baseline.map((f) => [f.router.hostname, f]));
  const routers = base.routers.map((row) => {
    const b = baseByHost.get(row.hostname) as RouterForecast;
    const w = byHost.get(row.hostname) as RouterForecast;
    return { hostname: row.hostname, controlPlane: delta(b.controlPlaneS, w.controlPlaneS), dataPlane: delta(b.dataPlaneS, w.dataPlaneS) };
  });
  return {
    ...report,
    whatIf: forecastSection(alternative),
    comparison: {
      changes: whatIf.changes,
      refused: [...whatIf.refused].sort((a, b) => a.hostname.localeCompare(b.hostname) || a.key.localeCompare(b.key)),
      fleet: {
        controlPlane: delta(fleetSum(baseline, 'controlPlaneS', options.trials), fleetSum(alternative, 'controlPlaneS', options.trials)),
        dataPlane: delta(fleetSum(baseline, 'dataPlaneS', options.trials), fleetSum(alternative, 'dataPlaneS', options.trials)),
      },
      routers,
    },
  };
}
