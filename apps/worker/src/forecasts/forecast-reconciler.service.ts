import { JobProducer } from '@asr-twin/jobs';
import { ForecastExecutionRepository, type ForecastRecord } from '@asr-twin/persistence';
import { Injectable, Logger } from '@nestjs/common';
import { ForecastProgressPublisher } from './forecast-progress.publisher.js';

/** A queued forecast younger than this may still be on its way into Redis (the api enqueues right after commit). */
const QUEUED_GRACE_MS = 5_000;
const BATCH = 200;
const SHARDS_PER_PASS = 1000;

type ForecastJob = 'forecast.plan' | 'forecast.shard' | 'forecast.finalize';

/**
 * Re-enqueues the next job of every forecast PostgreSQL holds as queued or running that Redis no longer has, or
 * fails the forecast when its job failed for good: the audits reconciler's rules, for forecasts.
 */
@Injectable()
export class ForecastReconciler {
  private readonly logger = new Logger('forecast-reconciler');

  constructor(
    private readonly forecasts: ForecastExecutionRepository,
    private readonly producer: JobProducer,
    private readonly progress: ForecastProgressPublisher,
  ) {}

  /** One pass; returns how many jobs it enqueued again. */
  async reconcile(now = Date.now()): Promise<number> {
    let enqueued = 0;
    for (const forecast of await this.forecasts.unfinished(BATCH)) {
      try {
        enqueued += await this.reconcileForecast(forecast, now);
      } catch (error) {
        this.logger.warn({ forecastId: forecast.id, err: error, msg: 'could not reconcile forecast' });
      }
    }
    if (enqueued > 0) this.logger.warn({ enqueued, msg: 'reconciled forecasts: re-enqueued lost jobs' });
    return enqueued;
  }

  private async reconcileForecast(forecast: ForecastRecord, now: number): Promise<number> {
    if (forecast.routerCount === null) {
      if (forecast.status === 'queued' && now - Date.parse(forecast.createdAt) < QUEUED_GRACE_MS) return 0;
      return this.ensure(forecast, 'forecast.plan', { forecastId: forecast.id });
    }
    const pending = await this.forecasts.pendingShards(forecast);
    if (pending.length === 0) return this.ensure(forecast, 'forecast.finalize', { forecastId: forecast.id });
    let enqueued = 0;
    for (const shard of pending.slice(0, SHARDS_PER_PASS)) enqueued += await this.ensure(forecast, 'forecast.shard', { forecastId: forecast.id, shard });
    return enqueued;
  }

  private async ensure<N extends ForecastJob>(
    forecast: ForecastRecord,
    name: N,
    payload: N extends 'forecast.shard' ? { forecastId: string; shard: number } : { forecastId: string },
  ): Promise<number> {
    const state = await this.producer.state(name, payload as never);
    if (state === 'failed') {
      const why = await this.producer.failedReason(name, payload as never);
      await this.forecasts.fail(forecast.id, `${name} failed after every retry: ${why ?? 'no reason recorded; see the worker logs'}`);
      const failed = await this.forecasts.find(forecast.id);
      if (failed) this.progress.publishForecast(failed);
      return 0;
    }
    if (state !== 'missing') return 0;
    await this.producer.enqueue(name, payload as never);
    return 1;
  }
}
