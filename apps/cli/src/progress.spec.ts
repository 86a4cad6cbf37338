import { describe, expect, it } from 'vitest';
import { Progress } from './progress.js';

function plain() {
  let t = 0;
  let out = '';
  const stream = { write: (text: string) => (out += text), isTTY: false };
  return { stream, tick: (ms: number) => (t += ms), now: () => t, out: () => out };
}

describe('Progress without a terminal', () => {
  it('prints nothing for work that ends within the interval', () => {
    const p = plain();
    const bar = new Progress(p.stream, 100, 'routers', p.now, 5000);
    for (let done = 0; done <= 100; done += 10) {
      bar.update(done, 'iosd-crash');
      p.tick(400);
    }
    expect(p.out()).toBe('');
  });

  it('prints a plain line at most once per interval once the work is long, and a last one when it is done', () => {
    const p = plain();
    const bar = new Progress(p.stream, 100_000, 'routers', p.now, 5000);
    for (let done = 0; done <= 100_000; done += 1000) {
      bar.update(done, 'iosd-crash');
      p.tick(1000);
    }
    const lines = p.out().trimEnd().split('\n');
    expect(lines[0]).toBe('twin: iosd-crash: 5000/100000 routers (5%)');
    expect(lines.at(-1)).toBe('twin: iosd-crash: 100000/100000 routers (100%)');
    expect(lines).toHaveLength(20); // 100 s of work: one line every 5 s, the last one at 100 %
    expect(p.out()).not.toContain('\r');
  });
});
