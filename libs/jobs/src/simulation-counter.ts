import type { RedisClient } from './redis.js';

/** The Redis key of the running total of simulator events processed by scenario runs, under the key prefix. */
export function simulatedEventsKey(queuePrefix: string): string {
  return `${queuePrefix}:metrics:simulated-events`;
}

/**
 * The running total of simulator events that scenario runs processed, shared by every worker through one Redis
 * counter (one INCRBY per shard) and exposed by the api as a Prometheus counter, from which Prometheus computes
 * events per second. An operational figure, not a record: it restarts from 0 when Redis loses its data, which
 * Prometheus reads as a counter reset.
 */
export class SimulationCounter {
  private readonly key: string;

  constructor(
    private readonly redis: RedisClient,
    queuePrefix: string,
  ) {
    this.key = simulatedEventsKey(queuePrefix);
  }

  /** Adds `events` without waiting; a failure only loses them from the metric. */
  add(events: number): void {
    if (events <= 0) return;
    this.redis.incrby(this.key, events).catch(() => undefined);
  }

  /** The total so far (0 when nothing was counted yet). */
  async read(): Promise<number> {
    return Number((await this.redis.get(this.key)) ?? 0);
  }
}
