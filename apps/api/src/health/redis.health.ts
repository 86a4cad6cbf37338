import { describeRedisError, probeQueues, REDIS_CLIENT, type RedisClient } from '@asr-twin/jobs';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';

/** Injection token of the queue key prefix (`QUEUE_PREFIX`) the readiness probe writes under. */
export const HEALTH_QUEUE_PREFIX = Symbol('HEALTH_QUEUE_PREFIX');

function within<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref())]);
}

@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly indicator: HealthIndicatorService,
    @Inject(HEALTH_QUEUE_PREFIX) private readonly queuePrefix: string,
  ) {}

  async isHealthy(key: string, timeoutMs = 1500): Promise<HealthIndicatorResult> {
    const check = this.indicator.check(key);
    try {
      const pong = await within(this.redis.ping(), timeoutMs);
      return pong === 'PONG' ? check.up() : check.down({ message: `unexpected reply ${String(pong)}` });
    } catch (error) {
      return check.down({ message: describeRedisError(error) });
    }
  }

  /**
   * Writes a short-lived key in every queue's hash slot (see `probeQueues`): a read-only replica, a full Redis, a
   * cluster slot without a master, or a `REDIS_URL` that names one node of a cluster (MOVED) fail here while PING
   * still answers; the message names the queues and what is wrong.
   */
  async queuesWritable(key: string, timeoutMs = 1500): Promise<HealthIndicatorResult> {
    const check = this.indicator.check(key);
    try {
      await within(probeQueues(this.redis, this.queuePrefix), timeoutMs);
      return check.up();
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
