/**
 * Seeded pseudo-random numbers for the simulator: sfc32 (Chris Doty-Humphrey's "small fast counting" generator,
 * 128-bit state, passes PractRand to 2^42+ bytes) seeded through splitmix32. The state is four uint32 words held
 * in a plain array, so a simulation that carries it can be saved with `JSON.stringify` and resumed.
 *
 * No `Math.random`: same seed, same sequence, on every platform (only 32-bit integer arithmetic is used).
 */

/** sfc32 state: four unsigned 32-bit words. */
export type RngState = [number, number, number, number];

function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A generator state from a 32-bit seed (any number; it is truncated to uint32). */
export function seedRng(seed: number): RngState {
  const state: RngState = [0, 0, 0, 0];
  seedRngInto(state, seed);
  return state;
}

/**
 * Seeds an existing state array in place (the batch path reuses one array for every router): splitmix32 of
 * the seed and the seed itself start two words, the fractional digits of π and e the other two, and the
 * first 15 outputs are discarded, as the sfc32 author recommends when seeding.
 */
export function seedRngInto(state: number[], seed: number): void {
  let a = splitmix32(seed >>> 0) | 0;
  let b = 0x243f6a88;
  let c = 0xb7e15162 | 0;
  let d = seed | 0;
  for (let i = 0; i < 15; i++) {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t) | 0;
  }
  state[0] = a;
  state[1] = b;
  state[2] = c;
  state[3] = d;
}

/** Next uint32; advances `state` in place. */
export function nextU32(state: number[]): number {
  const a = state[0] as number;
  const b = state[1] as number;
  const c = state[2] as number;
  const d = state[3] as number;
  const t = (((a + b) | 0) + d) | 0;
  state[3] = (d + 1) | 0;
  state[0] = b ^ (b >>> 9);
  state[1] = (c + (c << 3)) | 0;
  state[2] = (((c << 21) | (c >>> 11)) + t) | 0;
  return t >>> 0;
}

/** Uniform float in [0, 1); advances `state` in place. */
export function nextFloat(state: number[]): number {
  return nextU32(state) / 4294967296;
}

/** Murmur3 finaliser: avalanche a 32-bit value. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Stable 32-bit hash of a string (UTF-16 code units, FNV-1a) mixed with a seed. */
export function hashString(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ fmix32(seed >>> 0)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/**
 * PRNG seed of one router in a run: a stable hash of (run seed, hostname). A router's draws therefore do not
 * depend on which other routers share its batch or shard, so a sharded campaign and an embedded run give the
 * same per-router result.
 */
export function routerSeed(runSeed: number, hostname: string): number {
  return hashString(hostname, runSeed);
}

/** Run seed of Monte Carlo iteration `i` (0-based) of a study whose base seed is `runSeed`. */
export function iterationSeed(runSeed: number, iteration: number): number {
  return fmix32((fmix32(runSeed >>> 0) ^ Math.imul((iteration >>> 0) + 1, 0x9e3779b1)) >>> 0);
}

/**
 * The seed iteration `iteration` of a run simulates with: the run seed itself for a single-iteration run, else
 * {@link iterationSeed}. The one seed rule of runs: the embedded CLI, the worker and the api's JUnit all use it, so
 * a router's result does not depend on where it was simulated.
 */
export function seedOfIteration(runSeed: number, iterations: number, iteration: number): number {
  return iterations > 1 ? iterationSeed(runSeed, iteration) : runSeed;
}
