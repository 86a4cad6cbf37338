import type { ForecastRouter } from './fault-draw.js';
import { runForecast, type ForecastOptions } from './forecast-run.js';
import { forecastReport, type ForecastReport } from './forecast-report.js';
import { applyWhatIf, type WhatIf, type WhatIfRefusal } from './what-if.js';

/**
 * The whole embedded forecast: every router's trials, and with a what-if the same routers changed as far as each
 * can be, forecast with the same seed (so with the same draws), then the report. The CLI's embedded mode calls
 * this; a server worker will call it per shard. `onProgress` hears of every router forecast (baseline, then what-if).
 */
export function forecastFleet(
  routers: readonly ForecastRouter[],
  options: ForecastOptions,
  whatIf?: WhatIf,
  onProgress?: (done: number, total: number) => void,
): ForecastReport {
  const total = routers.length * (whatIf === undefined ? 1 : 2);
  let done = 0;
  const tick = onProgress === undefined ? undefined : () => onProgress(++done, total);
  const baseline = runForecast(routers, options, tick);
  if (whatIf === undefined) return forecastReport(options, baseline);
  const refused: WhatIfRefusal[] = [];
  const changed = routers.map((r) => {
    const applied = applyWhatIf(r, whatIf);
    refused.push(...applied.refused);
    return applied.router;
  });
  return forecastReport(options, baseline, { changes: whatIf, refused, forecasts: runForecast(changed, options, tick) });
}
