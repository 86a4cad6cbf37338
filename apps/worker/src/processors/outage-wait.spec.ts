import { Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { throughOutages } from './outage-wait.js';

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
const shutdown = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

/** A clock that the injected sleep moves forward, so waits take no real time. */
function fakeClock() {
  let t = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

const logger = new Logger('test');
logger.warn = () => undefined;
logger.log = () => undefined;

describe('throughOutages', () => {
  it('retries through an outage with backoff doubling from 1 s to 30 s, marks the campaign waiting once per reason, and clears it', async () => {
    const clock = fakeClock();
    const marks: string[] = [];
    let cleared = 0;
    let calls = 0;
    const result = await throughOutages(
      async () => {
        calls++;
        if (calls <= 8) throw calls <= 4 ? refused() : shutdown();
        return 'done';
      },
      {
        label: 'run.shard',
        giveUpMs: 3_600_000,
        logger,
        sleep: clock.sleep,
        now: clock.now,
        markWaiting: async (reason) => void marks.push(reason),
        clearWaiting: async () => void cleared++,
      },
    );
    expect(result).toBe('done');
    expect(calls).toBe(9);
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    expect(marks).toEqual([
      'PostgreSQL or Redis unavailable: connect ECONNREFUSED 127.0.0.1:5432',
      'PostgreSQL unavailable: terminating connection due to administrator command',
    ]);
    expect(cleared).toBe(1);
  });

  it('passes a deterministic error through at once, without waiting or marking', async () => {
    const clock = fakeClock();
    const marks: string[] = [];
    await expect(
      throughOutages(
        async () => {
          throw new Error('scenario step 3 names no such router');
        },
        { label: 'run.plan', giveUpMs: 3_600_000, logger, sleep: clock.sleep, now: clock.now, markWaiting: async (r) => void marks.push(r) },
      ),
    ).rejects.toThrow('scenario step 3 names no such router');
    expect(clock.sleeps).toEqual([]);
    expect(marks).toEqual([]);
  });

  it('gives up after the configured time with an unrecoverable error naming the outage', async () => {
    const clock = fakeClock();
    const error = await throughOutages(
      async () => {
        throw refused();
      },
      { label: 'run.shard', giveUpMs: 60_000, logger, sleep: clock.sleep, now: clock.now },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect((error as Error).message).toMatch(
      /^gave up after waiting 60 s through an outage \(\d+ attempts\): PostgreSQL or Redis unavailable: connect ECONNREFUSED/,
    );
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(60_000);
  });

  it('keeps retrying when the waiting mark cannot be written (the dependency that is down holds it)', async () => {
    const clock = fakeClock();
    let calls = 0;
    let markAttempts = 0;
    await throughOutages(
      async () => {
        if (++calls < 4) throw refused();
      },
      {
        label: 'audit.shard',
        giveUpMs: 3_600_000,
        logger,
        sleep: clock.sleep,
        now: clock.now,
        markWaiting: async () => {
          markAttempts++;
          throw refused();
        },
      },
    );
    expect(calls).toBe(4);
    expect(markAttempts).toBe(3);
  });
});
