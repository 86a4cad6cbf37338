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
/** Collectors of one scrape share one reading of the dependencies. */
const READING_REUSE_MS = 250;

interface Reading {
  readonly queues: Readonly<Record<QueueName, Readonly<Record<string, number>>>> | null;
  readonly runs: Readonly<Record<RunStatus, number>> | null;
  readonly simulatedEvents: number | null;
}

/**
 * Operations metrics read at scrape time: queue depths per queue and state (BullMQ job counts), runs by status
 * (one SQL statement) and the simulator events processed by scenario runs (a Redis counter the workers add to
 * once per shard; Prometheus computes the rate). A scrape never fails or hangs because Redis or PostgreSQL is
 * down: each is read within {@link SCRAPE_TIME_LIMIT_MS}, and what could not be read is left out (gauges) or
 * kept at its last value (the counter), with `asr_twin_metrics_source_up` saying which source answered.
 */
@Injectable()
export class OperationsMetrics {
  private reading: { readonly at: number; readonly value: Promise<Reading> } | null = null;

  constructor(
    @Inject(Registry) registry: Registry,
    private readonly producer: JobProducer,
    private readonly runs: RunRepository,
    private readonly simulated: SimulationCounter,
  ) {
    const self = this;
    new Gauge({
      name: 'asr_twin_metrics_source_up',
      help: 'Whether this scrape could read the source (redis, postgres) within the time limit (1) or not (0)',
      labelNames: ['source'],
      registers: [registry],
      async collect() {
        const r = await self.read();
        this.set({ source: 'redis' }, r.queues === null ? 0 : 1);
        this.set({ source: 'postgres' }, r.runs === null ? 0 : 1);
      },
    });
    new Gauge({
      name: 'asr_twin_queue_jobs',
      help: 'Jobs in each BullMQ queue by state, at scrape time',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        const r = await self.read();
        this.reset();
        for (const [queue, counts] of Object.entries(r.queues ?? {})) for (const state of QUEUE_STATES) this.set({ queue, state }, counts[state] ?? 0);
      },
    });
    new Gauge({
      name: 'asr_twin_runs',
      help: 'Scenario runs by status, at scrape time',
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        const r = await self.read();
        this.reset();
        for (const status of RUN_STATUSES) if (r.runs) this.set({ status }, r.runs[status]);
      },
    });
    new Counter({
      name: 'asr_twin_simulated_events_total',
      help: 'Simulator events processed by scenario runs, over every worker (rate() gives events per second)',
      registers: [registry],
      async collect() {
        const total = (await self.read()).simulatedEvents;
        if (total === null) return;
        this.reset();
        this.inc(total);
      },
    });
  }

  /** One reading of every source for the collectors of a scrape (they run concurrently). */
  private read(): Promise<Reading> {
    const now = Date.now();
    if (this.reading === null || now - this.reading.at > READING_REUSE_MS) this.reading = { at: now, value: this.readSources() };
    return this.reading.value;
  }

  private async readSources(): Promise<Reading> {
    const redisUp = this.producer.connected;
    const [queues, runs, events] = await Promise.all([
      redisUp ? settleWithin(this.producer.counts(QUEUE_STATES), SCRAPE_TIME_LIMIT_MS) : null,
      settleWithin(this.runs.countByStatus(), SCRAPE_TIME_LIMIT_MS),
      redisUp ? settleWithin(this.simulated.read(), SCRAPE_TIME_LIMIT_MS) : null,
    ]);
    return {
      queues: queues?.ok ? queues.value : null,
      runs: runs.ok ? runs.value : null,
      simulatedEvents: events?.ok ? events.value : null,
    };
  }
}
