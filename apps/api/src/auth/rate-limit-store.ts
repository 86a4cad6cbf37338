import type { RedisTurnBatch, TurnCommands } from '@asr-twin/jobs';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Result } from 'ioredis';

type CountCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

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
 * Adds the requests of one turn to a counter and answers the new total with the time left in the counter's window:
 * a new counter (or one left without expiry) starts a window of `ARGV[2]` ms. The window is fixed, as the plugin's
 * own script has it (`continueExceeding` and exponential backoff are not used here).
 */
const COUNT_REQUESTS = `
local current = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  ttl = tonumber(ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return {current, ttl}`;

/** The requests of one counter in one turn, in the order they asked. */
interface Counting {
  readonly windowMs: number;
  readonly callbacks: CountCallback[];
}

/**
 * Counts rate limits in Redis a turn at a time: the requests of one event-loop turn that count against one key
 * add their number to it with one command, sent with the turn's other commands ({@link RedisTurnBatch}), and each
 * is answered the total it would have seen counted alone (the total before the turn, plus its place in the
 * turn). So the limit, the remaining budget and the reset time are those of one `INCR` per request, across any
 * number of api processes; one key per counter, so on a Redis Cluster each goes to its key's slot.
 */
class TurnRateLimitStore implements FastifyRateLimitStore {
  private counting = new Map<string, Counting>();

  constructor(
    private readonly batch: RedisTurnBatch,
    private readonly nameSpace: string,
    private readonly report: (error: unknown) => void,
  ) {}

  incr(key: string, callback: CountCallback, timeWindow: number): void {
    const counterKey = this.nameSpace + key;
    let counting = this.counting.get(counterKey);
    if (counting === undefined) {
      if (this.counting.size === 0) this.batch.atEndOfTurn((commands) => this.send(commands));
      counting = { windowMs: timeWindow, callbacks: [] };
      this.counting.set(counterKey, counting);
    }
    counting.callbacks.push(callback);
  }

  /** A route's own counters (a route with a rate limit of its own), as the plugin's Redis store names them. */
  child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
    // The plugin passes the route's merged limit options, with the route under `routeInfo` (not in its types).
    const { method, url } = (routeOptions as unknown as { routeInfo: { method: string; url: string } }).routeInfo;
    return new TurnRateLimitStore(this.batch, `${this.nameSpace}${method}${url}-`, this.report);
  }

  private send(commands: TurnCommands): void {
    const counting = this.counting;
    this.counting = new Map();
    for (const [key, { windowMs, callbacks }] of counting) {
      // The answer comes to the callback (on a cluster client the call also returns a promise of it).
      void commands.countRequests(key, callbacks.length, windowMs, (error, reply) => {
        if (error || reply === undefined) {
          const failure = error ?? new Error('the rate limit counter answered nothing');
          // Reported once per counter and turn; the plugin, told to skip on error, lets each request pass.
          this.report(failure);
          for (const callback of callbacks) callback(failure);
          return;
        }
        const [total, ttl] = reply;
        const before = total - callbacks.length;
        for (let i = 0; i < callbacks.length; i++) callbacks[i]?.(null, { current: before + i + 1, ttl });
      });
    }
  }
}

/**
 * The rate limit plugin's store: counters in Redis under `nameSpace`, counted a turn at a time on `batch`
 * (see {@link TurnRateLimitStore}), reporting each count Redis could not take: the limit is then not enforced,
 * which must not go unnoticed.
 */
export function turnRedisStore(batch: RedisTurnBatch, nameSpace: string, report: (error: unknown) => void): FastifyRateLimitStoreCtor {
  batch.redis.defineCommand('countRequests', { numberOfKeys: 1, lua: COUNT_REQUESTS });
  return class {
    constructor() {
      // A constructor may return another object: the plugin then uses this store.
      return new TurnRateLimitStore(batch, nameSpace, report);
    }
  } as unknown as FastifyRateLimitStoreCtor;
}
