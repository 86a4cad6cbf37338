import type { RedisTurnBatch, TurnCommands } from '@asr-twin/jobs';
import type { Result } from 'ioredis';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** {@link COUNT_REQUESTS}: adds `count` to the counter at `key`; answers the new total and its time to live, ms. */
    countRequests(
      key: string,
      count: number,
      windowMs: number,
      callback: (error: Error | null | undefined, reply?: [number, number]) => void,
    ): Result<[number, number], Context>;
  }
}

/**
 * Adds the requests of one turn to a counter and answers the new total with the time left in its window: a new
 * counter (or one left without expiry) starts a window of `ARGV[2]` ms. The window is fixed: it does not move
 * while requests keep coming, refused or not.
 */
const COUNT_REQUESTS = `
local current = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  ttl = tonumber(ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return {current, ttl}`;

/** A request's place in its counter's window: its count (itself included) and the time left, ms. */
export interface Counted {
  readonly current: number;
  readonly ttlMs: number;
}

/** The requests of one counter in one turn, in the order they asked. */
interface Counting {
  readonly windowMs: number;
  readonly answers: ((counted: Counted | null) => void)[];
}

/**
 * Rate-limit counters in Redis, counted a turn at a time: the requests of one event-loop turn that count against
 * one counter add their number to it with one command, sent with the turn's other commands ({@link RedisTurnBatch}),
 * and each is answered the count it would have seen counted alone (the total before the turn plus its place in
 * the turn). So limits, remaining budgets and reset times are those of one `INCR` per request, across any number
 * of api processes; one Redis key per counter, so on a Redis Cluster each goes to its own slot.
 */
export class TurnRateLimitCounter {
  private counting = new Map<string, Counting>();
  private uncounting = new Map<string, number>();

  /** `report` hears of each count Redis could not take (the request then passes uncounted). */
  constructor(
    private readonly batch: RedisTurnBatch,
    private readonly report: (error: unknown) => void,
  ) {
    batch.redis.defineCommand('countRequests', { numberOfKeys: 1, lua: COUNT_REQUESTS });
  }

  /** Counts one request against the counter at `key`; null when Redis could not count it. */
  count(key: string, windowMs: number): Promise<Counted | null> {
    return new Promise((resolve) => {
      let counting = this.counting.get(key);
      if (counting === undefined) {
        this.sendAtEndOfTurn();
        counting = { windowMs, answers: [] };
        this.counting.set(key, counting);
      }
      counting.answers.push(resolve);
    });
  }

  /** Takes back one request counted against `key` that turned out to count against another counter. */
  uncount(key: string): void {
    this.sendAtEndOfTurn();
    this.uncounting.set(key, (this.uncounting.get(key) ?? 0) + 1);
  }

  private sendAtEndOfTurn(): void {
    if (this.counting.size === 0 && this.uncounting.size === 0) this.batch.atEndOfTurn((commands) => this.send(commands));
  }

  private send(commands: TurnCommands): void {
    const counting = this.counting;
    const uncounting = this.uncounting;
    this.counting = new Map();
    this.uncounting = new Map();
    for (const [key, by] of uncounting) void commands.decrby(key, by, (error) => error && this.report(error));
    for (const [key, { windowMs, answers }] of counting) {
      // The answer comes to the callback (on a cluster client the call also returns a promise of it).
      void commands.countRequests(key, answers.length, windowMs, (error, reply) => {
        if (error || reply === undefined) {
          // Reported once per counter and turn; each of its requests passes uncounted.
          this.report(error ?? new Error('the rate limit counter answered nothing'));
          for (const answer of answers) answer(null);
          return;
        }
        const [total, ttlMs] = reply;
        const before = total - answers.length;
        for (let i = 0; i < answers.length; i++) answers[i]?.({ current: before + i + 1, ttlMs });
      });
    }
  }
}
