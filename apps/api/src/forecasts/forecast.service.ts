import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { NotFoundError, PreconditionFailedError, type RouterSelector } from '@asr-twin/domain';
import { JobProducer } from '@asr-twin/jobs';
import { type ForecastRecord, ForecastRepository, type ForecastStatus, type Page, type PageRequest } from '@asr-twin/persistence';
import { Injectable, Logger } from '@nestjs/common';
import { withRedisWait } from '../common/campaign-waiting.js';
import { ENQUEUE_TIME_LIMIT_MS, settleWithin } from '../common/time-box.js';
import { type CreateForecastRequest, DEFAULT_FORECAST_PERIOD_MS, DEFAULT_FORECAST_TRIALS } from './forecast.schemas.js';

/** Forecast seed of a request that names none. */
const DEFAULT_FORECAST_SEED = 1;
/**
 * Trials (router × configuration) per shard when the request names no shard size: about 50,000 trials take a few
 * seconds on one core, so a shard is short enough to redo after a crash and a fleet spreads over the workers.
 */
const TRIALS_PER_SHARD = 50_000;

/** Routers per shard for `trials` trials per router, with or without a what-if (which doubles the work). */
export function forecastShardSize(trials: number, withWhatIf: boolean): number {
  return Math.min(5_000, Math.max(1, Math.ceil(TRIALS_PER_SHARD / (trials * (withWhatIf ? 2 : 1)))));
}

@Injectable()
export class ForecastService {
  private readonly logger = new Logger('forecasts');

  constructor(
    private readonly forecasts: ForecastRepository,
    private readonly producer: JobProducer,
  ) {}

  /** Commits the forecast (queued), then enqueues its plan job; if Redis is down the reconciler enqueues it later. */
  async create(request: CreateForecastRequest, actor: string): Promise<ForecastRecord> {
    const trials = request.trials ?? DEFAULT_FORECAST_TRIALS;
    const whatIf = request.whatIf ?? null;
    const forecast = await this.forecasts.create({
      selector: selectorOf(request.selector),
      periodMs: request.period ?? DEFAULT_FORECAST_PERIOD_MS,
      trials,
      seed: request.seed ?? DEFAULT_FORECAST_SEED,
      rates: request.rates ?? {},
      whatIf,
      shardSize: request.shardSize ?? forecastShardSize(trials, whatIf !== null),
      createdBy: actor,
    });
    const outcome = this.producer.connected
      ? await settleWithin(this.producer.enqueue('forecast.plan', { forecastId: forecast.id }), ENQUEUE_TIME_LIMIT_MS)
      : { ok: false as const, error: new Error('Redis is not connected') };
    if (!outcome.ok) this.logger.warn({ forecastId: forecast.id, err: outcome.error, msg: 'could not enqueue the forecast; the reconciler will' });
    return forecast;
  }

  async get(id: string): Promise<ForecastRecord> {
    const forecast = await this.forecasts.find(id);
    if (!forecast) throw new NotFoundError('forecast', id);
    return withRedisWait(forecast, this.producer.unavailableSince);
  }

  async list(status: readonly ForecastStatus[] | undefined, page: PageRequest): Promise<Page<ForecastRecord>> {
    const found = await this.forecasts.list(status ? { status } : {}, page);
    const lostAt = this.producer.unavailableSince;
    return lostAt === null ? found : { ...found, items: found.items.map((item) => withRedisWait(item, lostAt)) };
  }

  /** Cancels a queued or running forecast: shards still queued are dropped by the worker without running. */
  async cancel(id: string): Promise<ForecastRecord> {
    const before = await this.get(id);
    const forecast = (await this.forecasts.cancel(before.id)) as ForecastRecord;
    if (forecast.status === 'cancelled' && before.status !== 'cancelled' && this.producer.connected) {
      await settleWithin(this.producer.remove('forecast.plan', { forecastId: forecast.id }), ENQUEUE_TIME_LIMIT_MS);
    }
    return forecast;
  }

  /** Deletes a forecast with its routers and results; a queued or running one is cancelled first. */
  async delete(id: string): Promise<void> {
    const before = await this.get(id);
    if (before.status === 'queued' || before.status === 'running') await this.cancel(before.id);
    if (!(await this.forecasts.delete(before.id))) throw new NotFoundError('forecast', id);
  }

  /**
   * The stored report of a completed forecast, gzip-compressed as the worker stored it: `gzip` for clients that
   * take it as is, `text` as a stream of decompressed text for the others.
   */
  async report(id: string): Promise<{ readonly gzip: Buffer; text(): AsyncIterable<string> }> {
    const forecast = await this.get(id);
    if (forecast.status !== 'completed') {
      throw new PreconditionFailedError(`forecast ${id} is ${forecast.status}: its report exists once it has completed`);
    }
    const gzip = await this.forecasts.report(forecast.id);
    if (!gzip) throw new NotFoundError('forecast report', id);
    return {
      gzip,
      text: () => Readable.from([gzip]).pipe(createGunzip()).setEncoding('utf8') as AsyncIterable<string>,
    };
  }
}

function selectorOf(s: CreateForecastRequest['selector']): RouterSelector {
  return {
    ...(s.fleet === undefined ? {} : { fleet: s.fleet }),
    ...(s.model === undefined ? {} : { model: s.model }),
    ...(s.labels === undefined ? {} : { labels: s.labels }),
    ...(s.hostnames === undefined ? {} : { hostnames: s.hostnames }),
  };
}
