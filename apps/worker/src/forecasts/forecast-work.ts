import { gzipSync } from 'node:zlib';
import {
  applyWhatIf,
  type ForecastOptions,
  forecastFromRecord,
  forecastRecord,
  forecastReport,
  type ForecastReport,
  type ForecastRouter,
  type RouterForecast,
  runForecast,
  type WhatIfRefusal,
} from '@asr-twin/forecast';
import type { ForecastRecord, ForecastResultRow, ForecastSummary, ForecastSummaryDelta, ForecastTarget } from '@asr-twin/persistence';

/**
 * The options of a stored forecast as the library takes them: the request's rate overrides as the strongest layer
 * (the twin stores no fleet or model overrides), no timing overrides: the options `twin forecast` gives the same
 * routers, so the report is the same, byte for byte.
 */
export function forecastOptions(f: ForecastRecord): ForecastOptions {
  return {
    seed: f.seed,
    trials: f.trials,
    periodMs: f.periodMs,
    rates: Object.keys(f.rates).length > 0 ? { request: f.rates } : {},
  };
}

/**
 * Runs one shard: every trial of each router as it is and, with a what-if, of the router changed as far as it can
 * be (the same seeds, so paired draws). A router's results depend on nothing but itself and the options, so a shard
 * redone by another worker writes the same rows.
 */
export function runForecastShard(f: ForecastRecord, targets: readonly ForecastTarget[]): { rows: ForecastResultRow[]; events: number } {
  const options = forecastOptions(f);
  const baseline = runForecast(
    targets.map((t) => t.router),
    options,
  );
  const rows: ForecastResultRow[] = [];
  let events = 0;
  baseline.forEach((r, k) => {
    rows.push({ ordinal: (targets[k] as ForecastTarget).ordinal, variant: 0, record: forecastRecord(r) });
    events += r.events;
  });
  if (f.whatIf !== null) {
    const whatIf = f.whatIf;
    const changed = runForecast(
      targets.map((t) => applyWhatIf(t.router, whatIf).router),
      options,
    );
    changed.forEach((r, k) => {
      rows.push({ ordinal: (targets[k] as ForecastTarget).ordinal, variant: 1, record: forecastRecord(r) });
      events += r.events;
    });
  }
  return { rows, events };
}

/** The rows of one configuration back as forecasts, with the routers the what-if made of the stored ones. */
export function forecastsOf(
  f: ForecastRecord,
  rows: readonly (ForecastResultRow & { readonly router: ForecastRouter })[],
): { baseline: RouterForecast[]; whatIf: RouterForecast[]; refused: WhatIfRefusal[] } {
  const options = forecastOptions(f);
  const baseline: RouterForecast[] = [];
  const whatIf: RouterForecast[] = [];
  const refused: WhatIfRefusal[] = [];
  for (const row of rows) {
    if (row.variant === 0) {
      baseline.push(forecastFromRecord(row.record, options));
    } else if (f.whatIf !== null) {
      const applied = applyWhatIf(row.router, f.whatIf);
      refused.push(...applied.refused);
      whatIf.push(forecastFromRecord({ ...row.record, router: applied.router }, options));
    }
  }
  return { baseline, whatIf, refused };
}

const delta = (d: { baselineS: number; whatIfS: number; deltaS: number; ciS: { low: number; high: number } }): ForecastSummaryDelta => ({
  baselineS: d.baselineS,
  whatIfS: d.whatIfS,
  deltaS: d.deltaS,
  ciLowS: d.ciS.low,
  ciHighS: d.ciS.high,
});

const LISTED = 20;

/** Buckets of expected annual downtime per router: exactly none, then upper bounds in seconds (the last open). */
const BUCKETS: readonly (readonly [string, number])[] = [
  ['none', 0],
  ['< 1 s', 1],
  ['1–10 s', 10],
  ['10 s–1 min', 60],
  ['1–10 min', 600],
  ['10 min–1 h', 3600],
  ['1–10 h', 36_000],
  ['≥ 10 h', Infinity],
];

function bucketCounts(values: readonly number[]): number[] {
  const counts = BUCKETS.map(() => 0);
  for (const v of values) {
    const k = v <= 0 ? 0 : BUCKETS.findIndex(([, upper], i) => i > 0 && v < upper);
    counts[k < 0 ? BUCKETS.length - 1 : k] = (counts[k < 0 ? BUCKETS.length - 1 : k] as number) + 1;
  }
  return counts;
}

function fleetCauses(report: ForecastReport): ForecastSummary['causes'] {
  const rows = report.baseline.routers;
  const sums = new Map<string, { cp: number; dp: number }>();
  for (const r of rows) {
    for (const c of r.causes) {
      const s = sums.get(c.cause) ?? { cp: 0, dp: 0 };
      s.cp += c.controlPlaneS;
      s.dp += c.dataPlaneS;
      sums.set(c.cause, s);
    }
  }
  const total = [...sums.values()].reduce((t, s) => t + s.dp, 0);
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return [...sums.entries()]
    .map(([cause, s]) => ({
      cause,
      controlPlaneS: r3(s.cp / Math.max(1, rows.length)),
      dataPlaneS: r3(s.dp / Math.max(1, rows.length)),
      dataPlaneShare: total > 0 ? Math.round((s.dp / total) * 10_000) / 10_000 : 0,
    }))
    .filter((c) => c.controlPlaneS > 0 || c.dataPlaneS > 0)
    .sort((a, b) => b.dataPlaneS - a.dataPlaneS || b.controlPlaneS - a.controlPlaneS || a.cause.localeCompare(b.cause));
}

/** The brief of a report that the forecast's view carries: the worst routers with causes, roll-ups, comparison. */
export function summaryOf(report: ForecastReport): ForecastSummary {
  const b = report.baseline;
  const n = b.routers.length;
  const meanOf = (pick: (r: (typeof b.routers)[number]) => number) =>
    n === 0 ? 0 : Math.round((b.routers.reduce((s, r) => s + pick(r), 0) / n) * 1000) / 1000;
  const rollup = (g: (typeof b.rollups.byModel)[number]) => ({
    key: g.key,
    routers: g.routers,
    controlPlaneMeanS: g.controlPlaneMeanS,
    dataPlaneMeanS: g.dataPlaneMeanS,
    worst: g.worst,
  });
  const c = report.comparison;
  return {
    routers: b.totals.routers,
    simulations: b.totals.simulations,
    errors: b.totals.errors,
    controlPlaneMeanS: meanOf((r) => r.controlPlane.meanS),
    dataPlaneMeanS: meanOf((r) => r.dataPlane.meanS),
    histogram: {
      buckets: BUCKETS.map(([label]) => label),
      controlPlane: bucketCounts(b.routers.map((r) => r.controlPlane.meanS)),
      dataPlane: bucketCounts(b.routers.map((r) => r.dataPlane.meanS)),
    },
    causes: fleetCauses(report),
    worstRouters: b.routers.slice(0, LISTED).map((r) => ({
      rank: r.rank,
      hostname: r.hostname,
      model: r.model,
      redundancy: r.redundancy,
      site: r.site,
      controlPlaneMeanS: r.controlPlane.meanS,
      dataPlaneMeanS: r.dataPlane.meanS,
      dataPlaneP95S: r.dataPlane.p95S,
      dataPlaneNines: r.dataPlane.nines,
      causes: r.causes
        .slice(0, 5)
        .map((x) => ({ cause: x.cause, dataPlaneS: x.dataPlaneS, dataPlaneShare: x.dataPlaneShare, failuresPerYear: x.failuresPerYear })),
    })),
    rollups: { byModel: b.rollups.byModel.map(rollup), byMode: b.rollups.byMode.map(rollup), bySite: b.rollups.bySite.map(rollup) },
    comparison:
      c === undefined
        ? null
        : {
            changes: c.changes,
            refused: c.refused.length,
            controlPlane: delta(c.fleet.controlPlane),
            dataPlane: delta(c.fleet.dataPlane),
            // The routers the change moves most (data plane, then control plane), largest change first.
            routers: c.routers
              .filter((r) => r.dataPlane.deltaS !== 0 || r.controlPlane.deltaS !== 0)
              .sort(
                (a, b) =>
                  Math.abs(b.dataPlane.deltaS) - Math.abs(a.dataPlane.deltaS) ||
                  Math.abs(b.controlPlane.deltaS) - Math.abs(a.controlPlane.deltaS) ||
                  a.hostname.localeCompare(b.hostname),
              )
              .slice(0, LISTED)
              .map((r) => ({ hostname: r.hostname, controlPlane: delta(r.controlPlane), dataPlane: delta(r.dataPlane) })),
          },
  };
}

/** The report as `twin forecast --json` and `--out` write it (indented JSON and a newline), gzip-compressed. */
export function reportBytes(report: ForecastReport): Buffer {
  return gzipSync(`${JSON.stringify(report, null, 2)}\n`, { level: 6 });
}

/** The report of a completed forecast from its stored rows, converted batch by batch (`forecastsOf`). */
export function reportOf(f: ForecastRecord, parts: readonly ReturnType<typeof forecastsOf>[]): ForecastReport {
  const options = forecastOptions(f);
  const baseline = parts.flatMap((p) => p.baseline);
  if (f.whatIf === null) return forecastReport(options, baseline);
  return forecastReport(options, baseline, { changes: f.whatIf, refused: parts.flatMap((p) => p.refused), forecasts: parts.flatMap((p) => p.whatIf) });
}
