import type { RedisClient } from './redis.js';
import { bumpChangeEpochs } from './change-epochs.js';
import { ChannelPublisher } from './channel-publisher.js';

/**
 * Announces committed writes to the twin (routers, their states, fleets): first the `twin` change epoch, awaited,
 * so that no api process serves a cached answer from before the write once the writer has answered (see
 * `ChangeEpochReader`); then the message on its pub/sub channel for live views, without waiting. Never fails:
 * Redis holds no truth.
 */
export class TwinChangePublisher<M> {
  private readonly channel: ChannelPublisher<M>;

  constructor(
    private readonly redis: RedisClient,
    private readonly queuePrefix: string,
    channel: string,
  ) {
    this.channel = new ChannelPublisher(redis, channel);
  }

  /** Records a committed write that has no message to publish (its epoch only); call before answering for it. */
  async markChanged(): Promise<void> {
    await bumpChangeEpochs(this.redis, this.queuePrefix, ['twin']);
  }

  /** Call after the write committed and before answering for it. */
  async announce(messages: M | readonly M[]): Promise<void> {
    await bumpChangeEpochs(this.redis, this.queuePrefix, ['twin']);
    this.channel.publish(messages);
  }
}
