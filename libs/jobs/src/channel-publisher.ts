import { isCluster, type RedisClient } from './redis.js';

/**
 * Publishes one message: PUBLISH on a single Redis; on a cluster SPUBLISH (sharded pub/sub), which goes to the
 * master of the channel's slot, so the messages of one channel keep their order and travel only within its shard.
 */
export function publishOn(redis: RedisClient, channel: string, message: string): Promise<unknown> {
  return isCluster(redis) ? redis.spublish(channel, message) : redis.publish(channel, message);
}

/**
 * Publishes JSON messages on one Redis pub/sub channel after committed writes. Redis holds no truth, so
 * publishing never fails or delays the write it reports: it does not wait for Redis, swallows errors, and skips
 * the message when the connection is not ready (rather than queueing it for a reconnect, when it would be
 * stale). A live view then misses an event and refetches on the next one, or when it reconnects.
 */
export class ChannelPublisher<M> {
  constructor(
    private readonly redis: RedisClient,
    /** The full channel name, prefix included. */
    readonly channel: string,
  ) {}

  /** Sends the messages (in one pipeline when there are several); returns at once. */
  publish(messages: M | readonly M[]): void {
    const list: readonly M[] = Array.isArray(messages) ? (messages as readonly M[]) : [messages as M];
    if (list.length === 0 || this.redis.status !== 'ready') return;
    if (list.length === 1) {
      publishOn(this.redis, this.channel, JSON.stringify(list[0])).catch(() => undefined);
      return;
    }
    const pipeline = this.redis.pipeline();
    const sharded = isCluster(this.redis);
    for (const m of list) {
      if (sharded) pipeline.spublish(this.channel, JSON.stringify(m));
      else pipeline.publish(this.channel, JSON.stringify(m));
    }
    pipeline.exec().catch(() => undefined);
  }
}
