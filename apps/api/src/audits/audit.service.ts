import { withRedisWait } from '../common/campaign-waiting.js';
import {
  auditCellsOf,
  DEFAULT_AUDIT_FAULTS,
  DEFAULT_AUDIT_HORIZON_MS,
  DEFAULT_AUDIT_THRESHOLDS,
  NotFoundError,
  PreconditionFailedError,
  type RouterSelector,
} from '@asr-twin/domain';
import { JobProducer } from '@asr-twin/jobs';
import { type AuditMatrixRow, type AuditRecord, AuditRepository, type AuditStatus, type Page, type PageRequest } from '@asr-twin/persistence';
import { Injectable, Logger } from '@nestjs/common';
import { ENQUEUE_TIME_LIMIT_MS, settleWithin } from '../common/time-box.js';
import { auditJunitChunks, auditReportChunks } from './audit-report.stream.js';
import type { CreateAuditRequest } from './audit.schemas.js';

/** Routers per audit shard when the request names none: each router is one simulation per cell (≈ 16). */
export const AUDIT_SHARD_SIZE = 250;
/** Run seed of an audit that names none. */
const DEFAULT_AUDIT_SEED = 1;

@Injectable()
export class AuditService {
  private readonly logger = new Logger('audits');

  constructor(
    private readonly audits: AuditRepository,
    private readonly producer: JobProducer,
  ) {}

  /**
   * Commits the audit (status `queued`), then enqueues its plan job; if Redis is down the audit stays queued
   * and the worker's reconciler enqueues it later.
   */
  async create(request: CreateAuditRequest, actor: string): Promise<AuditRecord> {
    const faults = request.faults ?? DEFAULT_AUDIT_FAULTS;
    const audit = await this.audits.create({
      selector: selectorOf(request.selector),
      faults,
      cells: auditCellsOf(faults).map((c) => c.key),
      thresholds: { ...DEFAULT_AUDIT_THRESHOLDS, ...request.thresholds },
      horizonMs: request.horizon ?? DEFAULT_AUDIT_HORIZON_MS,
      seed: request.seed ?? DEFAULT_AUDIT_SEED,
      shardSize: request.shardSize ?? AUDIT_SHARD_SIZE,
      createdBy: actor,
    });
    const outcome = this.producer.connected
      ? await settleWithin(this.producer.enqueue('audit.plan', { auditId: audit.id }), ENQUEUE_TIME_LIMIT_MS)
      : { ok: false as const, error: new Error('Redis is not connected') };
    if (!outcome.ok) this.logger.warn({ auditId: audit.id, err: outcome.error, msg: 'could not enqueue the audit; the reconciler will' });
    return audit;
  }

  async get(id: string): Promise<AuditRecord> {
    const audit = await this.audits.find(id);
    if (!audit) throw new NotFoundError('audit', id);
    return withRedisWait(audit, this.producer.unavailableSince);
  }

  async list(status: readonly AuditStatus[] | undefined, page: PageRequest): Promise<Page<AuditRecord>> {
    const found = await this.audits.list(status ? { status } : {}, page);
    const lostAt = this.producer.unavailableSince;
    return lostAt === null ? found : { ...found, items: found.items.map((item) => withRedisWait(item, lostAt)) };
  }

  /** Cancels a queued or running audit: shards still queued are dropped by the worker without simulating. */
  async cancel(id: string): Promise<AuditRecord> {
    const before = await this.get(id);
    const audit = (await this.audits.cancel(before.id)) as AuditRecord;
    if (audit.status === 'cancelled' && before.status !== 'cancelled' && this.producer.connected) {
      await settleWithin(this.producer.remove('audit.plan', { auditId: audit.id }), ENQUEUE_TIME_LIMIT_MS);
    }
    return audit;
  }

  /** A page of the matrix (rows as far as written; complete once the audit is). */
  async matrix(id: string, exposedOnly: boolean, page: PageRequest): Promise<Page<AuditMatrixRow>> {
    const audit = await this.get(id);
    return this.audits.matrix(audit.id, exposedOnly, page);
  }

  async report(id: string): Promise<AsyncIterable<string>> {
    return auditReportChunks(this.audits, await this.completed(id));
  }

  async junit(id: string): Promise<AsyncIterable<string>> {
    return auditJunitChunks(this.audits, await this.completed(id));
  }

  private async completed(id: string): Promise<AuditRecord> {
    const audit = await this.get(id);
    if (audit.status !== 'completed') {
      throw new PreconditionFailedError(`audit ${id} is ${audit.status}: its report exists once it has completed`);
    }
    return audit;
  }
}

function selectorOf(s: CreateAuditRequest['selector']): RouterSelector {
  return {
    ...(s.fleet === undefined ? {} : { fleet: s.fleet }),
    ...(s.model === undefined ? {} : { model: s.model }),
    ...(s.labels === undefined ? {} : { labels: s.labels }),
    ...(s.hostnames === undefined ? {} : { hostnames: s.hostnames }),
  };
}
