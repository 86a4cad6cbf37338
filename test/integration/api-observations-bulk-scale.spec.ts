import { renderShow, type ShowCommand } from '@asr-twin/ios-cli';
import { RouterRepository } from '@asr-twin/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkObservationResult } from '../../apps/api/src/routers/observations/bulk-observation.service.js';
import { showContextOf } from '../../apps/api/src/routers/show/show-context.factory.js';
import { bearer, createKey, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';

const ROUTERS = 10_000;
const COMMANDS: readonly ShowCommand[] = ['show redundancy', 'show version', 'show platform'];

let db: TestDatabase;
let api: RunningApi;
let operator: string;

beforeAll(async () => {
  db = await migratedTestDatabase();
  api = await startApi(db.url);
  operator = (await createKey(api, 'collector', 'operator')).key;
}, 120_000);
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const admin = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => request<T>(api.url, method, path, body, bearer(api.adminKey));

describe('POST /observations with 10,000 routers × 3 outputs in one request', () => {
  it('answers every item, applies the varied routers only, and answers unchanged for everything posted again', async () => {
    expect((await admin('POST', '/api/v1/fleets', { name: 'scale' })).status).toBe(201);
    const generated = await admin<{ routers: { id: string; hostname: string }[] }>('POST', '/api/v1/fleets/scale/routers', {
      generate: { count: ROUTERS, models: ['ASR1002-X', 'ASR1006', 'ASR1001-X'] },
    });
    expect(generated.status).toBe(201);
    const details = await api.app.get(RouterRepository).findDetails(generated.body.routers.map((r) => r.id));
    expect(details).toHaveLength(ROUTERS);
    const nowMs = Date.now();
    const sorted = [...details].sort((a, b) => a.hostname.localeCompare(b.hostname));
    // Every tenth router reports two switchovers the twin has not seen yet.
    const varied = new Set(sorted.filter((_, i) => i % 10 === 0).map((r) => r.hostname));
    const items = sorted.flatMap((r) =>
      COMMANDS.map((command) => {
        const output = renderShow(command, showContextOf(r, nowMs));
        const seen = command === 'show redundancy' && varied.has(r.hostname) ? output.replace(/(Switchovers system experienced = )0/, '$12') : output;
        return { hostname: r.hostname, command, output: seen };
      }),
    );
    // Two routers get a garbage fourth item (refused whole), and two hostnames are unknown.
    const refusedRouters = [sorted[1]!.hostname, sorted[10]!.hostname];
    const extra = [
      ...refusedRouters.map((hostname) => ({ hostname, output: 'garbage from a broken collector' })),
      { hostname: 'nowhere-1', output: items[1]!.output },
      { hostname: 'nowhere-2', output: items[2]!.output },
    ];
    const first = await request<BulkObservationResult>(api.url, 'POST', '/api/v1/observations', [...items, ...extra], bearer(operator));
    expect(first.status).toBe(200);
    const expected = (hostname: string): string =>
      hostname.startsWith('nowhere') ? 'unknown-router' : refusedRouters.includes(hostname) ? 'refused' : varied.has(hostname) ? 'applied' : 'unchanged';
    const all = [...items, ...extra];
    expect(first.body.items).toHaveLength(all.length);
    const wrong = first.body.items.filter((r, i) => r.index !== i || r.hostname !== all[i]!.hostname || r.outcome !== expected(all[i]!.hostname));
    expect(wrong.slice(0, 5)).toEqual([]);
    const appliedRouters = [...varied].filter((h) => !refusedRouters.includes(h)).length;
    expect(first.body.summary).toEqual({
      items: all.length,
      applied: appliedRouters * 3,
      unchanged: (ROUTERS - appliedRouters - refusedRouters.length) * 3,
      refused: refusedRouters.length * 4,
      unknownRouter: 2,
    });
    const applied = first.body.items.find((r) => r.outcome === 'applied');
    expect(applied?.changes).toEqual([{ entity: 'router', key: applied?.hostname, field: 'switchovers', before: 0, after: 2 }]);

    const again = await request<BulkObservationResult>(api.url, 'POST', '/api/v1/observations', items, bearer(operator));
    expect(again.status).toBe(200);
    const varied10 = again.body.items.filter((r) => r.outcome !== 'unchanged' && !refusedRouters.includes(r.hostname ?? ''));
    expect(varied10.slice(0, 5)).toEqual([]);
    // The refused routers were not written by the first request: their varied redundancy output applies now.
    expect(again.body.summary.applied).toBe(3);

    const listed = await admin<{ total: number }>('GET', '/api/v1/routers?fleet=scale&freshness=never&limit=1');
    expect(listed.body.total).toBe(0);
  }, 180_000);
});
