import type { ForecastRouter } from './fault-draw.js';
import type { ForecastOptions, RouterForecast } from './forecast-run.js';
import { resolveRates } from './rate-overrides.js';

/**
 * One router's forecast as plain JSON, for storing a shard's results and building the report later from them:
 * the per-trial annual downtimes (the distribution the report summarises, a few numbers per trial, never a
 * timeline), the per-cause means and the counts. JSON keeps every double exactly, so a report built from records
 * equals, byte for byte, the one built from the forecasts themselves.
 */
export interface RouterForecastRecord {
  readonly router: ForecastRouter;
  readonly controlPlaneS: readonly number[];
  readonly dataPlaneS: readonly number[];
  readonly controlPlaneByCauseS: readonly number[];
  readonly dataPlaneByCauseS: readonly number[];
  readonly failuresPerYear: readonly number[];
  readonly simulations: number;
  readonly quiet: number;
  readonly events: number;
  readonly errors: number;
  readonly firstError: string | null;
}

export function forecastRecord(f: RouterForecast): RouterForecastRecord {
  return {
    router: f.router,
    controlPlaneS: [...f.controlPlaneS],
    dataPlaneS: [...f.dataPlaneS],
    controlPlaneByCauseS: [...f.controlPlaneByCauseS],
    dataPlaneByCauseS: [...f.dataPlaneByCauseS],
    failuresPerYear: [...f.failuresPerYear],
    simulations: f.simulations,
    quiet: f.quiet,
    events: f.events,
    errors: f.errors,
    firstError: f.firstError,
  };
}

/** The forecast a record was made from; its rates are resolved again from the forecast's options. */
export function forecastFromRecord(r: RouterForecastRecord, options: ForecastOptions): RouterForecast {
  return {
    router: r.router,
    rates: resolveRates(r.router.model, options.rates ?? {}),
    controlPlaneS: Float64Array.from(r.controlPlaneS),
    dataPlaneS: Float64Array.from(r.dataPlaneS),
    controlPlaneByCauseS: Float64Array.from(r.controlPlaneByCauseS),
    dataPlaneByCauseS: Float64Array.from(r.dataPlaneByCauseS),
    failuresPerYear: Float64Array.from(r.failuresPerYear),
    simulations: r.simulations,
    quiet: r.quiet,
    events: r.events,
    errors: r.errors,
    firstError: r.firstError,
  };
}
