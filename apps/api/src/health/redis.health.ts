import { bullPrefix } from '@asr-twin/jobs';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { Redis } from 'ioredis';

/** Injection token of the queue key prefix (`QUEUE_PREFIX`) the readiness probe writes under. */
export const HEALTH_QUEUE_PREFIX = Symbol('HEALTH_QUEUE_PREFIX');

function within<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref()),
  ]);
}

@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly redis: Redis,
    private readonly indicator: HealthIndicatorService,
    @Inject(HEALTH_QUEUE_PREFIX) private readonly queuePrefix: string,
  ) {}

  async isHealthy(key: string, timeoutMs = 1500): Promise<HealthIndicatorResult> {
    const check = this.indicator.check(key);
    try {
      const pong = await within(this.redis.ping(), timeoutMs);
      return pong === 'PONG' ? check.up() : check.down({ message: `unexpected reply ${pong}` });
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  /**
   * Writes a short-lived key in the queues' hash slot (same `{prefix}` tag as the BullMQ keys): a replica that is
   * read-only, a full Redis (`maxmemory` with `noeviction`) or a cluster slot without a master all fail here while
   * PING still answers.
   */
  async queuesWritable(key: string, timeoutMs = 1500): Promise<HealthIndicatorResult> {
    const check = this.indicator.check(key);
    try {
      const reply = await within(this.redis.set(`${bullPrefix(this.queuePrefix)}:readiness-probe`, String(Date.now()), 'PX', 10_000), timeoutMs);
      return reply === 'OK' ? check.up() : check.down({ message: `unexpected reply ${String(reply)}` });
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
