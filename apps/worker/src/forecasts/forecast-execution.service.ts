import { JobProducer, SimulationCounter } from '@asr-twin/jobs';
import { ForecastExecutionRepository, type ForecastProgress, type ForecastRecord } from '@asr-twin/persistence';
import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { ForecastProgressPublisher } from './forecast-progress.publisher.js';
import { forecastsOf, reportBytes, reportOf, runForecastShard, summaryOf } from './forecast-work.js';

const FINISHED = new Set(['completed', 'failed', 'cancelled']);
/** Routers read back per query while building a report. */
const REPORT_BATCH = 2_000;

/**
 * The three steps of a forecast, each idempotent like an audit's: plan (freeze the routers' configuration, enqueue
 * the shards), shard (run the trials and write the distributions in one transaction, claimed once), finalize (build
 * the report and its summary from the stored distributions and store them with the completed status).
 */
@Injectable()
export class ForecastExecutionService {
  private readonly logger = new Logger('forecasts');

  constructor(
    private readonly forecasts: ForecastExecutionRepository,
    private readonly producer: JobProducer,
    private readonly progress: ForecastProgressPublisher,
    private readonly simulatedEvents: SimulationCounter,
  ) {}

  async plan(forecastId: string): Promise<void> {
    const started = await this.forecasts.start(forecastId);
    if (!started) throw new UnrecoverableError(`forecast ${forecastId} does not exist`);
    if (FINISHED.has(started.status)) return;
    const count = await this.forecasts.snapshotTargets(started);
    const forecast = (await this.forecasts.find(forecastId)) as ForecastRecord;
    this.progress.publishForecast(forecast);
    if (count === 0) {
      await this.forecasts.fail(forecastId, 'no router matches the forecast selector');
      await this.publishLatest(forecastId);
      return;
    }
    const pending = await this.forecasts.pendingShards(forecast);
    if (pending.length === 0) await this.producer.enqueue('forecast.finalize', { forecastId });
    else
      await this.producer.enqueueMany(
        'forecast.shard',
        pending.map((shard) => ({ forecastId, shard })),
      );
    this.logger.log({ forecastId, routers: count, shards: forecast.shardCount, pending: pending.length, msg: 'forecast planned' });
  }

  async shard(forecastId: string, shard: number): Promise<void> {
    const forecast = await this.forecasts.find(forecastId);
    if (!forecast) throw new UnrecoverableError(`forecast ${forecastId} does not exist`);
    if (FINISHED.has(forecast.status)) return;
    const from = shard * forecast.shardSize;
    const targets = await this.forecasts.targets(forecastId, from, from + forecast.shardSize);
    const started = performance.now();
    const { rows, events } = runForecastShard(forecast, targets);
    this.simulatedEvents.add(events);
    const progress = await this.forecasts.writeShard({ forecastId, shard, routers: targets.length, events, durationMs: performance.now() - started, rows });
    if (progress) await this.afterShard(forecastId, progress);
    else if ((await this.forecasts.pendingShards(forecast)).length === 0) await this.producer.enqueue('forecast.finalize', { forecastId });
  }

  /** Builds the report from the stored distributions (batch by batch) and completes the forecast with it. */
  async finalize(forecastId: string): Promise<void> {
    const forecast = await this.forecasts.find(forecastId);
    if (!forecast || (forecast.status !== 'running' && forecast.status !== 'queued')) return;
    if (!(await this.forecasts.allShardsWritten(forecast))) return;
    const started = performance.now();
    const parts: ReturnType<typeof forecastsOf>[] = [];
    for (let from = 0; from < (forecast.routerCount ?? 0); from += REPORT_BATCH) {
      parts.push(forecastsOf(forecast, await this.forecasts.results(forecast, from, from + REPORT_BATCH)));
    }
    const report = reportOf(forecast, parts);
    const gzip = reportBytes(report);
    const completed = await this.forecasts.complete(forecastId, summaryOf(report), gzip);
    if (completed) this.progress.publishForecast(completed);
    this.logger.log({
      forecastId,
      routers: forecast.routerCount,
      reportBytes: gzip.length,
      ms: Math.round(performance.now() - started),
      msg: 'forecast report built',
    });
  }

  private async afterShard(forecastId: string, p: ForecastProgress): Promise<void> {
    this.progress.publish({ forecastId, status: p.status, routersDone: p.routersDone, routerCount: p.routerCount });
    if (p.routerCount !== null && p.routersDone >= p.routerCount) await this.producer.enqueue('forecast.finalize', { forecastId });
  }

  private async publishLatest(forecastId: string): Promise<void> {
    const forecast = await this.forecasts.find(forecastId);
    if (forecast) this.progress.publishForecast(forecast);
  }
}
