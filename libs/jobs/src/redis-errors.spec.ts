import { describe, expect, it } from 'vitest';
import { bullPrefix, queueProbeKeys } from './queues.js';
import { describeRedisError, RepeatedErrorLog } from './redis-errors.js';

/** An error as ioredis rejects a failed command with: the reply as message, the command and its arguments beside. */
function replyError(message: string): Error {
  return Object.assign(new Error(message), { command: { name: 'evalsha', args: ['d96c', '11', 'local rcall = redis.call'.repeat(200)] } });
}

describe('describeRedisError', () => {
  it('says what cluster, replica and memory replies mean, in one line without the command', () => {
    const moved = describeRedisError(replyError('MOVED 6120 10.0.0.8:6379'));
    expect(moved).toMatch(/^MOVED 6120 10\.0\.0\.8:6379: slot 6120 is served by 10\.0\.0\.8:6379, .*set REDIS_CLUSTER_NODES/);
    expect(moved).not.toContain('rcall');
    expect(describeRedisError(replyError('CLUSTERDOWN The cluster is down'))).toMatch(/does not serve every slot/);
    expect(describeRedisError(replyError("READONLY You can't write against a read only replica."))).toMatch(/read-only replica/);
    expect(describeRedisError(replyError('OOM command not allowed when used memory > maxmemory'))).toMatch(/out of memory/);
    expect(describeRedisError(replyError("CROSSSLOT Keys in request don't hash to the same slot"))).toMatch(/different cluster slots/);
    expect(describeRedisError(new Error('Connection is closed.\n    at stack'))).toBe('Connection is closed.');
    expect(describeRedisError('x'.repeat(1000))).toHaveLength(300);
  });
});

describe('RepeatedErrorLog', () => {
  it('writes the first error of a kind at once, then counts identical ones into one line per interval', () => {
    let now = 0;
    const lines: [string, string, number][] = [];
    const log = new RepeatedErrorLog(
      (source, text, repeated) => lines.push([source, text, repeated]),
      10_000,
      () => now,
    );
    for (let i = 0; i < 5000; i++) {
      now = i; // 5,000 errors in 5 s
      log.report('runs worker error', replyError('MOVED 6120 10.0.0.8:6379'));
    }
    log.report('audits worker error', replyError('MOVED 6120 10.0.0.8:6379'));
    log.report('runs worker error', new Error('Connection is closed.'));
    expect(lines.map(([source, text, n]) => [source, text.split(':')[0], n])).toEqual([
      ['runs worker error', 'MOVED 6120 10.0.0.8', 0],
      ['audits worker error', 'MOVED 6120 10.0.0.8', 0],
      ['runs worker error', 'Connection is closed.', 0],
    ]);
    now = 10_000;
    log.report('runs worker error', replyError('MOVED 6120 10.0.0.8:6379'));
    expect(lines[3]).toEqual(['runs worker error', expect.stringMatching(/^MOVED/), 4999]);
    now = 10_001;
    log.report('runs worker error', replyError('MOVED 6120 10.0.0.8:6379'));
    expect(lines).toHaveLength(4);
  });

  it('remembers a bounded number of kinds', () => {
    const lines: string[] = [];
    const log = new RepeatedErrorLog(
      (_s, text) => lines.push(text),
      10_000,
      () => 0,
      3,
    );
    for (const m of ['a', 'b', 'c', 'd', 'a']) log.report('w', new Error(m));
    // `a` was forgotten when `d` came, so it is written again.
    expect(lines).toEqual(['a', 'b', 'c', 'd', 'a']);
  });
});

describe('queue key prefixes', () => {
  it('keep one tag for every queue on a single Redis and give each queue its own on a cluster', () => {
    expect(bullPrefix('asr-twin', 'runs', false)).toBe('{asr-twin}');
    expect(bullPrefix('asr-twin', 'audits', false)).toBe('{asr-twin}');
    expect(bullPrefix('asr-twin', 'runs', true)).toBe('{asr-twin:runs}');
    expect(new Set(queueProbeKeys('p', false).values())).toEqual(new Set(['{p}:readiness-probe']));
    expect([...queueProbeKeys('p', true).values()]).toEqual([
      '{p:runs}:readiness-probe',
      '{p:maintenance}:readiness-probe',
      '{p:router-actions}:readiness-probe',
      '{p:audits}:readiness-probe',
      '{p:forecasts}:readiness-probe',
    ]);
  });
});
