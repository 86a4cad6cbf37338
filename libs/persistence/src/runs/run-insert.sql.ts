import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { NewRun } from './run-models.js';

/** What the insert of one run gave back; `null` when a run with its idempotency key already existed. */
export type InsertedRun = { readonly id: string; readonly createdAt: Date } | null;

interface PreparedRun {
  readonly id: string;
  readonly run: NewRun;
}

const INSERT_RUNS = `
  INSERT INTO runs (id, scenario_id, scenario_name, scenario_source, scenario, target, seed, iterations, status,
                    shard_size, idempotency_key, request_hash, created_by, start)
  SELECT u.id, u.scenario_id, u.scenario_name, u.scenario_source, u.scenario, u.target, u.seed, u.iterations, 'queued',
         u.shard_size, u.idempotency_key, u.request_hash, u.created_by, u.start
    FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[], $7::bigint[], $8::int[], $9::int[],
                $10::text[], $11::text[], $12::text[], $13::text[])
      AS u(id, scenario_id, scenario_name, scenario_source, scenario, target, seed, iterations, shard_size, idempotency_key,
           request_hash, created_by, start)
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING id, created_at`;

/**
 * Inserts runs, the runs of requests that arrive together (one turn of the event loop) in one statement: one
 * round trip instead of one per request. Only server-set columns come back: the scenario and its source are
 * what the caller passed in. If the shared statement fails (say one run names a scenario deleted meanwhile),
 * each run is inserted on its own, so that only the run at fault fails.
 */
export class RunInserter {
  private readonly loader = new DataLoader<PreparedRun, InsertedRun>((runs) => this.insertMany(runs), {
    cache: false,
    maxBatchSize: 200,
    batchScheduleFn: (flush) => setImmediate(flush),
  });

  constructor(private readonly ds: DataSource) {}

  insert(run: NewRun): Promise<InsertedRun> {
    return this.loader.load({ id: randomUUID(), run });
  }

  private async insertMany(batch: readonly PreparedRun[]): Promise<(InsertedRun | Error)[]> {
    try {
      const rows: { id: string; created_at: Date }[] = await this.ds.query(INSERT_RUNS, columnsOf(batch));
      const created = new Map(rows.map((r) => [r.id, r.created_at]));
      return batch.map(({ id }) => (created.has(id) ? { id, createdAt: created.get(id) as Date } : null));
    } catch (error) {
      if (batch.length === 1) return [error instanceof Error ? error : new Error(String(error))];
      return Promise.all(batch.map(async (one) => (await this.insertMany([one]))[0] as InsertedRun | Error));
    }
  }
}

function columnsOf(batch: readonly PreparedRun[]): unknown[] {
  const runs = batch.map((b) => b.run);
  return [
    batch.map((b) => b.id),
    runs.map((r) => r.scenarioId),
    runs.map((r) => r.scenarioName),
    runs.map((r) => r.scenarioSource),
    runs.map((r) => JSON.stringify(r.scenario)),
    runs.map((r) => JSON.stringify(r.target)),
    runs.map((r) => r.seed),
    runs.map((r) => r.iterations),
    runs.map((r) => r.shardSize),
    runs.map((r) => r.idempotencyKey),
    runs.map((r) => r.requestHash),
    runs.map((r) => r.createdBy),
    runs.map((r) => r.start),
  ];
}
