import { ChannelPublisher } from './channel-publisher.js';
import { runProgressChannel, type RunProgressMessage } from './progress-channel.js';
import type { RedisClient } from './redis.js';

/**
 * Announces run progress from the api (the workers publish their own as shards finish): today a run's deletion,
 * so that live run lists and run pages drop it. Never fails or delays the write it reports ({@link ChannelPublisher}).
 */
export class RunProgressPublisher extends ChannelPublisher<RunProgressMessage> {
  constructor(redis: RedisClient, queuePrefix: string) {
    super(redis, runProgressChannel(queuePrefix));
  }
}
