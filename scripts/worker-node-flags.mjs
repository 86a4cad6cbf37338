// Node.js flags every launcher gives the worker process (`npm start`, the benchmarks, the tests; docker-compose.yml
// and deploy/kubernetes spell the same flag in their commands).
//
// `--max-old-space-size=384` caps V8's old space at 384 MB. A worker keeps little alive (a shard is simulated and
// written a chunk at a time), but without a cap V8 sizes its heap from the machine's memory and, with both cores
// busy, lets garbage pile up before it collects: the 2,000-router × 10,000-iteration run of
// test/integration/run-memory.spec.ts peaked at 592 MB RSS that way and at 203 MB with the cap, under the same load.
// The cap keeps the worker inside the design's 512 MB. A worker that needs more (very large shards) gets it from
// NODE_OPTIONS: a `--max-old-space-size` there wins, the flag is then left out.

/** Default V8 old-space cap of a worker, MB. */
export const WORKER_MAX_OLD_SPACE_MB = 384;

/** The flags for a worker started with `env` (the child's environment). */
export function workerNodeFlags(env = process.env) {
  return /--max-old-space-size/.test(env.NODE_OPTIONS ?? '') ? [] : [`--max-old-space-size=${WORKER_MAX_OLD_SPACE_MB}`];
}
