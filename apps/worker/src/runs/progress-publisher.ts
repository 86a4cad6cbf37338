import { runProgressChannel, type RunProgressMessage } from '@asr-twin/jobs';
import type { RunRecord } from '@asr-twin/persistence';
import type { Redis } from 'ioredis';

/** Publishes run progress on Redis pub/sub; a lost message only delays a live view, so errors are swallowed. */
export class ProgressPublisher {
  constructor(
    private readonly redis: Redis,
    private readonly queuePrefix: string,
  ) {}

  async publish(message: RunProgressMessage): Promise<void> {
    await this.redis.publish(runProgressChannel(this.queuePrefix), JSON.stringify(message)).catch(() => undefined);
  }

  async publishRun(run: RunRecord): Promise<void> {
    await this.publish({ runId: run.id, status: run.status, routersDone: run.routersDone, routerCount: run.routerCount, verdict: run.verdict });
  }
}
