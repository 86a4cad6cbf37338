import { createDataSource, type ShardWrite, TypeormRunExecutionRepository, TypeormRunRepository } from '@asr-twin/persistence';
import { parseScenario } from '@asr-twin/scenario';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedTestDatabase } from '../support/context.js';
import type { TestDatabase } from '../support/database.js';

const SOURCE = `apiVersion: asr-twin/v1
kind: Scenario
metadata: { name: copy-write }
spec:
  routers:
    - { hostname: edge-1, model: ASR1002-X }
    - { hostname: edge-2, model: ASR1006 }
  steps: [{ at: 1m, fault: iosd-crash, target: active }]
`;

/** Text COPY must carry unchanged: its own escape character, field and row separators, quotes, non-ASCII. */
const AWKWARD = 'back\\slash \\N tab\there new\nline cr\r "quoted" \\\\t ünïcödé ✓';

let db: TestDatabase;
let ds: DataSource;
let runs: TypeormRunRepository;
let execution: TypeormRunExecutionRepository;

beforeAll(async () => {
  db = await migratedTestDatabase();
  ds = await createDataSource({ url: db.url }).initialize();
  runs = new TypeormRunRepository(ds);
  execution = new TypeormRunExecutionRepository(ds);
});
afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

async function plannedRun(): Promise<string> {
  const parsed = parseScenario(SOURCE, 'copy-write.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const { run } = await runs.create({
    scenarioId: null,
    scenarioName: 'copy-write',
    scenarioSource: SOURCE,
    scenario: parsed.scenario,
    target: { kind: 'scenario' },
    start: 'twin',
    seed: 1,
    iterations: 1,
    shardSize: 2,
    createdBy: 'test',
    idempotencyKey: null,
    requestHash: null,
  });
  const started = await execution.start(run.id);
  await execution.snapshotTargets(started!);
  return run.id;
}

function shard(runId: string): ShardWrite {
  const result = (hostname: string, ordinal: number) => ({
    iteration: 0,
    ordinal,
    hostname,
    model: 'ASR1002-X',
    verdict: 'fail' as const,
    controlPlaneOutageMs: 40,
    dataPlaneOutageMs: 0,
    redundancyRestoredMs: ordinal === 0 ? null : 180_000,
    switchovers: 1,
    dualActiveMs: 0,
    resultJson: JSON.stringify({ hostname, note: AWKWARD }),
    startJson: null,
    expectationsJson: JSON.stringify([{ observed: AWKWARD }]),
  });
  return {
    runId,
    shard: 0,
    routers: 2,
    events: 10,
    durationMs: 1,
    results: [result('edge-1', 0), result('edge-2', 1)],
    timeline: [
      { ordinal: 0, seq: 0, tMs: 60_000, router: 'edge-1', component: 'R0/0', event: AWKWARD, from: 'ACTIVE', to: null },
      { ordinal: 1, seq: 0, tMs: 60_000, router: 'edge-2', component: 'R0/0', event: 'rf', from: null, to: AWKWARD },
    ],
  };
}

describe('writing a shard with COPY', () => {
  it('stores every value byte for byte, NULLs as NULL, and a second write of the shard adds nothing', async () => {
    const runId = await plannedRun();
    const write = shard(runId);
    const progress = await execution.writeShard(write);
    expect(progress).toMatchObject({ routersDone: 2, routerCount: 2 });

    const stored = await runs.results(runId, 0, -1, 10);
    expect(stored.map((r) => [r.hostname, r.resultJson, r.expectationsJson])).toEqual(write.results.map((r) => [r.hostname, r.resultJson, r.expectationsJson]));
    const metrics: { redundancy_restored_ms: string | null }[] = await ds.query(
      `SELECT redundancy_restored_ms FROM run_results WHERE run_id = $1 ORDER BY ordinal`,
      [runId],
    );
    expect(metrics.map((m) => m.redundancy_restored_ms)).toEqual([null, '180000']);
    const timeline = [];
    for await (const batch of runs.timelineInOrder(runId)) timeline.push(...batch);
    expect(timeline.map((e) => [e.router, e.event, e.from, e.to])).toEqual([
      ['edge-1', AWKWARD, 'ACTIVE', null],
      ['edge-2', 'rf', null, AWKWARD],
    ]);

    expect(await execution.writeShard(write)).toBeNull();
    const counts: { results: string; timeline: string }[] = await ds.query(
      `SELECT (SELECT count(*) FROM run_results WHERE run_id = $1) AS results, (SELECT sum(entries) FROM run_timeline_chunks WHERE run_id = $1) AS timeline`,
      [runId],
    );
    expect(counts[0]).toEqual({ results: '2', timeline: '2' });
  });

  it('rolls the claim back with the rows when a write fails, so the shard can be written again', async () => {
    const runId = await plannedRun();
    const broken = { ...shard(runId), results: [...shard(runId).results, { ...shard(runId).results[0]!, ordinal: 2, verdict: 'maybe' as 'pass' }] };
    await expect(execution.writeShard(broken)).rejects.toThrow(/check constraint/);
    const claims: { n: string }[] = await ds.query(`SELECT count(*) AS n FROM run_shards WHERE run_id = $1`, [runId]);
    expect(claims[0]?.n).toBe('0');
    expect(await runs.results(runId, 0, -1, 10)).toEqual([]);
    expect(await execution.writeShard(shard(runId))).toMatchObject({ routersDone: 2 });
  });

  it('writes nothing and advances no progress once the run is cancelled', async () => {
    const runId = await plannedRun();
    expect((await runs.cancel(runId))?.status).toBe('cancelled');
    expect(await execution.writeShard(shard(runId))).toBeNull();
    const rows: { routers_done: number; status: string }[] = await ds.query(`SELECT routers_done, status FROM runs WHERE id = $1`, [runId]);
    expect(rows[0]).toEqual({ routers_done: 0, status: 'cancelled' });
    expect(await runs.results(runId, 0, -1, 10)).toEqual([]);
  });

  it('stops a chunked write at the first chunk after a cancel, keeping none of the chunks written before it', async () => {
    const runId = await plannedRun();
    const [first, second] = shard(runId).results;
    let chunks = 0;
    const progress = await execution.writeShardInChunks({ runId, shard: 0, routers: 2 }, async (sink) => {
      await sink.write([first!], []);
      chunks++;
      await runs.cancel(runId);
      await new Promise((r) => setTimeout(r, 300));
      await sink.write([second!], []);
      chunks++;
      return { events: 1, durationMs: 1 };
    });
    expect(progress).toBeNull();
    expect(chunks).toBe(1);
    const rows: { routers_done: number; shards: string; results: string }[] = await ds.query(
      `SELECT routers_done, (SELECT count(*) FROM run_shards WHERE run_id = $1) AS shards, (SELECT count(*) FROM run_results WHERE run_id = $1) AS results
         FROM runs WHERE id = $1`,
      [runId],
    );
    expect(rows[0]).toEqual({ routers_done: 0, shards: '0', results: '0' });
  });

  it('records the totals the producer ends with on the shard', async () => {
    const runId = await plannedRun();
    const write = shard(runId);
    const progress = await execution.writeShardInChunks({ runId, shard: 0, routers: 2 }, async (sink) => {
      for (const r of write.results) await sink.write([r], []);
      await sink.write([], write.timeline);
      return { events: 1234, durationMs: 56.4 };
    });
    expect(progress).toMatchObject({ routersDone: 2, routerCount: 2 });
    const shards: { events: string; duration_ms: number }[] = await ds.query(`SELECT events, duration_ms FROM run_shards WHERE run_id = $1`, [runId]);
    expect(shards).toEqual([{ events: '1234', duration_ms: 56 }]);
    expect((await runs.results(runId, 0, -1, 10)).map((r) => r.hostname)).toEqual(['edge-1', 'edge-2']);
  });
});
