import type { JobProducer } from './job-producer.js';

/**
 * Removes every job of a deleted run from Redis (`run.plan`, each `run.shard`, `run.finalize`) in any state but
 * active; a job running now ends at once, since its run is gone. `shardCount`: null when the run was never planned.
 * Answers how many jobs were removed.
 */
export async function discardRunJobs(producer: JobProducer, run: { readonly id: string; readonly shardCount: number | null }): Promise<number> {
  const runId = run.id;
  const shards = Array.from({ length: run.shardCount ?? 0 }, (_, shard) => ({ runId, shard }));
  const counts = await Promise.all([
    producer.discard('run.plan', [{ runId }]),
    producer.discard('run.shard', shards),
    producer.discard('run.finalize', [{ runId }]),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}
