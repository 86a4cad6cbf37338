import { auditProgressChannel, type AuditProgressMessage, ChannelPublisher, type RedisClient } from '@asr-twin/jobs';
import type { AuditRecord } from '@asr-twin/persistence';

/** Publishes audit progress on Redis pub/sub; a lost message only delays a live view. */
export class AuditProgressPublisher {
  private readonly channel: ChannelPublisher<AuditProgressMessage>;

  constructor(redis: RedisClient, queuePrefix: string) {
    this.channel = new ChannelPublisher(redis, auditProgressChannel(queuePrefix));
  }

  publish(message: AuditProgressMessage): void {
    this.channel.publish(message);
  }

  publishAudit(audit: AuditRecord): void {
    this.publish({
      auditId: audit.id,
      status: audit.status,
      routersDone: audit.routersDone,
      routerCount: audit.routerCount,
      exposedRouters: audit.exposedRouters,
    });
  }
}
