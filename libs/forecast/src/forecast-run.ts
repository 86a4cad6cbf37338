import { hashString, iterationSeed } from '@asr-twin/simulator';
import type { ForecastRouter } from './fault-draw.js';
import { FAILURE_CLASSES } from './rate-catalogue.js';
import { resolveRates, type RateLayers, type RateTable } from './rate-overrides.js';
import { SECONDS_PER_YEAR } from './statistics.js';
import { RouterTrials } from './trial-engine.js';

/** Milliseconds in a 365-day year: the default forecast period. */
export const YEAR_MS = SECONDS_PER_YEAR * 1000;

export interface ForecastOptions {
  /** Forecast seed: same seed, routers, rates and code → the same forecast, byte for byte. */
  readonly seed: number;
  /** Independent trials per router. */
  readonly trials: number;
  /** Length of each trial, ms. @defaultValue {@link YEAR_MS} */
  readonly periodMs?: number;
  /** Rate overrides: request > fleet > model > catalogue. */
  readonly rates?: RateLayers;
  /** Timing-profile overrides for every simulation (key → ms). */
  readonly timing?: Readonly<Record<string, number>>;
  /** Simulate every failure, also those known quiet (`RouterTrials`): the same forecast, more work. */
  readonly simulateEveryFailure?: boolean;
}

/** What the trials of one router gave: per-trial annual downtime and per-cause sums (compact: no timelines). */
export interface RouterForecast {
  readonly router: ForecastRouter;
  readonly rates: RateTable;
  /** Control-plane downtime of each trial, seconds per year (annualised from the period). */
  readonly controlPlaneS: Float64Array;
  readonly dataPlaneS: Float64Array;
  /** Mean annual downtime per failure class (`FAILURE_CLASSES` order), seconds per year. */
  readonly controlPlaneByCauseS: Float64Array;
  readonly dataPlaneByCauseS: Float64Array;
  /** Mean failures per year per class. */
  readonly failuresPerYear: Float64Array;
  readonly simulations: number;
  /** Failures not simulated again because an identical one was quiet (see `RouterTrials`). */
  readonly quiet: number;
  readonly events: number;
  readonly errors: number;
  readonly firstError: string | null;
}

/**
 * The seed of trial `trial` of a router: from (forecast seed, hostname, trial) only, so a router's forecast does not
 * depend on the other routers, their order or how a fleet is sharded, and its baseline and what-if share draws.
 */
export function trialSeed(seed: number, hostname: string, trial: number): number {
  return iterationSeed(hashString(hostname, seed), trial);
}

/** Runs every trial of one router. */
export function forecastRouter(router: ForecastRouter, options: ForecastOptions): RouterForecast {
  const periodMs = options.periodMs ?? YEAR_MS;
  const rates = resolveRates(router.model, options.rates ?? {});
  const trials = new RouterTrials(router, rates, { periodMs, timing: options.timing ?? {}, simulateEveryFailure: options.simulateEveryFailure === true });
  const perYear = YEAR_MS / periodMs;
  const n = options.trials;
  const classes = FAILURE_CLASSES.length;
  const out = {
    router,
    rates,
    controlPlaneS: new Float64Array(n),
    dataPlaneS: new Float64Array(n),
    controlPlaneByCauseS: new Float64Array(classes),
    dataPlaneByCauseS: new Float64Array(classes),
    failuresPerYear: new Float64Array(classes),
    simulations: 0,
    quiet: 0,
    events: 0,
    errors: 0,
    firstError: null as string | null,
  };
  const scale = perYear / 1000;
  for (let t = 0; t < n; t++) {
    const r = trials.run(trialSeed(options.seed, router.hostname, t));
    out.controlPlaneS[t] = r.controlPlaneTotalMs * scale;
    out.dataPlaneS[t] = r.dataPlaneTotalMs * scale;
    for (let c = 0; c < classes; c++) {
      out.controlPlaneByCauseS[c] = (out.controlPlaneByCauseS[c] as number) + ((r.controlPlaneMs[c] as number) * scale) / n;
      out.dataPlaneByCauseS[c] = (out.dataPlaneByCauseS[c] as number) + ((r.dataPlaneMs[c] as number) * scale) / n;
      out.failuresPerYear[c] = (out.failuresPerYear[c] as number) + ((r.failures[c] as number) * perYear) / n;
    }
    out.simulations += r.simulations;
    out.quiet += r.quiet;
    out.events += r.events;
    out.errors += r.errors;
    out.firstError ??= r.firstError;
  }
  return out;
}

/** Runs the forecast of every router, in input order; `onRouter` is called after each. */
export function runForecast(routers: readonly ForecastRouter[], options: ForecastOptions, onRouter?: () => void): RouterForecast[] {
  return routers.map((r) => {
    const f = forecastRouter(r, options);
    onRouter?.();
    return f;
  });
}
