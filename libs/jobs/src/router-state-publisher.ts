import type { RedisClient } from './redis.js';
import { routerStateChannel, type RouterStateMessage } from './router-state-channel.js';
import { TwinChangePublisher } from './twin-change-publisher.js';

/** Announces {@link RouterStateMessage}s after committed writes (see {@link TwinChangePublisher}). */
export class RouterStatePublisher extends TwinChangePublisher<RouterStateMessage> {
  constructor(redis: RedisClient, queuePrefix: string) {
    super(redis, queuePrefix, routerStateChannel(queuePrefix));
  }
}
