import { ChannelPublisher, forecastProgressChannel, type ForecastProgressMessage, type RedisClient } from '@asr-twin/jobs';
import type { ForecastRecord } from '@asr-twin/persistence';

/** Publishes forecast progress on Redis pub/sub; a lost message only delays a live view. */
export class ForecastProgressPublisher {
  private readonly channel: ChannelPublisher<ForecastProgressMessage>;

  constructor(redis: RedisClient, queuePrefix: string) {
    this.channel = new ChannelPublisher(redis, forecastProgressChannel(queuePrefix));
  }

  publish(message: ForecastProgressMessage): void {
    this.channel.publish(message);
  }

  publishForecast(f: ForecastRecord): void {
    this.publish({ forecastId: f.id, status: f.status, routersDone: f.routersDone, routerCount: f.routerCount });
  }
}
