import { JobProducer, type QueueName, SimulationCounter } from '@asr-twin/jobs';
import { RunRepository, RUN_STATUSES, type RunStatus } from '@asr-twin/persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { JobType } from 'bullmq';
import { Counter, Gauge, Registry } from 'prom-client';
import { settleWithin } from '../common/time-box.js';

/** Job states reported per queue (BullMQ's names). Completed jobs are removed at once, so that one stays near 0. */
export const QUEUE_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'waiting-children', 'failed', 'completed'] as const satisfies readonly JobType[];

/** How long a scrape waits for Redis or PostgreSQL before it reports what it has. */
export const SCRAPE_TIME_LIMIT_MS = 1000;

interface Reading {
  readonly queues: Readonly<Record<QueueName, Readonly<Record<string, number>>>> | null;
  readonly runs: Readonly<Record<RunStatus, number>> | null;
  readonly simulatedEvents: number | null;
}

type ReadingOf = () => Reading;

function sourceUpGauge(registry: Registry, read: ReadingOf): void {
  new Gauge({
    name: 'asr_twin_metrics_source_up',
    help: 'Whether this scrape could read the source (redis, postgres) within the time limit (1) or not (0)',
    labelNames: ['source'],
    registers: [registry],
    collect() {
      this.set({ source: 'redis' }, read().queues === null ? 0 : 1);
      this.set({ source: 'postgres' }, read().runs === null ? 0 : 1);
    },
  });
}

function queueJobsGauge(registry: Registry, read: ReadingOf): void {
  new Gauge({
    name: 'asr_twin_queue_jobs',
    help: 'Jobs in each BullMQ queue by state, at scrape time',
    labelNames: ['queue', 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [queue, counts] of Object.entries(read().queues ?? {})) {
        for (const state of QUEUE_STATES) this.set({ queue, state }, counts[state] ?? 0);
      }
    },
  });
}

function runsGauge(registry: Registry, read: ReadingOf): void {
  new Gauge({
    name: 'asr_twin_runs',
    help: 'Scenario runs by status, at scrape time',
    labelNames: ['status'],
    registers: [registry],
    collect() {
      this.reset();
      const runs = read().runs;
      if (runs) for (const status of RUN_STATUSES) this.set({ status }, runs[status]);
    },
  });
}

/** A counter whose total lives in Redis: it shows the last total read, also while Redis cannot be read. */
function simulatedEventsCounter(registry: Registry, read: ReadingOf): void {
  let lastTotal = 0;
  new Counter({
    name: 'asr_twin_simulated_events_total',
    help: 'Simulator events processed by scenario runs, over every worker (rate() gives events per second)',
    registers: [registry],
    collect() {
      lastTotal = read().simulatedEvents ?? lastTotal;
      this.reset();
      this.inc(lastTotal);
    },
  });
}

/**
 * Operations metrics read at scrape time: queue depths per queue and state (BullMQ job counts), runs by status
 * (one SQL statement) and the simulator events processed by scenario runs (a Redis counter the workers add to
 * once per shard; Prometheus computes the rate). The `/metrics` route calls {@link refresh} before it
 * serialises the registry. A scrape never fails or hangs because Redis or PostgreSQL is down: each is read
 * within {@link SCRAPE_TIME_LIMIT_MS}, and what could not be read is left out (gauges) or kept at its last value
 * (the counter), with `asr_twin_metrics_source_up` saying which source answered.
 */
@Injectable()
export class OperationsMetrics {
  private latest: Reading = { queues: null, runs: null, simulatedEvents: null };

  constructor(
    @Inject(Registry) registry: Registry,
    private readonly producer: JobProducer,
    private readonly runs: RunRepository,
    private readonly simulated: SimulationCounter,
  ) {
    const read = () => this.latest;
    sourceUpGauge(registry, read);
    queueJobsGauge(registry, read);
    runsGauge(registry, read);
    simulatedEventsCounter(registry, read);
  }

  /** Reads every source (concurrently, each within the time limit) for the scrape about to be serialised. */
  async refresh(): Promise<void> {
    const redisUp = this.producer.connected;
    const [queues, runs, events] = await Promise.all([
      redisUp ? settleWithin(this.producer.counts(QUEUE_STATES), SCRAPE_TIME_LIMIT_MS) : null,
      settleWithin(this.runs.countByStatus(), SCRAPE_TIME_LIMIT_MS),
      redisUp ? settleWithin(this.simulated.read(), SCRAPE_TIME_LIMIT_MS) : null,
    ]);
    this.latest = {
      queues: queues?.ok ? queues.value : null,
      runs: runs.ok ? runs.value : null,
      simulatedEvents: events?.ok ? events.value : null,
    };
  }
}
