import type { Redis } from 'ioredis';
import { routerStateChannel, type RouterStateMessage } from './router-state-channel.js';

/**
 * Publishes {@link RouterStateMessage}s after committed writes. Redis holds no truth, so publishing never
 * fails or delays the write it reports: it does not wait for Redis, swallows errors, and skips the message
 * when the connection is not ready (rather than queueing it for a reconnect, when it would be stale). A live
 * view then misses an event and refetches on the next one.
 */
export class RouterStatePublisher {
  private readonly channel: string;

  constructor(
    private readonly redis: Redis,
    queuePrefix: string,
  ) {
    this.channel = routerStateChannel(queuePrefix);
  }

  /** Sends the messages (in one pipeline when there are several); returns at once. */
  publish(messages: RouterStateMessage | readonly RouterStateMessage[]): void {
    const list = Array.isArray(messages) ? (messages as readonly RouterStateMessage[]) : [messages as RouterStateMessage];
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
