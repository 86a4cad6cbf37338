// Node.js flags every launcher gives the worker process (`npm start`, the benchmarks, the tests; docker-compose.yml
// and deploy/kubernetes spell the same flag in their commands).
//
// `--max-old-space-size=384` caps V8's old space at 384 MB. A worker keeps little alive (a shard is simulated and
// written a chunk at a time), but without a cap V8 sizes its heap from the machine's memory and, with both cores
// busy, lets garbage pile up before it collects: the 2,000-router × 10,000-iteration run of
// test/integration/run-memory.spec.ts peaked at 592 MB RSS that way and at 203 MB with the cap, under the same load.
// The cap keeps the worker inside the design's 512 MB. A worker that needs more (very large shards) gets it from
// NODE_OPTIONS: a `--max-old-space-size` there wins, the flag is then left out.
//
// `--max-semi-space-size=64` lets V8's young generation grow to 64 MB semi-spaces (the default stops at 16 MB on
// Node 20). A shard allocates about 30 MB of short-lived results, timelines and SQL parameters per 1,000 routers, and
// with small semi-spaces much of it survived a scavenge or two and was copied: in a 100,000-router campaign the
// workers' CPU profiles showed 2.7 s of garbage collection with the default and 1.4 s with 64 MB, and the campaign
// ran in 5.5–5.8 s instead of 6.2–6.3 s (two single campaigns each, on the stack `bench/support.mjs` starts for
// `node bench/service.mjs 100000`, the flag given through WORKER_NODE_FLAGS), for about
// 100 MB more peak RSS (280–310 MB instead of 185–190 MB). The same rule: a `--max-semi-space-size` in NODE_OPTIONS wins.
//
// `--initial-old-space-size=256` lets the old space grow to 256 MB before V8's first full collection. Each shard makes
// a few large strings and buffers (its SQL parameters, about 1 MB each), which V8 allocates in the old space: with the
// default start each worker ran a mark-compact every quarter second, 20 of them per worker in a 100,000-router
// campaign (`--trace-gc` through WORKER_NODE_FLAGS, on the same stack), for about 0.8 s of CPU each; with 256 MB, 1 or 2. The campaign took 4.4–4.7 s instead of
// 5.6 s, workers 2.9–3.0 s of CPU each instead of 3.4–3.6 s, for about 340 MB peak RSS instead of 280. The cap above
// still bounds the old space. A `--initial-old-space-size` in NODE_OPTIONS wins.

/** Default V8 old-space cap of a worker, MB. */
export const WORKER_MAX_OLD_SPACE_MB = 384;

/** Default V8 semi-space size of a worker, MB. */
export const WORKER_MAX_SEMI_SPACE_MB = 64;

/** Old-space size a worker starts with before its first full collection, MB. */
export const WORKER_INITIAL_OLD_SPACE_MB = 256;

/** The flags for a worker started with `env` (the child's environment). */
export function workerNodeFlags(env = process.env) {
  const options = env.NODE_OPTIONS ?? '';
  return [
    ...(/--max-old-space-size/.test(options) ? [] : [`--max-old-space-size=${WORKER_MAX_OLD_SPACE_MB}`]),
    ...(/--max-semi-space-size/.test(options) ? [] : [`--max-semi-space-size=${WORKER_MAX_SEMI_SPACE_MB}`]),
    ...(/--initial-old-space-size/.test(options) ? [] : [`--initial-old-space-size=${WORKER_INITIAL_OLD_SPACE_MB}`]),
  ];
}
