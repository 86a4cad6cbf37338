import type { AppConfig } from '@asr-twin/config';
import { JobProducer, parsePayload, QUEUE_NAMES, RepeatedErrorLog } from '@asr-twin/jobs';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { RouterActionReconciler } from '../actions/router-action-reconciler.service.js';
import { AuditReconciler } from '../audits/audit-reconciler.service.js';
import { ForecastReconciler } from '../forecasts/forecast-reconciler.service.js';
import { ReconcilerService } from '../runs/reconciler.service.js';
import { RetentionService } from '../runs/retention.service.js';
import { WorkerMetrics } from '../http/worker-metrics.js';
import { WORKER_CONFIG } from '../worker-config.js';
import { type BullWorker, startBullWorker, WORKER_ERROR_LOG_INTERVAL_MS } from './bull-worker.js';

const SCHEDULER_ID = 'reconcile-runs';

/**
 * Runs the reconcilers (runs, router actions, audits, then forecasts) and then the run retention from a BullMQ job scheduler (one pass per interval across all workers). Each worker
 * re-declares the scheduler on the same interval, so that it comes back after Redis lost it (restart, FLUSHALL).
 */
@Injectable()
export class MaintenanceProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('maintenance');
  private running: BullWorker | null = null;
  private readonly schedulerErrors = new RepeatedErrorLog(
    (source, text, repeated) => this.logger.warn({ msg: `${source}: ${text}; will retry`, ...(repeated > 0 ? { repeated } : {}) }),
    WORKER_ERROR_LOG_INTERVAL_MS,
  );
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly reconciler: ReconcilerService,
    private readonly actionReconciler: RouterActionReconciler,
    private readonly auditReconciler: AuditReconciler,
    private readonly forecastReconciler: ForecastReconciler,
    private readonly retention: RetentionService,
    private readonly producer: JobProducer,
    @Inject(WORKER_CONFIG) private readonly config: AppConfig,
    private readonly metrics: WorkerMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.running = startBullWorker(QUEUE_NAMES.maintenance, (job) => this.process(job), this.config, this.logger, { concurrency: 1 });
    this.metrics.observe(this.running.worker, QUEUE_NAMES.maintenance);
    void this.declareScheduler();
    this.timer = setInterval(() => void this.declareScheduler(), this.config.runs.reconcileIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.close();
  }

  private async declareScheduler(): Promise<void> {
    try {
      await this.producer
        .queue(QUEUE_NAMES.maintenance)
        .upsertJobScheduler(
          SCHEDULER_ID,
          { every: this.config.runs.reconcileIntervalMs },
          { name: 'maintenance.reconcile', data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
        );
    } catch (error) {
      this.schedulerErrors.report('could not declare the reconcile scheduler', error);
    }
  }

  private async process(job: Job): Promise<void> {
    if (job.name !== 'maintenance.reconcile' || parsePayload('maintenance.reconcile', job.data) === null) {
      throw new UnrecoverableError(`unknown job ${job.name} on the maintenance queue`);
    }
    await this.reconciler.reconcile();
    await this.actionReconciler.reconcile();
    await this.auditReconciler.reconcile();
    await this.forecastReconciler.reconcile();
    await this.retention.apply();
  }
}
