import { sampleForecastFleet } from '@asr-twin/forecast';
import { expect } from 'vitest';
import { bearer, request } from './api.js';
import { type RunStack, startRunStack } from './runs.js';

/** A forecast as `GET /api/v1/forecasts/:id` returns it (the fields tests read). */
export interface ForecastBody {
  readonly id: string;
  readonly status: string;
  readonly error: string | null;
  readonly trials: number;
  readonly seed: number;
  readonly periodMs: number;
  readonly progress: { readonly routersDone: number; readonly routerCount: number | null; readonly shards: number | null };
  readonly summary: {
    readonly routers: number;
    readonly histogram: { buckets: string[]; controlPlane: number[]; dataPlane: number[] };
    readonly causes: { cause: string; dataPlaneS: number; dataPlaneShare: number }[];
    readonly worstRouters: { rank: number; hostname: string; dataPlaneMeanS: number; causes: { cause: string; dataPlaneShare: number }[] }[];
    readonly rollups: { byModel: { key: string }[]; byMode: { key: string }[]; bySite: { key: string; routers: number }[] };
    readonly comparison: {
      refused: number;
      dataPlane: { deltaS: number };
      controlPlane: { deltaS: number };
      routers: { hostname: string; controlPlane: { baselineS: number; whatIfS: number }; dataPlane: { baselineS: number; whatIfS: number } }[];
    } | null;
  } | null;
}

export interface ForecastStack extends RunStack {
  post<T>(path: string, body: unknown, headers?: Record<string, string>): ReturnType<typeof request<T>>;
  get<T>(path: string, headers?: Record<string, string>): ReturnType<typeof request<T>>;
  /** Polls a forecast until `done` (default: finished) or 90 s. */
  waitForForecast(id: string, done?: (f: ForecastBody) => boolean): Promise<ForecastBody>;
  /** The report's bytes as the api sends them without `Accept-Encoding`. */
  reportText(id: string): Promise<string>;
}

/** The routers of the built-in sample fleet as `POST /fleets/:fleet/routers` takes them. */
export function sampleFleetRouters(): object[] {
  return sampleForecastFleet().routers.map((r) => ({
    hostname: r.hostname,
    model: r.model,
    redundancy: r.redundancy,
    version: r.version,
    labels: r.labels,
    ...(r.hardware === undefined ? {} : { hardware: r.hardware }),
  }));
}

/** The api and a worker on a database of their own, with fleet `sample`: the routers of the built-in sample fleet. */
export async function startForecastStack(name: string, env: Record<string, string> = {}): Promise<ForecastStack> {
  const stack = await startRunStack(name, env);
  const auth = bearer(stack.api.adminKey);
  const post = <T>(path: string, body: unknown, headers = auth) => request<T>(stack.api.url, 'POST', path, body, headers);
  const get = <T>(path: string, headers = auth) => request<T>(stack.api.url, 'GET', path, undefined, headers);
  const waitForForecast = async (id: string, done = (f: ForecastBody) => ['completed', 'failed', 'cancelled'].includes(f.status)): Promise<ForecastBody> => {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const forecast = (await get<ForecastBody>(`/api/v1/forecasts/${id}`)).body;
      if (done(forecast) || Date.now() > deadline) return forecast;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const reportText = async (id: string): Promise<string> => {
    const res = await fetch(`${stack.api.url}/api/v1/forecasts/${id}/report`, { headers: { ...auth, 'accept-encoding': 'identity' } });
    expect(res.status).toBe(200);
    return res.text();
  };
  expect((await post('/api/v1/fleets', { name: 'sample' })).status).toBe(201);
  expect((await post('/api/v1/fleets/sample/routers', { routers: sampleFleetRouters() })).status).toBe(201);
  return { ...stack, post, get, waitForForecast, reportText };
}
