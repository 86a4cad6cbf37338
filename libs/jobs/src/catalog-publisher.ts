import type { RedisClient } from './redis.js';
import { catalogChannel, type CatalogMessage } from './catalog-channel.js';
import { TwinChangePublisher } from './twin-change-publisher.js';

/**
 * Announces {@link CatalogMessage}s after committed writes (see {@link TwinChangePublisher}): fleets, routers and
 * scenarios created, renamed or deleted.
 */
export class CatalogPublisher extends TwinChangePublisher<CatalogMessage> {
  constructor(redis: RedisClient, queuePrefix: string) {
    super(redis, queuePrefix, catalogChannel(queuePrefix));
  }
}
