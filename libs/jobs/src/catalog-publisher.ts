import type { Redis } from 'ioredis';
import { catalogChannel, type CatalogMessage } from './catalog-channel.js';
import { ChannelPublisher } from './channel-publisher.js';

/** Publishes {@link CatalogMessage}s after committed writes, never waiting for Redis (see {@link ChannelPublisher}). */
export class CatalogPublisher extends ChannelPublisher<CatalogMessage> {
  constructor(redis: Redis, queuePrefix: string) {
    super(redis, catalogChannel(queuePrefix));
  }
}
