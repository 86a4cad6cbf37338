import type { ChainableCommander } from 'ioredis';
import { isCluster, type RedisClient } from './redis.js';

/**
 * Where the commands of one turn go: a pipeline on a single server, the cluster client itself on a Redis Cluster
 * (whose keys may sit in other slots, so each command is routed to its own master). Commands take a callback.
 */
export type TurnCommands = ChainableCommander | RedisClient;

/**
 * Sends what the requests of one event-loop turn ask of Redis in one write: each user adds its commands with
 * {@link atEndOfTurn}, and at the end of the turn (`setImmediate`, after every request that arrived in the turn
 * has run its hooks) all of them travel in one pipeline, answered by one read. On a Redis Cluster the commands
 * go to the cluster client, which sends them to their slots' masters (its auto-pipelining groups them per node).
 *
 * A command is written only at the end of the turn in which it was collected, never earlier: Redis runs it after
 * every request that asked for it had arrived, which is what the change epochs need (see `ChangeEpochReader`).
 */
export class RedisTurnBatch {
  private collectors: ((commands: TurnCommands) => void)[] = [];

  constructor(readonly redis: RedisClient) {}

  /** Whether the client is connected; commands asked while it is not fail at once (no offline queue). */
  get ready(): boolean {
    return this.redis.status === 'ready';
  }

  /** Calls `collect` at the end of this turn with where to send its commands (with callbacks). */
  atEndOfTurn(collect: (commands: TurnCommands) => void): void {
    if (this.collectors.length === 0) setImmediate(() => this.flush());
    this.collectors.push(collect);
  }

  private flush(): void {
    const collectors = this.collectors;
    this.collectors = [];
    if (isCluster(this.redis)) {
      for (const collect of collectors) collect(this.redis);
      return;
    }
    const pipeline = this.redis.pipeline();
    for (const collect of collectors) collect(pipeline);
    // Each command reports to its own callback; the pipeline's promise only repeats those outcomes.
    pipeline.exec().catch(() => undefined);
  }
}
