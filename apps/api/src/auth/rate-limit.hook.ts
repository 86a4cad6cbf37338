import type { AppConfig } from '@asr-twin/config';
import { RedisTurnBatch, RepeatedErrorLog } from '@asr-twin/jobs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, RouteOptions } from 'fastify';
import { RateLimitedError } from './auth.errors.js';
import { type Counted, TurnRateLimitCounter } from './rate-limit-counter.js';

/** The window of `RATE_LIMIT_PER_MINUTE`, ms. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

/** How often the api writes that rate limits could not be counted, at most (with the count held back), ms. */
const ERROR_LOG_INTERVAL_MS = 10_000;

/** A count started for a request before its key was checked, against the key it most likely presents. */
interface EarlyCount {
  readonly subject: string;
  readonly counted: Promise<Counted | null>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by {@link RateLimit.countEarly}; taken by the rate limit hook. */
    earlyRateLimitCount: EarlyCount | null;
  }
}

/**
 * What a request counts against: its API key when the key is valid, else the client address. Invalid keys
 * count against the address, so inventing keys buys no extra requests.
 */
export function rateLimitKey(request: FastifyRequest): string {
  return request.auth?.kind === 'key' ? `key:${request.auth.key.id}` : `ip:${request.ip}`;
}

/** Whole seconds as the refusal words them: `1 second`, `42 seconds`, `1 minute`. */
function inWords(seconds: number): string {
  if (seconds >= 60) {
    const minutes = Math.round(seconds / 60);
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

/**
 * `RATE_LIMIT_PER_MINUTE` requests per key (or address) and fixed minute window, counted in Redis so that the
 * limit holds across api processes, a turn at a time ({@link TurnRateLimitCounter}). Runs in `onRequest` after the
 * API key hook and before body parsing, on every route but those with `@RouteConfig({ rateLimit: false })`
 * (`/health`). Answers carry `x-ratelimit-limit`, `x-ratelimit-remaining` and `x-ratelimit-reset` (seconds);
 * past the limit, 429 `RATE_LIMITED` with `retry-after`. If Redis fails, requests pass uncounted rather than
 * fail: Redis holds no truth, PostgreSQL does; the counter reports it (logged, and `/health/ready` fails), so the
 * limit is never off unnoticed.
 *
 * A request whose key this process has verified before starts counting against that key as it arrives
 * ({@link countEarly}), in the same Redis write as its change-epoch read, instead of a round trip later. If the key
 * turns out to be another (revoked, or a new secret), the early count is taken back and the request counted where
 * it belongs.
 */
export class RateLimit {
  constructor(
    private readonly counter: TurnRateLimitCounter,
    private readonly max: number,
    private readonly counterPrefix: string,
  ) {}

  install(fastify: FastifyInstance): void {
    fastify.decorateRequest('earlyRateLimitCount', null);
    const limit = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => this.limit(request, reply, done);
    fastify.addHook('onRoute', (route: RouteOptions) => {
      if ((route.config as { rateLimit?: unknown } | undefined)?.rateLimit === false) return;
      const own = route.onRequest;
      route.onRequest = own === undefined ? [limit] : [...(Array.isArray(own) ? own : [own]), limit];
    });
  }

  /** Starts counting `request` against the key `keyId` before the key is checked (see the class). */
  countEarly(request: FastifyRequest, keyId: string): void {
    if ((request.routeOptions.config as { rateLimit?: unknown } | undefined)?.rateLimit === false) return;
    const subject = `key:${keyId}`;
    request.earlyRateLimitCount = { subject, counted: this.counter.count(this.counterPrefix + subject, RATE_LIMIT_WINDOW_MS) };
  }

  private limit(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
    const subject = rateLimitKey(request);
    const early = request.earlyRateLimitCount;
    request.earlyRateLimitCount = null;
    if (early !== null && early.subject !== subject) this.counter.uncount(this.counterPrefix + early.subject);
    const counted = early !== null && early.subject === subject ? early.counted : this.counter.count(this.counterPrefix + subject, RATE_LIMIT_WINDOW_MS);
    void counted.then((c) => {
      if (c === null) return done();
      const resetS = Math.ceil(c.ttlMs / 1000);
      void reply.header('x-ratelimit-limit', this.max);
      if (c.current <= this.max) {
        void reply.header('x-ratelimit-remaining', this.max - c.current).header('x-ratelimit-reset', resetS);
        return done();
      }
      void reply.header('x-ratelimit-remaining', 0).header('x-ratelimit-reset', resetS).header('retry-after', resetS);
      done(new RateLimitedError(this.max, inWords(resetS)));
    });
  }
}

/**
 * The api's rate limit (`RATE_LIMIT_PER_MINUTE`), counted on the client the change epochs are read on (which fails
 * fast), logging counts Redis could not take once per kind and interval, with a count. Install it after the API
 * key hook.
 */
export function createRateLimit(app: NestFastifyApplication, config: AppConfig): RateLimit {
  const log = app.getHttpAdapter().getInstance().log;
  const errors = new RepeatedErrorLog(
    (source, text, repeated) => log.warn({ ...(repeated > 0 ? { repeated } : {}) }, `${source}: ${text}; requests pass uncounted`),
    ERROR_LOG_INTERVAL_MS,
  );
  const counter = new TurnRateLimitCounter(app.get(RedisTurnBatch), (error) => errors.report('rate limit not counted', error));
  return new RateLimit(counter, config.rateLimit.perMinute, `${config.redis.queuePrefix}:rate-limit:`);
}
