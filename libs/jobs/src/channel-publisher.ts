import type { Redis } from 'ioredis';

/**
 * Publishes JSON messages on one Redis pub/sub channel after committed writes. Redis holds no truth, so
 * publishing never fails or delays the write it reports: it does not wait for Redis, swallows errors, and skips
 * the message when the connection is not ready (rather than queueing it for a reconnect, when it would be
 * stale). A live view then misses an event and refetches on the next one, or when it reconnects.
 */
export class ChannelPublisher<M> {
  constructor(
    private readonly redis: Redis,
    /** The full channel name, prefix included. */
    readonly channel: string,
  ) {}

  /** Sends the messages (in one pipeline when there are several); returns at once. */
  publish(messages: M | readonly M[]): void {
    const list: readonly M[] = Array.isArray(messages) ? (messages as readonly M[]) : [messages as M];
    if (list.length === 0 || this.redis.status !== 'ready') return;
    if (list.length === 1) {
      this.redis.publish(this.channel, JSON.stringify(list[0])).catch(() => undefined);
      return;
    }
    const pipeline = this.redis.pipeline();
    for (const m of list) pipeline.publish(this.channel, JSON.stringify(m));
    pipeline.exec().catch(() => undefined);
  }
}
