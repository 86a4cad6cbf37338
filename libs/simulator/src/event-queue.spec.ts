import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_STRIDE, heapDropRoot, heapPush } from './event-queue.js';

describe('event queue (binary heap on a flat number array)', () => {
  it('pops in (time, seq) order under any interleaving of pushes and pops', () => {
    const op = fc.oneof(fc.record({ push: fc.integer({ min: 0, max: 50 }) }), fc.constant({ pop: true as const }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const q: number[] = [];
        let n = 0;
        const model: [number, number][] = [];
        let seq = 0;
        for (const o of ops) {
          if ('push' in o) {
            n = heapPush(q, n, o.push, seq, seq % 7, 0);
            model.push([o.push, seq++]);
          } else if (n > 0) {
            model.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
            const [t, s] = model.shift() as [number, number];
            expect([q[0], q[1]]).toEqual([t, s]);
            expect(q[2]).toBe(s % 7);
            n = heapDropRoot(q, n);
          }
          expect(n).toBe(model.length * EVENT_STRIDE);
        }
      }),
    );
  });

  it('breaks ties in time by scheduling order (seq)', () => {
    const q: number[] = [];
    let n = 0;
    for (let seq = 0; seq < 10; seq++) n = heapPush(q, n, 100, seq, seq, 0);
    const out: number[] = [];
    while (n > 0) {
      out.push(q[2] as number);
      n = heapDropRoot(q, n);
    }
    expect(out).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
