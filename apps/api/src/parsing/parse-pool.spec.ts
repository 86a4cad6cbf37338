import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseScenario } from '@asr-twin/scenario';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { EdgeError } from '../common/problem.js';
import { ParsePool, type ParsePoolOptions } from './parse-pool.js';
import { SOURCE_NAME } from './parse-tasks.js';

// A stand-in worker with the real protocol: "spin" never returns, "allocate" exhausts its heap, anything else
// is echoed with the worker's thread id (to tell a replaced worker from the first).
const dir = mkdtempSync(join(tmpdir(), 'parse-pool-'));
const fakeWorker = pathToFileURL(join(dir, 'fake.worker.mjs'));
writeFileSync(
  fakeWorker,
  `import { parentPort, threadId } from 'node:worker_threads';
parentPort.on('message', ({ id, input }) => {
  if (input === 'spin') for (;;);
  if (input === 'allocate') { const kept = []; for (;;) kept.push(new Array(100000).fill(Math.random())); }
  parentPort.postMessage({ id, ok: true, value: { echo: input, threadId } });
});
parentPort.postMessage({ ready: true });
`,
);

const pools: ParsePool[] = [];
function pool(options: Partial<ParsePoolOptions> = {}): ParsePool {
  const created = new ParsePool({ workers: 1, timeLimitMs: 300, memoryLimitMb: 32, queueLimit: 8, workerFile: fakeWorker, ...options });
  pools.push(created);
  return created;
}
const echo = (p: ParsePool, input: string) => p.run('scenario', input, 'the input') as unknown as Promise<{ echo: string; threadId: number }>;

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function refusal(promise: Promise<unknown>): Promise<EdgeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EdgeError);
  return error as EdgeError;
}

describe('ParsePool', () => {
  it('answers each task in order, one worker parsing one input at a time', async () => {
    const p = pool();
    const answers = await Promise.all(['a', 'b', 'c'].map((i) => echo(p, i)));
    expect(answers.map((a) => a.echo)).toEqual(['a', 'b', 'c']);
  });

  it('abandons a parse at its time limit with PARSE_TIME_LIMIT (422), replaces the worker and goes on with the queue', async () => {
    const p = pool({ timeLimitMs: 300 });
    const first = await echo(p, 'warm');
    const started = Date.now();
    const [spun, next] = await Promise.allSettled([echo(p, 'spin'), echo(p, 'after')]);
    expect(spun.status).toBe('rejected');
    const error = (spun as PromiseRejectedResult).reason as EdgeError;
    expect([error.code, error.status]).toEqual(['PARSE_TIME_LIMIT', 422]);
    expect(error.message).toMatch(/the input took longer than 300 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(next.status).toBe('fulfilled');
    const after = (next as PromiseFulfilledResult<{ echo: string; threadId: number }>).value;
    expect(after.echo).toBe('after');
    expect(after.threadId).not.toBe(first.threadId);
  });

  it('abandons a parse that exhausts the worker heap with PARSE_MEMORY_LIMIT (422) and keeps serving', async () => {
    const p = pool({ timeLimitMs: 20_000, memoryLimitMb: 32 });
    const error = await refusal(echo(p, 'allocate'));
    expect([error.code, error.status]).toEqual(['PARSE_MEMORY_LIMIT', 422]);
    expect(error.message).toMatch(/more than 32 MiB/);
    expect((await echo(p, 'still here')).echo).toBe('still here');
  });

  it('refuses a parse with PARSER_BUSY (503, Retry-After) when every worker is busy and the queue is full', async () => {
    const p = pool({ workers: 1, queueLimit: 2, timeLimitMs: 1000 });
    await echo(p, 'warm');
    const running = echo(p, 'spin').catch((e: unknown) => e);
    const queued = [echo(p, 'q1'), echo(p, 'q2')];
    expect(p.waiting).toBe(2);
    const error = await refusal(echo(p, 'one too many'));
    expect([error.code, error.status, error.headers['retry-after']]).toEqual(['PARSER_BUSY', 503, '1']);
    expect(((await running) as EdgeError).code).toBe('PARSE_TIME_LIMIT');
    expect((await Promise.all(queued)).map((a) => a.echo)).toEqual(['q1', 'q2']);
  });

  it('keeps parses waiting until a worker has loaded its parsers', async () => {
    const p = pool({ timeLimitMs: 1000 });
    expect(p.waiting).toBe(0);
    const first = echo(p, 'early');
    expect(p.waiting).toBe(1);
    expect((await first).echo).toBe('early');
  });

  it('fails waiting parses when it is closed', async () => {
    const p = pool();
    await echo(p, 'warm');
    const running = refusal(echo(p, 'spin'));
    const waiting = refusal(echo(p, 'never'));
    await p.close();
    expect((await running).code).toBe('SERVICE_UNAVAILABLE');
    expect((await waiting).code).toBe('SERVICE_UNAVAILABLE');
  });
});

describe('the built parse worker', () => {
  it('reads a scenario exactly as the parser does in process, errors with line and column included', async () => {
    const p = new ParsePool({ workers: 1, timeLimitMs: 10_000, memoryLimitMb: 256, queueLimit: 8 });
    pools.push(p);
    const valid =
      'apiVersion: asr-twin/v1\nkind: Scenario\nmetadata:\n  name: pool-check\nspec:\n  routers:\n    - hostname: r1\n      model: ASR1006\n  steps:\n    - at: 1s\n      fault: iosd-crash\n      target: active-rp\n';
    const invalid = `${valid}  unknownKey: 1\n`;
    for (const source of [valid, invalid, 'a: [', '']) {
      expect(await p.run('scenario', source, 'the scenario source')).toEqual(parseScenario(source, SOURCE_NAME));
    }
  });

  it('reads device output, and reports what it cannot read as the ValidationError the api raises', async () => {
    const p = new ParsePool({ workers: 1, timeLimitMs: 10_000, memoryLimitMb: 256, queueLimit: 8 });
    pools.push(p);
    const outcome = await p.run('observation', 'router#show version\nnot a version at all\n', 'the device output');
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? null : outcome.error.code).toBe('VALIDATION_FAILED');
    expect(outcome.ok ? null : outcome.error.issues[0]?.field).toBe('output');
  });
});
