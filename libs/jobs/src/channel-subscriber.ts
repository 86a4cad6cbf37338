import { Cluster } from 'ioredis';
import { closeRedis, createRedis, type RedisClient, type RedisTarget } from './redis.js';

/** A subscription to channels that {@link publishOn} publishes on; `close` ends it. */
export interface ChannelSubscription {
  readonly client: RedisClient;
  close(): Promise<void>;
}

/**
 * Subscribes a connection of its own to `channels`: SUBSCRIBE on a single Redis; on a cluster SSUBSCRIBE, with one
 * subscriber connection per master that owns one of the channels' slots (ioredis' sharded subscribers), matching
 * the SPUBLISH of the publishers. The client resubscribes after a reconnect or a slot moving; Redis errors only
 * delay messages.
 */
export async function subscribeChannels(
  target: RedisTarget,
  connectionName: string,
  channels: readonly string[],
  onMessage: (channel: string, message: string) => void,
): Promise<ChannelSubscription> {
  const client = createRedis(target, connectionName, { shardedSubscribers: true });
  client.on('error', () => undefined);
  client.on(client instanceof Cluster ? 'smessage' : 'message', onMessage);
  try {
    await client.connect();
    // One SSUBSCRIBE per channel: the channels of one call must share a slot.
    if (client instanceof Cluster) for (const channel of channels) await client.ssubscribe(channel);
    else await client.subscribe(...channels);
  } catch (error) {
    client.disconnect();
    throw error;
  }
  return { client, close: () => closeRedis(client) };
}
