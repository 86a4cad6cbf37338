import { randomUUID } from 'node:crypto';
import type { ForecastRouter } from '@asr-twin/forecast';
import type { DataSource } from 'typeorm';
import type { Page, PageRequest } from '../read-models.js';
import { isUuid } from '../repositories/pg-errors.js';
import {
  advanceOpenCampaign,
  claimShard,
  clearWaiting,
  failCampaign,
  FORECAST_TABLES,
  markStarted,
  markWaiting,
  pendingShards,
  shardsWritten,
  snapshotOnce,
  writeOpenShard,
} from '../runs/campaign.sql.js';
import { copyRows } from '../runs/copy-rows.js';
import { updateReturning } from '../runs/update-returning.js';
import type { ForecastProgress, ForecastRecord, ForecastResultRow, ForecastStatus, ForecastSummary, ForecastTarget, NewForecast } from './forecast-models.js';
import { FORECAST_COLUMNS, type ForecastRow, toForecastRecord } from './forecast-row.mapper.js';
import { encodeStats, recordOf } from './forecast-stats.codec.js';
import { ForecastExecutionRepository, ForecastRepository, type ForecastShardWrite } from './forecast.repository.js';

async function findForecast(ds: Pick<DataSource, 'query'>, id: string): Promise<ForecastRecord | null> {
  if (!isUuid(id)) return null;
  const rows: ForecastRow[] = await ds.query(`SELECT ${FORECAST_COLUMNS} FROM forecasts WHERE id = $1`, [id]);
  return rows[0] ? toForecastRecord(rows[0]) : null;
}

export class TypeormForecastRepository extends ForecastRepository {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async create(f: NewForecast): Promise<ForecastRecord> {
    const rows: ForecastRow[] = await this.ds.query(
      `INSERT INTO forecasts (id, selector, period_ms, trials, seed, rates, what_if, status, shard_size, created_by)
       VALUES ($1, $2::jsonb, $3, $4, $5, $6::jsonb, $7::jsonb, 'queued', $8, $9) RETURNING ${FORECAST_COLUMNS}`,
      [
        randomUUID(),
        JSON.stringify(f.selector),
        f.periodMs,
        f.trials,
        f.seed,
        JSON.stringify(f.rates),
        f.whatIf === null ? null : JSON.stringify(f.whatIf),
        f.shardSize,
        f.createdBy,
      ],
    );
    return toForecastRecord(rows[0] as ForecastRow);
  }

  find(id: string): Promise<ForecastRecord | null> {
    return findForecast(this.ds, id);
  }

  async list(filter: { status?: readonly ForecastStatus[] }, page: PageRequest): Promise<Page<ForecastRecord>> {
    const statuses = filter.status?.length ? [...filter.status] : null;
    const [rows, count] = await Promise.all([
      this.ds.query<ForecastRow[]>(
        `SELECT ${FORECAST_COLUMNS} FROM forecasts WHERE ($1::text[] IS NULL OR status = ANY($1)) ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
        [statuses, page.limit, page.offset],
      ),
      this.ds.query<{ n: string }[]>(`SELECT count(*) AS n FROM forecasts WHERE ($1::text[] IS NULL OR status = ANY($1))`, [statuses]),
    ]);
    return { items: rows.map(toForecastRecord), total: Number(count[0]?.n ?? 0), limit: page.limit, offset: page.offset };
  }

  async cancel(id: string): Promise<ForecastRecord | null> {
    if (!isUuid(id)) return null;
    await updateReturning(
      this.ds,
      `UPDATE forecasts SET status = 'cancelled', finished_at = now() WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
      [id],
    );
    return this.find(id);
  }

  async delete(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows = await updateReturning(this.ds, `DELETE FROM forecasts WHERE id = $1 RETURNING id`, [id]);
    return rows.length > 0;
  }

  async report(id: string): Promise<Buffer | null> {
    if (!isUuid(id)) return null;
    const rows: { report: Buffer | null }[] = await this.ds.query(`SELECT report FROM forecasts WHERE id = $1`, [id]);
    return rows[0]?.report ?? null;
  }
}

const RESULT_COLUMNS = ['forecast_id', 'ordinal', 'variant', 'stats', 'simulations', 'quiet', 'events', 'errors', 'first_error'] as const;

export class TypeormForecastExecutionRepository extends ForecastExecutionRepository {
  constructor(private readonly ds: DataSource) {
    super();
  }

  find(id: string): Promise<ForecastRecord | null> {
    return findForecast(this.ds, id);
  }

  async start(id: string): Promise<ForecastRecord | null> {
    await markStarted(this.ds, FORECAST_TABLES, id);
    return this.find(id);
  }

  /**
   * Freezes the routers chosen by the selector, numbered from 0 in hostname order, each as the forecast's router:
   * model, redundancy mode, release, hardware (as stored; absent: the model's default population) and labels.
   */
  snapshotTargets(forecast: ForecastRecord): Promise<number> {
    const s = forecast.selector;
    const fleetById = s.fleet !== undefined && isUuid(s.fleet);
    return snapshotOnce(this.ds, FORECAST_TABLES, forecast.id, async (m) => {
      await m.query(
        `INSERT INTO forecast_targets (forecast_id, ordinal, router_id, hostname, router)
         SELECT $1, (row_number() OVER (ORDER BY r.hostname))::int - 1, r.id, r.hostname,
                jsonb_strip_nulls(jsonb_build_object('hostname', r.hostname, 'model', r.model, 'redundancy', r.redundancy_mode,
                  'version', r.software_version, 'hardware', r.hardware,
                  'labels', CASE WHEN r.labels = '{}'::jsonb THEN NULL ELSE r.labels END))
           FROM routers r
          WHERE ($2::text IS NULL OR r.fleet_id = (SELECT id FROM fleets WHERE ${fleetById ? 'id = $2::uuid' : 'name = $2'}))
            AND ($3::text IS NULL OR r.model = $3)
            AND ($4::jsonb IS NULL OR r.labels @> $4::jsonb)
            AND ($5::text[] IS NULL OR r.hostname = ANY($5::text[]))`,
        [forecast.id, s.fleet ?? null, s.model ?? null, s.labels ? JSON.stringify(s.labels) : null, s.hostnames ? [...s.hostnames] : null],
      );
      const rows: { n: string }[] = await m.query(`SELECT count(*) AS n FROM forecast_targets WHERE forecast_id = $1`, [forecast.id]);
      return Number(rows[0]?.n ?? 0);
    });
  }

  async targets(forecastId: string, from: number, to: number): Promise<readonly ForecastTarget[]> {
    const rows: { ordinal: number; router: ForecastRouter }[] = await this.ds.query(
      `SELECT ordinal, router FROM forecast_targets WHERE forecast_id = $1 AND ordinal >= $2 AND ordinal < $3 ORDER BY ordinal`,
      [forecastId, from, to],
    );
    return rows;
  }

  pendingShards(forecast: ForecastRecord): Promise<readonly number[]> {
    return pendingShards(this.ds, FORECAST_TABLES, forecast.id, forecast.shardCount);
  }

  /** Claims the shard in `forecast_shards` first: a second write of the same shard finds the claim and writes nothing. */
  writeShard(write: ForecastShardWrite): Promise<ForecastProgress | null> {
    return writeOpenShard(this.ds, async (m) => {
      const claim = { id: write.forecastId, shard: write.shard, routers: write.routers, events: write.events, durationMs: write.durationMs };
      if (!(await claimShard(m, FORECAST_TABLES, claim))) return null;
      await copyRows(m, 'forecast_results', RESULT_COLUMNS, write.rows, (row) => [
        write.forecastId,
        row.ordinal,
        row.variant,
        `\\x${encodeStats(row.record).toString('hex')}`,
        row.record.simulations,
        row.record.quiet,
        row.record.events,
        row.record.errors,
        row.record.firstError,
      ]);
      const r = await advanceOpenCampaign<{ status: ForecastStatus; routers_done: number; router_count: number | null }>(
        m,
        FORECAST_TABLES,
        write.forecastId,
        'routers_done = routers_done + $2',
        'status, routers_done, router_count',
        [write.routers],
      );
      return { status: r.status, routersDone: r.routers_done, routerCount: r.router_count };
    });
  }

  async results(forecast: ForecastRecord, from: number, to: number): Promise<readonly (ForecastResultRow & { readonly router: ForecastRouter })[]> {
    const rows: {
      ordinal: number;
      variant: number;
      router: ForecastRouter;
      stats: Buffer;
      simulations: number;
      quiet: number;
      events: string;
      errors: number;
      first_error: string | null;
    }[] = await this.ds.query(
      `SELECT r.ordinal, r.variant, t.router, r.stats, r.simulations, r.quiet, r.events, r.errors, r.first_error
           FROM forecast_results r JOIN forecast_targets t ON t.forecast_id = r.forecast_id AND t.ordinal = r.ordinal
          WHERE r.forecast_id = $1 AND r.ordinal >= $2 AND r.ordinal < $3 ORDER BY r.ordinal, r.variant`,
      [forecast.id, from, to],
    );
    return rows.map((r) => ({ ordinal: r.ordinal, variant: r.variant === 1 ? 1 : 0, router: r.router, record: recordOf(r.router, forecast.trials, r) }));
  }

  async allShardsWritten(forecast: ForecastRecord): Promise<boolean> {
    if (forecast.shardCount === null) return false;
    return (await shardsWritten(this.ds.manager, FORECAST_TABLES, forecast.id)) >= forecast.shardCount;
  }

  async complete(forecastId: string, summary: ForecastSummary, reportGzip: Buffer): Promise<ForecastRecord | null> {
    await updateReturning(
      this.ds,
      `UPDATE forecasts SET status = 'completed', summary = $2::jsonb, report = $3, finished_at = now()
        WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
      [forecastId, JSON.stringify(summary), reportGzip],
    );
    return this.find(forecastId);
  }

  fail(forecastId: string, error: string): Promise<void> {
    return failCampaign(this.ds, FORECAST_TABLES, forecastId, error);
  }

  markWaiting(forecastId: string, reason: string): Promise<void> {
    return markWaiting(this.ds, FORECAST_TABLES, forecastId, reason);
  }

  clearWaiting(forecastId: string): Promise<void> {
    return clearWaiting(this.ds, FORECAST_TABLES, forecastId);
  }

  async unfinished(limit: number): Promise<readonly ForecastRecord[]> {
    const rows = await this.ds.query<ForecastRow[]>(
      `SELECT ${FORECAST_COLUMNS} FROM forecasts WHERE status IN ('queued', 'running') ORDER BY created_at LIMIT $1`,
      [limit],
    );
    return rows.map(toForecastRecord);
  }
}
