import type { AppConfig } from '@asr-twin/config';
import { discardRunJobs, JobProducer } from '@asr-twin/jobs';
import { RunRetentionRepository } from '@asr-twin/persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { WORKER_CONFIG } from '../worker-config.js';

/** Runs deleted per maintenance pass at most: a long backlog goes over several passes, never one long pass. */
const RUNS_PER_PASS = 20;

/** What one retention pass removed. */
export interface RetentionOutcome {
  readonly runs: number;
}

/**
 * The retention policy (`RUN_RETENTION_DAYS`, `RUN_RETENTION_MAX`), applied on every maintenance pass: finished
 * runs the policy no longer keeps are deleted oldest first, with everything of them in PostgreSQL and their jobs in
 * Redis.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('retention');

  constructor(
    private readonly runs: RunRetentionRepository,
    private readonly producer: JobProducer,
    @Inject(WORKER_CONFIG) private readonly config: AppConfig,
  ) {}

  async apply(): Promise<RetentionOutcome> {
    const policy = { maxAgeDays: this.config.runs.retentionDays, maxRuns: this.config.runs.retentionMax };
    let runs = 0;
    for (const id of await this.runs.expired(policy, RUNS_PER_PASS)) {
      const deleted = await this.runs.delete(id);
      if (!deleted) continue;
      runs += 1;
      await discardRunJobs(this.producer, deleted).catch((error: unknown) =>
        this.logger.warn({ runId: id, err: error, msg: 'could not remove the jobs of a deleted run' }),
      );
    }
    if (runs > 0) this.logger.log({ runs, msg: 'retention: deleted expired runs' });
    return { runs };
  }
}
