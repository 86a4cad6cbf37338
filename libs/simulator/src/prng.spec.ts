import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashString, iterationSeed, nextFloat, nextU32, routerSeed, seedOfIteration, seedRng } from './prng.js';

describe('seeded PRNG (sfc32)', () => {
  it('gives the same sequence for the same seed and different ones for different seeds', () => {
    const a = seedRng(42);
    const b = seedRng(42);
    const c = seedRng(43);
    const seqA = Array.from({ length: 20 }, () => nextU32(a));
    expect(Array.from({ length: 20 }, () => nextU32(b))).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => nextU32(c))).not.toEqual(seqA);
  });

  it('produces floats in [0, 1) with a mean near 1/2 and no stuck bits', () => {
    const st = seedRng(7);
    let sum = 0;
    let min = 1;
    let max = 0;
    let orBits = 0;
    let andBits = 0xffffffff;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const f = nextFloat(st);
      sum += f;
      min = Math.min(min, f);
      max = Math.max(max, f);
      const u = nextU32(st);
      orBits |= u;
      andBits &= u;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.01);
    expect(orBits >>> 0).toBe(0xffffffff);
    expect(andBits >>> 0).toBe(0);
  });

  it('survives a JSON round trip of its state mid-sequence', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(50), (seed, skip) => {
        const st = seedRng(seed);
        for (let i = 0; i < skip; i++) nextU32(st);
        const copy = JSON.parse(JSON.stringify(st)) as number[];
        expect(Array.from({ length: 5 }, () => nextU32(copy))).toEqual(Array.from({ length: 5 }, () => nextU32(st)));
      }),
    );
  });
});

describe('seed derivation', () => {
  it('derives a router seed from (run seed, hostname) only', () => {
    expect(routerSeed(42, 'edge-1')).toBe(routerSeed(42, 'edge-1'));
    expect(routerSeed(42, 'edge-1')).not.toBe(routerSeed(42, 'edge-2'));
    expect(routerSeed(42, 'edge-1')).not.toBe(routerSeed(43, 'edge-1'));
  });

  it('spreads similar hostnames over the 32-bit range (no collisions in 10k names)', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) seen.add(routerSeed(1, `edge-${i}`));
    expect(seen.size).toBe(10_000);
    expect(hashString('', 0)).toBeGreaterThanOrEqual(0);
  });

  it('gives distinct Monte Carlo iteration seeds, stable per (seed, i)', () => {
    const seeds = Array.from({ length: 1000 }, (_, i) => iterationSeed(42, i));
    expect(new Set(seeds).size).toBe(1000);
    expect(iterationSeed(42, 5)).toBe(seeds[5]);
    expect(iterationSeed(43, 5)).not.toBe(seeds[5]);
  });

  it('simulates a single-iteration run with its own seed and each Monte Carlo iteration with its iteration seed', () => {
    expect(seedOfIteration(42, 1, 0)).toBe(42);
    expect(seedOfIteration(42, 3, 0)).toBe(iterationSeed(42, 0));
    expect(seedOfIteration(42, 3, 2)).toBe(iterationSeed(42, 2));
    expect(seedOfIteration(42, 3, 0)).not.toBe(42);
  });
});
