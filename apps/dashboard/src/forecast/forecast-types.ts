import type * as S from '../api/schema-types.generated.js';

// Forecast types: the generated schema types (from apps/api/schema.graphql), narrowed to what the Forecast pages select.

export type ForecastDelta = S.ForecastDelta;
export type ForecastRollup = S.ForecastRollup;

/** `comparison` is null without a what-if; `worstRouters` and `comparison.routers` hold the 20 first only. */
export type ForecastSummaryView = Omit<S.ForecastSummary, 'comparison'> & {
  readonly comparison: (Omit<S.ForecastComparison, 'changes'> & { readonly changes: Readonly<Record<string, unknown>> }) | null;
};

/** `selector` and `whatIf` are the JSON of the request; `summary` is absent from queries that do not select it. */
export type ForecastView = Pick<S.Forecast, 'id' | 'status' | 'error' | 'periodMs' | 'trials' | 'seed' | 'createdBy' | 'createdAt' | 'finishedAt'> & {
  readonly selector: Readonly<Record<string, unknown>>;
  readonly whatIf: Readonly<Record<string, unknown>> | null;
  readonly progress: Pick<S.ForecastProgress, 'routersDone' | 'routerCount' | 'percent'>;
  readonly summary?: ForecastSummaryView | null;
};

export type ForecastProgressEvent = S.ForecastProgressEvent;

/** A forecast with the newest progress event laid over it (an event and a reload may cross). */
export function withForecastProgress<F extends ForecastView>(f: F, e: ForecastProgressEvent | undefined): F {
  if (!e || e.forecastId !== f.id || e.routersDone < f.progress.routersDone) return f;
  const percent = e.routerCount ? Math.floor((e.routersDone / e.routerCount) * 1000) / 10 : f.progress.percent;
  return { ...f, status: e.status, progress: { routersDone: e.routersDone, routerCount: e.routerCount, percent } };
}

/** Seconds of downtime a year, readable: `0 s`, `12.3 s`, `4.5 min`, `2.63 h`. */
export function formatDowntime(s: number): string {
  if (s === 0) return '0 s';
  if (s >= 3600) return `${(s / 3600).toFixed(2)} h`;
  if (s >= 60) return `${(s / 60).toFixed(1)} min`;
  return `${s.toFixed(1)} s`;
}

/** A difference of downtime: `−6.3 min`, `+2.0 s`, `no change`. */
export function formatDelta(s: number): string {
  if (s === 0) return 'no change';
  return `${s < 0 ? '−' : '+'}${formatDowntime(Math.abs(s))}`;
}

/** `redundancy=sso, esps=2`. */
export function describeWhatIf(w: Readonly<Record<string, unknown>> | null): string {
  return w
    ? Object.entries(w)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(', ')
    : '';
}

/** `1 y`, `90 d`, `720 h`. */
export function formatPeriod(ms: number): string {
  const h = ms / 3_600_000;
  if (h % 8760 === 0) return `${h / 8760} y`;
  if (h % 24 === 0) return `${h / 24} d`;
  return `${h} h`;
}
