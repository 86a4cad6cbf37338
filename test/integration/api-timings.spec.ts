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
  readonly modelSources: Record<string, string>;
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
    // §8.19–§8.21: the split standby path, peer-loss detection and protocol recovery are listed like every key.
    const byKey = new Map(res.body.items.map((t) => [t.key, t]));
    for (const key of ['iosBoot', 'bulkSync', 'peerLossDetection', 'protocolRecovery']) expect(byKey.has(key), key).toBe(true);
    expect(byKey.has('standbyBootToHot')).toBe(false);
    expect(byKey.get('bulkSync')).toMatchObject({ defaultMs: 150_000, distribution: { kind: 'uniform', spread: 0.2 } });
    expect(byKey.get('peerLossDetection')?.source).toMatch(/^uncertain/);
    expect(byKey.get('rprSwitchover')?.modelSources.ASR1004).toMatch(/4:56 − Linux boot 2:00 \+ SIP\/SPA reload 0:43/);
    const cli = spawnNode(['apps/cli/bin/twin.js', 'timings', '--json'], {});
    expect((await cli.exited).code).toBe(0);
    expect(JSON.parse(cli.output())).toEqual(res.body.items);
  });

  it('gives the defaults a chassis model runs with, and refuses an unknown model naming the field', async () => {
    const asr1004 = await request<{ items: TimingRow[] }>(api.url, 'GET', '/api/v1/timings?model=ASR1004', undefined, bearer(viewer));
    const reload = asr1004.body.items.find((t) => t.key === 'chassisReload');
    expect(reload).toMatchObject({ effectiveMs: 296_000, modelDefaults: { ASR1001: 431_000, ASR1004: 296_000 } });
    expect(Object.keys(reload?.modelSources ?? {})).toEqual(['ASR1001', 'ASR1004']);
    expect(asr1004.body.items.find((t) => t.key === 'rprSwitchover')?.effectiveMs).toBe(219_000);
    const bad = await request<{ code: string; errors: { field: string }[] }>(api.url, 'GET', '/api/v1/timings?model=ISR4451', undefined, bearer(viewer));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field)).toContain('model');
    expect((await request(api.url, 'GET', '/api/v1/timings')).status).toBe(401);
  });
});
