import type { Worker } from 'bullmq';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/**
 * The worker process's Prometheus registry (served at `/metrics` on `WORKER_HTTP_PORT`): Node.js and process
 * metrics, the jobs this process finished by queue and outcome, the jobs it holds now, and whether it is shutting
 * down. One registry per process, not prom-client's global one.
 */
export class WorkerMetrics {
  readonly registry = new Registry();
  private readonly jobs: Counter<'queue' | 'outcome'>;
  private readonly active: Gauge<'queue'>;
  private readonly shuttingDown: Gauge;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.jobs = new Counter({
      name: 'asr_twin_worker_jobs_total',
      help: 'Jobs this worker process finished, by queue and outcome (completed, failed)',
      labelNames: ['queue', 'outcome'],
      registers: [this.registry],
    });
    this.active = new Gauge({
      name: 'asr_twin_worker_jobs_active',
      help: 'Jobs this worker process holds now, by queue',
      labelNames: ['queue'],
      registers: [this.registry],
    });
    this.shuttingDown = new Gauge({
      name: 'asr_twin_worker_shutting_down',
      help: '1 once the worker received SIGTERM and stopped taking jobs',
      registers: [this.registry],
    });
    this.shuttingDown.set(0);
  }

  /** Counts the jobs of one BullMQ worker of this process. */
  observe(worker: Worker, queue: string): void {
    this.jobs.inc({ queue, outcome: 'completed' }, 0);
    this.jobs.inc({ queue, outcome: 'failed' }, 0);
    this.active.set({ queue }, 0);
    // By job id: a job failed by another worker's stall check was never held here.
    const held = new Set<string>();
    const release = (id: string | undefined): void => {
      if (id !== undefined && held.delete(id)) this.active.dec({ queue });
    };
    worker.on('active', (job) => {
      if (job.id !== undefined) held.add(job.id);
      this.active.set({ queue }, held.size);
    });
    worker.on('completed', (job) => {
      release(job.id);
      this.jobs.inc({ queue, outcome: 'completed' });
    });
    worker.on('failed', (job) => {
      release(job?.id);
      this.jobs.inc({ queue, outcome: 'failed' });
    });
  }

  markShuttingDown(): void {
    this.shuttingDown.set(1);
  }
}
