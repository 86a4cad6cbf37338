import type { AppConfig } from '@asr-twin/config';
import { RedisTurnBatch, RepeatedErrorLog } from '@asr-twin/jobs';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { RateLimitedError } from './auth.errors.js';
import { turnRedisStore } from './rate-limit-store.js';

const WINDOW_MS = 60_000;

/** How often the api writes that rate limits could not be counted, at most (with the count held back), ms. */
const ERROR_LOG_INTERVAL_MS = 10_000;

/**
 * What a request counts against: its API key when the key is valid, else the client address. Invalid keys
 * count against the address, so inventing keys buys no extra requests.
 */
export function rateLimitKey(request: FastifyRequest): string {
  return request.auth?.kind === 'key' ? `key:${request.auth.key.id}` : `ip:${request.ip}`;
}

/**
 * `RATE_LIMIT_PER_MINUTE` requests per key (or address) and minute, counted in Redis so that the limit holds
 * across api processes, a turn at a time (`TurnRateLimitStore`) on the client the change epochs are read on, which
 * fails fast. Runs in `onRequest` after the API key hook and before body parsing. Routes opt out
 * with `@RouteConfig({ rateLimit: false })` (`/health`). If Redis fails, requests pass uncounted rather than
 * fail: Redis holds no truth, PostgreSQL does. That is logged (once per kind and interval, with a count) and
 * `/health/ready` fails meanwhile, so the limit is never off unnoticed.
 */
export async function registerRateLimit(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const log = app.getHttpAdapter().getInstance().log;
  const errors = new RepeatedErrorLog(
    (source, text, repeated) => log.warn({ ...(repeated > 0 ? { repeated } : {}) }, `${source}: ${text}; requests pass uncounted`),
    ERROR_LOG_INTERVAL_MS,
  );
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    max: config.rateLimit.perMinute,
    timeWindow: WINDOW_MS,
    store: turnRedisStore(app.get(RedisTurnBatch), `${config.redis.queuePrefix}:rate-limit:`, (error) => errors.report('rate limit not counted', error)),
    skipOnError: true,
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (_request, context) => new RateLimitedError(context.max, context.after),
  });
}
