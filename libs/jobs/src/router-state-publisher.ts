import type { Redis } from 'ioredis';
import { ChannelPublisher } from './channel-publisher.js';
import { routerStateChannel, type RouterStateMessage } from './router-state-channel.js';

/** Publishes {@link RouterStateMessage}s after committed writes, never waiting for Redis (see {@link ChannelPublisher}). */
export class RouterStatePublisher extends ChannelPublisher<RouterStateMessage> {
  constructor(redis: Redis, queuePrefix: string) {
    super(redis, routerStateChannel(queuePrefix));
  }
}
