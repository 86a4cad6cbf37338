import type { RunStatus } from '../api/types';

export interface ForecastDelta {
  readonly baselineS: number;
  readonly whatIfS: number;
  readonly deltaS: number;
  readonly ciLowS: number;
  readonly ciHighS: number;
}

export interface ForecastRollup {
  readonly key: string;
  readonly routers: number;
  readonly controlPlaneMeanS: number;
  readonly dataPlaneMeanS: number;
  readonly worst: string;
}

export interface ForecastSummaryView {
  readonly routers: number;
  readonly simulations: number;
  readonly errors: number;
  readonly controlPlaneMeanS: number;
  readonly dataPlaneMeanS: number;
  readonly histogram: { readonly buckets: readonly string[]; readonly controlPlane: readonly number[]; readonly dataPlane: readonly number[] };
  readonly causes: readonly { readonly cause: string; readonly controlPlaneS: number; readonly dataPlaneS: number; readonly dataPlaneShare: number }[];
  readonly worstRouters: readonly {
    readonly rank: number;
    readonly hostname: string;
    readonly model: string;
    readonly redundancy: string;
    readonly site: string | null;
    readonly controlPlaneMeanS: number;
    readonly dataPlaneMeanS: number;
    readonly dataPlaneP95S: number;
    readonly dataPlaneNines: number | null;
    readonly causes: readonly { readonly cause: string; readonly dataPlaneS: number; readonly dataPlaneShare: number; readonly failuresPerYear: number }[];
  }[];
  readonly rollups: { readonly byModel: readonly ForecastRollup[]; readonly byMode: readonly ForecastRollup[]; readonly bySite: readonly ForecastRollup[] };
  readonly comparison: {
    readonly changes: Readonly<Record<string, unknown>>;
    readonly refused: number;
    readonly controlPlane: ForecastDelta;
    readonly dataPlane: ForecastDelta;
    readonly routers: readonly { readonly hostname: string; readonly controlPlane: ForecastDelta; readonly dataPlane: ForecastDelta }[];
  } | null;
}

export interface ForecastView {
  readonly id: string;
  readonly status: RunStatus;
  readonly error: string | null;
  readonly selector: Readonly<Record<string, unknown>>;
  readonly periodMs: number;
  readonly trials: number;
  readonly seed: number;
  readonly whatIf: Readonly<Record<string, unknown>> | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly progress: { readonly routersDone: number; readonly routerCount: number | null; readonly percent: number };
  readonly summary?: ForecastSummaryView | null;
}

export interface ForecastProgressEvent {
  readonly forecastId: string;
  readonly status: RunStatus;
  readonly routersDone: number;
  readonly routerCount: number | null;
}

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
  return w ? Object.entries(w).map(([k, v]) => `${k}=${String(v)}`).join(', ') : '';
}

/** `1 y`, `90 d`, `720 h`. */
export function formatPeriod(ms: number): string {
  const h = ms / 3_600_000;
  if (h % 8760 === 0) return `${h / 8760} y`;
  if (h % 24 === 0) return `${h / 24} d`;
  return `${h} h`;
}
