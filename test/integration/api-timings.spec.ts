import { TIMING_KEYS, TIMING_PROFILE } from '@asr-twin/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createKey, request, type RunningApi, startApi } from '../support/api.js';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';
import { spawnNode } from '../support/processes.js';

/** `GET /api/v1/timings` (DESIGN.md "Timing profile"): the same list as `twin timings --json`. */
let db: TestDatabase;
let api: RunningApi;
let viewer: string;

beforeAll(async () => {
  db = await migratedTestDatabase();
  api = await startApi(db.url);
  viewer = (await createKey(api, 'reader', 'viewer')).key;
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

interface TimingRow {
  readonly key: string;
  readonly defaultMs: number;
  readonly source: string;
  readonly distribution: { kind: string };
  readonly modelDefaults: Record<string, number>;
  readonly effectiveMs?: number;
}

describe('GET /api/v1/timings', () => {
  it('lists every key with default, distribution and source, as twin timings --json prints them', async () => {
    const res = await request<{ items: TimingRow[] }>(api.url, 'GET', '/api/v1/timings', undefined, bearer(viewer));
    expect(res.status).toBe(200);
    expect(res.body.items.map((t) => t.key)).toEqual([...TIMING_KEYS]);
    for (const t of res.body.items) {
      expect(t.defaultMs, t.key).toBe(TIMING_PROFILE[t.key as (typeof TIMING_KEYS)[number]].defaultMs);
      expect(t.source.length, t.key).toBeGreaterThan(0);
    }
    const cli = spawnNode(['apps/cli/bin/twin.js', 'timings', '--json'], {});
    expect((await cli.exited).code).toBe(0);
    expect(JSON.parse(cli.output())).toEqual(res.body.items);
  });

  it('gives the defaults a chassis model runs with, and refuses an unknown model naming the field', async () => {
    const asr1004 = await request<{ items: TimingRow[] }>(api.url, 'GET', '/api/v1/timings?model=ASR1004', undefined, bearer(viewer));
    const reload = asr1004.body.items.find((t) => t.key === 'chassisReload');
    expect(reload).toMatchObject({ effectiveMs: 296_000, modelDefaults: { ASR1001: 431_000, ASR1004: 296_000 } });
    const bad = await request<{ code: string; errors: { field: string }[] }>(api.url, 'GET', '/api/v1/timings?model=ISR4451', undefined, bearer(viewer));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field)).toContain('model');
    expect((await request(api.url, 'GET', '/api/v1/timings')).status).toBe(401);
  });
});
