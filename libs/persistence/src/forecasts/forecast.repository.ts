import type { Page, PageRequest } from '../read-models.js';
import type { ForecastProgress, ForecastRecord, ForecastResultRow, ForecastStatus, ForecastSummary, ForecastTarget, NewForecast } from './forecast-models.js';

/** Port for forecasts as the api sees them. */
export abstract class ForecastRepository {
  /** Inserts a queued forecast. */
  abstract create(forecast: NewForecast): Promise<ForecastRecord>;
  abstract find(id: string): Promise<ForecastRecord | null>;
  /** Newest first. */
  abstract list(filter: { readonly status?: readonly ForecastStatus[] }, page: PageRequest): Promise<Page<ForecastRecord>>;
  /** Cancels a queued or running forecast; returns it as it is afterwards (unchanged if it had finished). */
  abstract cancel(id: string): Promise<ForecastRecord | null>;
  /** Deletes a forecast with its targets and results; false when there was none. */
  abstract delete(id: string): Promise<boolean>;
  /** The stored report of a completed forecast, gzip-compressed JSON; null when there is none. */
  abstract report(id: string): Promise<Buffer | null>;
}

export interface ForecastShardWrite {
  readonly forecastId: string;
  readonly shard: number;
  readonly routers: number;
  readonly events: number;
  readonly durationMs: number;
  readonly rows: readonly ForecastResultRow[];
}

/** Port for the worker's side of a forecast: plan, write shards, build the report, finish. */
export abstract class ForecastExecutionRepository {
  abstract find(id: string): Promise<ForecastRecord | null>;
  /** Moves a queued forecast to running; returns it as it is afterwards. */
  abstract start(id: string): Promise<ForecastRecord | null>;
  /** Freezes the forecast's routers with their stored configuration (once) and records router and shard counts. */
  abstract snapshotTargets(forecast: ForecastRecord): Promise<number>;
  /** Targets with ordinals in [from, to), in order. */
  abstract targets(forecastId: string, fromOrdinal: number, toOrdinal: number): Promise<readonly ForecastTarget[]>;
  /** Shards with nothing written yet. */
  abstract pendingShards(forecast: ForecastRecord): Promise<readonly number[]>;
  /** Writes a shard's rows and progress in one transaction; a shard already written (or a closed forecast) writes nothing: `null`. */
  abstract writeShard(write: ForecastShardWrite): Promise<ForecastProgress | null>;
  /** Result rows of ordinals in [from, to), by ordinal then variant, with their targets' routers. */
  abstract results(
    forecast: ForecastRecord,
    fromOrdinal: number,
    toOrdinal: number,
  ): Promise<readonly (ForecastResultRow & { readonly router: ForecastTarget['router'] })[]>;
  /** True when every shard of a planned forecast is written. */
  abstract allShardsWritten(forecast: ForecastRecord): Promise<boolean>;
  /** Completes a queued or running forecast with its summary and gzip-compressed report; returns it afterwards. */
  abstract complete(forecastId: string, summary: ForecastSummary, reportGzip: Buffer): Promise<ForecastRecord | null>;
  abstract fail(forecastId: string, error: string): Promise<void>;
  abstract markWaiting(forecastId: string, reason: string): Promise<void>;
  abstract clearWaiting(forecastId: string): Promise<void>;
  /** Forecasts PostgreSQL holds as queued or running, oldest first. */
  abstract unfinished(limit: number): Promise<readonly ForecastRecord[]>;
}
