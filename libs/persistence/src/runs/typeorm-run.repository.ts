import type { RouterStart, Scenario } from '@asr-twin/domain';
import { VERDICTS } from '@asr-twin/simulator';
import type { DataSource } from 'typeorm';
import type { Page, PageRequest } from '../read-models.js';
import { isUuid } from '../repositories/pg-errors.js';
import {
  type CauseGroup,
  type FailingExpectation,
  type HistogramBucket,
  type NewRun,
  type OutageMetric,
  type ResultFilter,
  type RouterDiagnosis,
  type RouterResultRecord,
  RUN_STATUSES,
  type RunRecord,
  type RunStatus,
  type RunTarget,
} from './run-models.js';
import { causeGroups, failingExpectations, routerDiagnosis } from './run-diagnosis.sql.js';
import { RunInserter } from './run-insert.sql.js';
import { type DeletedRun, deleteRun } from './run-delete.sql.js';
import { histogram, resultPage } from './run-results.sql.js';
import { countTargets } from './run-targets.sql.js';
import { decodeResultTexts } from './result-chunks.js';
import { type ChunkEntry, decodeTimelineChunk, mergeTimelineChunks } from './timeline-chunks.js';
import { newRunRecord, type RunRow, toRunRecord } from './run-row.mapper.js';
import { type IterationCounts, RunRepository, type StoredResult, type StoredTimelineEntry } from './run.repository.js';

/** An entry as the API presents it: the simulator's fields, in its order. */
const toEntry = (e: ChunkEntry): StoredTimelineEntry => ({ tMs: e.tMs, router: e.router, component: e.component, event: e.event, from: e.from, to: e.to });

export class TypeormRunRepository extends RunRepository {
  private readonly inserter: RunInserter;

  constructor(private readonly ds: DataSource) {
    super();
    this.inserter = new RunInserter(ds);
  }

  countTargets(target: RunTarget, scenario: Scenario): Promise<number> {
    return countTargets(this.ds, target, scenario);
  }

  async create(run: NewRun): Promise<{ run: RunRecord; created: boolean; requestHash: string | null }> {
    const inserted = await this.inserter.insert(run);
    if (inserted) return { run: newRunRecord(run, inserted.id, inserted.createdAt), created: true, requestHash: run.requestHash };
    const existing: RunRow[] = await this.ds.query(`SELECT * FROM runs WHERE idempotency_key = $1`, [run.idempotencyKey]);
    const found = existing[0] as RunRow;
    return { run: toRunRecord(found), created: false, requestHash: found.request_hash };
  }

  async find(id: string): Promise<RunRecord | null> {
    if (!isUuid(id)) return null;
    const rows: RunRow[] = await this.ds.query(`SELECT * FROM runs WHERE id = $1`, [id]);
    return rows[0] ? toRunRecord(rows[0]) : null;
  }

  async list(filter: { status?: readonly RunStatus[] }, page: PageRequest): Promise<Page<RunRecord>> {
    const statuses = filter.status?.length ? [...filter.status] : null;
    const [rows, count]: [RunRow[], { n: string }[]] = await Promise.all([
      this.ds.query<RunRow[]>(`SELECT * FROM runs WHERE ($1::text[] IS NULL OR status = ANY($1)) ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`, [
        statuses,
        page.limit,
        page.offset,
      ]),
      this.ds.query<{ n: string }[]>(`SELECT count(*) AS n FROM runs WHERE ($1::text[] IS NULL OR status = ANY($1))`, [statuses]),
    ]);
    return { items: rows.map(toRunRecord), total: Number(count[0]?.n ?? 0), limit: page.limit, offset: page.offset };
  }

  async cancel(id: string): Promise<RunRecord | null> {
    if (!isUuid(id)) return null;
    await this.ds.query(`UPDATE runs SET status = 'cancelled', finished_at = now() WHERE id = $1 AND status IN ('queued', 'running')`, [id]);
    return this.find(id);
  }

  delete(id: string): Promise<DeletedRun | null> {
    return deleteRun(this.ds, id);
  }

  async routerStart(runId: string, hostname: string): Promise<RouterStart | null> {
    if (!isUuid(runId)) return null;
    const rows: { start: RouterStart | null }[] = await this.ds.query(`SELECT start FROM run_results WHERE run_id = $1 AND iteration = 0 AND hostname = $2`, [
      runId,
      hostname,
    ]);
    return rows[0]?.start ?? null;
  }

  async results(runId: string, iteration: number, afterOrdinal: number, limit: number): Promise<readonly StoredResult[]> {
    const out: StoredResult[] = [];
    if (!isUuid(runId)) return out;
    // Chunks in router order, a few at a time, until the limit: each holds a range of ordinals of the iteration.
    for (let after = afterOrdinal; out.length < limit;) {
      const chunks: { ordinals: number[]; hostnames: string[]; verdicts: StoredResult['verdict'][]; expectations: string[]; results: Buffer }[] =
        await this.ds.query(
          `SELECT ordinals, hostnames, verdicts, expectations::text[] AS expectations, results FROM run_result_chunks
            WHERE run_id = $1 AND iteration = $2 AND last_ordinal > $3 ORDER BY first_ordinal LIMIT 4`,
          [runId, iteration, after],
        );
      if (chunks.length === 0) break;
      for (const c of chunks) {
        const texts = decodeResultTexts(c.results);
        c.ordinals.forEach((ordinal, i) => {
          if (ordinal <= after || out.length >= limit) return;
          out.push({
            iteration,
            ordinal,
            hostname: c.hostnames[i] as string,
            verdict: c.verdicts[i] as StoredResult['verdict'],
            resultJson: texts[i] as string,
            expectationsJson: c.expectations[i] as string,
          });
        });
        after = Math.max(after, c.ordinals[c.ordinals.length - 1] ?? after);
      }
    }
    return out;
  }

  async resultPage(runId: string, filter: ResultFilter, page: PageRequest): Promise<Page<RouterResultRecord>> {
    if (!isUuid(runId)) return { items: [], total: 0, limit: page.limit, offset: page.offset };
    return resultPage(this.ds, runId, filter, page);
  }

  async failingExpectations(runId: string, sampleSize: number, page: PageRequest): Promise<Page<FailingExpectation>> {
    if (!isUuid(runId)) return { items: [], total: 0, limit: page.limit, offset: page.offset };
    return failingExpectations(this.ds, runId, sampleSize, page);
  }

  async causeGroups(runId: string, page: PageRequest): Promise<Page<CauseGroup>> {
    if (!isUuid(runId)) return { items: [], total: 0, limit: page.limit, offset: page.offset };
    return causeGroups(this.ds, runId, page);
  }

  async routerDiagnosis(runId: string, hostname: string): Promise<RouterDiagnosis | null> {
    return isUuid(runId) ? routerDiagnosis(this.ds, runId, hostname) : null;
  }

  async histogram(runId: string, metric: OutageMetric, buckets: number): Promise<readonly HistogramBucket[]> {
    if (!isUuid(runId)) return [];
    return histogram(this.ds, runId, metric, buckets);
  }

  async iterationCounts(runId: string, iteration?: number): Promise<readonly IterationCounts[]> {
    const rows: { iteration: number; routers: string; tests: string; failures: string; errors: string; worst: string }[] = await this.ds.query(
      `SELECT iteration, count(*) AS routers,
                sum(CASE WHEN verdict = 'error' THEN 1 ELSE greatest(json_array_length(expectations), 1) END) AS tests,
                sum(CASE WHEN verdict = 'error' THEN 0 ELSE
                      (SELECT count(*) FROM json_array_elements(expectations) e WHERE e->>'verdict' = 'fail') END) AS failures,
                sum(CASE WHEN verdict = 'error' THEN 1 ELSE
                      (SELECT count(*) FROM json_array_elements(expectations) e WHERE e->>'verdict' = 'error') END) AS errors,
                max(CASE verdict WHEN 'error' THEN 2 WHEN 'fail' THEN 1 ELSE 0 END) AS worst
           FROM run_results WHERE run_id = $1 AND ($2::int IS NULL OR iteration = $2) GROUP BY iteration ORDER BY iteration`,
      [runId, iteration ?? null],
    );
    return rows.map((r) => ({
      iteration: r.iteration,
      routers: Number(r.routers),
      tests: Number(r.tests),
      failures: Number(r.failures),
      errors: Number(r.errors),
      verdict: VERDICTS[Number(r.worst)] ?? 'error',
    }));
  }

  async timeline(runId: string, router: string | null, page: PageRequest): Promise<Page<StoredTimelineEntry>> {
    const empty = { items: [], total: 0, limit: page.limit, offset: page.offset };
    if (!isUuid(runId)) return empty;
    if (router !== null) {
      // The router's chunk: the one whose ordinals span the router's.
      const rows: { data: Buffer; ordinal: number }[] = await this.ds.query(
        `SELECT c.data, r.ordinal FROM run_results r
           JOIN run_timeline_chunks c ON c.run_id = r.run_id AND c.first_ordinal <= r.ordinal AND c.last_ordinal >= r.ordinal
          WHERE r.run_id = $1 AND r.iteration = 0 AND r.hostname = $2`,
        [runId, router],
      );
      const row = rows[0];
      if (!row) return empty;
      const entries = decodeTimelineChunk(row.data).filter((e) => e.ordinal === row.ordinal);
      return { items: entries.slice(page.offset, page.offset + page.limit).map(toEntry), total: entries.length, limit: page.limit, offset: page.offset };
    }
    const [chunks, count] = await Promise.all([
      this.timelineChunks(runId),
      this.ds.query<{ n: string | null }[]>(`SELECT sum(entries) AS n FROM run_timeline_chunks WHERE run_id = $1`, [runId]),
    ]);
    const items: StoredTimelineEntry[] = [];
    let skip = page.offset;
    for await (const batch of mergeTimelineChunks(chunks)) {
      if (skip >= batch.length) {
        skip -= batch.length;
        continue;
      }
      for (const e of batch.slice(skip, skip + page.limit - items.length)) items.push(toEntry(e));
      skip = 0;
      if (items.length >= page.limit) break;
    }
    return { items, total: Number(count[0]?.n ?? 0), limit: page.limit, offset: page.offset };
  }

  async *timelineInOrder(runId: string): AsyncGenerator<readonly StoredTimelineEntry[]> {
    if (!isUuid(runId)) return;
    yield* mergeTimelineChunks(await this.timelineChunks(runId));
  }

  private async timelineChunks(runId: string): Promise<Buffer[]> {
    const rows: { data: Buffer }[] = await this.ds.query(`SELECT data FROM run_timeline_chunks WHERE run_id = $1 ORDER BY first_ordinal`, [runId]);
    return rows.map((r) => r.data);
  }

  async countByStatus(): Promise<Readonly<Record<RunStatus, number>>> {
    const rows: { status: RunStatus; n: string }[] = await this.ds.query(`SELECT status, count(*) AS n FROM runs GROUP BY status`);
    const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }
}
