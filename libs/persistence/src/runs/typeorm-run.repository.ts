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
import { newRunRecord, type RunRow, toRunRecord } from './run-row.mapper.js';
import { type IterationCounts, RunRepository, type StoredResult, type StoredTimelineEntry } from './run.repository.js';

interface TimelineRow {
  t_ms: string;
  hostname: string;
  component: string;
  event: string;
  from_state: string | null;
  to_state: string | null;
  ordinal: number;
  seq: number;
}

const toEntry = (r: TimelineRow): StoredTimelineEntry => ({
  tMs: Number(r.t_ms),
  router: r.hostname,
  component: r.component,
  event: r.event,
  from: r.from_state,
  to: r.to_state,
});

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
    const rows: { start: RouterStart | null }[] = await this.ds.query(
      `SELECT result -> 'start' AS start FROM run_results WHERE run_id = $1 AND iteration = 0 AND hostname = $2`,
      [runId, hostname],
    );
    return rows[0]?.start ?? null;
  }

  async results(runId: string, iteration: number, afterOrdinal: number, limit: number): Promise<readonly StoredResult[]> {
    const rows: { ordinal: number; hostname: string; verdict: StoredResult['verdict']; result: string; expectations: string }[] = await this.ds.query(
      `SELECT ordinal, hostname, verdict, result::text AS result, expectations::text AS expectations
           FROM run_results WHERE run_id = $1 AND iteration = $2 AND ordinal > $3 ORDER BY ordinal LIMIT $4`,
      [runId, iteration, afterOrdinal, limit],
    );
    return rows.map((r) => ({
      iteration,
      ordinal: r.ordinal,
      hostname: r.hostname,
      verdict: r.verdict,
      resultJson: r.result,
      expectationsJson: r.expectations,
    }));
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
    const where = `run_id = $1 AND iteration = 0 AND ($2::text IS NULL OR hostname = $2)`;
    const [rows, count]: [TimelineRow[], { n: string }[]] = await Promise.all([
      this.ds.query<TimelineRow[]>(`SELECT * FROM run_timeline WHERE ${where} ORDER BY t_ms, ordinal, seq LIMIT $3 OFFSET $4`, [
        runId,
        router,
        page.limit,
        page.offset,
      ]),
      this.ds.query<{ n: string }[]>(`SELECT count(*) AS n FROM run_timeline WHERE ${where}`, [runId, router]),
    ]);
    return { items: rows.map(toEntry), total: Number(count[0]?.n ?? 0), limit: page.limit, offset: page.offset };
  }

  async timelineAfter(
    runId: string,
    after: { tMs: number; ordinal: number; seq: number } | null,
    limit: number,
  ): Promise<readonly (StoredTimelineEntry & { ordinal: number; seq: number })[]> {
    const rows: TimelineRow[] = await this.ds.query(
      `SELECT * FROM run_timeline
        WHERE run_id = $1 AND iteration = 0 AND ($2::bigint IS NULL OR (t_ms, ordinal, seq) > ($2, $3, $4))
        ORDER BY t_ms, ordinal, seq LIMIT $5`,
      [runId, after?.tMs ?? null, after?.ordinal ?? 0, after?.seq ?? 0, limit],
    );
    return rows.map((r) => ({ ...toEntry(r), ordinal: r.ordinal, seq: r.seq }));
  }

  async countByStatus(): Promise<Readonly<Record<RunStatus, number>>> {
    const rows: { status: RunStatus; n: string }[] = await this.ds.query(`SELECT status, count(*) AS n FROM runs GROUP BY status`);
    const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }
}
