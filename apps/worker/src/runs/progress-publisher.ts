import { publishOn, type RedisClient, runProgressChannel, type RunProgressMessage } from '@asr-twin/jobs';
import type { RunRecord } from '@asr-twin/persistence';

/** Publishes run progress on Redis pub/sub; a lost message only delays a live view, so errors are swallowed. */
export class ProgressPublisher {
  constructor(
    private readonly redis: RedisClient,
    private readonly queuePrefix: string,
  ) {}

  async publish(message: RunProgressMessage): Promise<void> {
    await publishOn(this.redis, runProgressChannel(this.queuePrefix), JSON.stringify(message)).catch(() => undefined);
  }

  async publishRun(run: RunRecord): Promise<void> {
    await this.publish({ runId: run.id, status: run.status, routersDone: run.routersDone, routerCount: run.routerCount, verdict: run.verdict });
  }
}
