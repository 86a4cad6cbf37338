import pg from 'pg';
import { expect } from 'vitest';
import { bearer, request, type RunningApi } from './api.js';
import { type RunStack, startRunStack } from './runs.js';

/** An audit as `GET /api/v1/audits/:id` returns it (the fields tests read). */
export interface AuditBody {
  readonly id: string;
  readonly status: string;
  readonly cells: string[];
  readonly progress: { readonly routersDone: number; readonly routerCount: number | null; readonly exposedRouters: number };
  readonly summary: {
    readonly routers: number;
    readonly exposedRouters: number;
    readonly errors: number;
    readonly byCell: Record<string, number>;
    readonly byCause: { cause: string; routers: number }[];
  } | null;
}

export interface ReportRouter {
  readonly hostname: string;
  readonly exposed: boolean;
  readonly causes: string[];
  readonly cells: Record<string, { controlPlaneOutageMs?: number; dataPlaneOutageMs?: number; exposed?: boolean; applicable?: boolean }>;
  readonly start: { readonly instances: { readonly rfState: string }[] };
}

/** Routers of fleet `risk` made exposed through their stored state, with the causes the audit must name. */
export const EXPOSED: Readonly<Record<string, readonly string[]>> = {
  'cold-1': ['peer STANDBY COLD-BULK'],
  'rpr-1': ['operating RPR'],
  'esp-1': ['ESP F0 failed'],
  'simplex-1': ['simplex'],
  'small-1': ['single RP', 'single ESP'],
};
/** Healthy dual-RP, dual-ESP SSO routers of fleet `risk`. */
export const HEALTHY = ['ok-1', 'ok-2', 'ok-3'];

export interface AuditStack extends RunStack {
  post<T>(path: string, body: unknown, headers?: Record<string, string>): ReturnType<typeof request<T>>;
  get<T>(path: string, headers?: Record<string, string>): ReturnType<typeof request<T>>;
  /** One statement on the stack's database. */
  sql(text: string, params?: unknown[]): Promise<void>;
  /** Polls an audit until `done` (default: finished) or 60 s. */
  waitForAudit(id: string, done?: (a: AuditBody) => boolean): Promise<AuditBody>;
}

/** `(SELECT id FROM routers WHERE hostname = $1)`, for statements on a router's components. */
export const ROUTER_ID = `(SELECT id FROM routers WHERE hostname = $1)`;

/**
 * The api and a worker on a database of their own, with fleet `risk` (the {@link HEALTHY} and {@link EXPOSED}
 * routers; exposed states set by direct SQL on the twin's tables) and fleet `elsewhere` (one router).
 */
export async function startAuditStack(name: string): Promise<AuditStack> {
  const stack = await startRunStack(name);
  const api: RunningApi = stack.api;
  const auth = bearer(api.adminKey);
  const post = <T>(path: string, body: unknown, headers = auth) => request<T>(api.url, 'POST', path, body, headers);
  const get = <T>(path: string, headers = auth) => request<T>(api.url, 'GET', path, undefined, headers);
  const sql = async (text: string, params: unknown[] = []): Promise<void> => {
    const client = new pg.Client({ connectionString: stack.db.url });
    await client.connect();
    try {
      await client.query(text, params);
    } finally {
      await client.end();
    }
  };
  const waitForAudit = async (id: string, done = (a: AuditBody) => ['completed', 'failed', 'cancelled'].includes(a.status)): Promise<AuditBody> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const audit = (await get<AuditBody>(`/api/v1/audits/${id}`)).body;
      if (done(audit) || Date.now() > deadline) return audit;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  expect((await post('/api/v1/fleets', { name: 'risk' })).status).toBe(201);
  expect((await post('/api/v1/fleets', { name: 'elsewhere' })).status).toBe(201);
  const big = (hostname: string, redundancy = 'sso') => ({ hostname, model: 'ASR1006', redundancy });
  const routers = [
    ...HEALTHY.map((h) => big(h)),
    big('cold-1'),
    big('rpr-1'),
    big('esp-1'),
    big('simplex-1', 'none'),
    { hostname: 'small-1', model: 'ASR1002-X' },
  ];
  expect((await post('/api/v1/fleets/risk/routers', { routers })).status).toBe(201);
  expect((await post('/api/v1/fleets/elsewhere/routers', { routers: [{ hostname: 'far-1', model: 'ASR1002-X' }] })).status).toBe(201);
  // The standby stuck in bulk sync; a router operating RPR (its standby stops at STANDBY COLD); ESP F0 failed,
  // F1 forwarding.
  await sql(`UPDATE ios_instances SET rf_state = 7 WHERE router_id = ${ROUTER_ID} AND name = 'R1/0'`, ['cold-1']);
  await sql(`UPDATE routers SET operating_mode = 'rpr' WHERE hostname = $1`, ['rpr-1']);
  await sql(`UPDATE ios_instances SET rf_state = 4 WHERE router_id = ${ROUTER_ID} AND name = 'R1/0'`, ['rpr-1']);
  await sql(`UPDATE esps SET state = 'failed', forwarding = false, role = 'standby' WHERE router_id = ${ROUTER_ID} AND slot = 'F0'`, ['esp-1']);
  await sql(`UPDATE esps SET forwarding = true, role = 'active' WHERE router_id = ${ROUTER_ID} AND slot = 'F1'`, ['esp-1']);
  return { ...stack, post, get, sql, waitForAudit };
}
