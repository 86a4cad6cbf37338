import { JobProducer } from '@asr-twin/jobs';
import { AuditExecutionRepository, type AuditRecord } from '@asr-twin/persistence';
import { Injectable, Logger } from '@nestjs/common';
import { AuditProgressPublisher } from './audit-progress.publisher.js';

/** A queued audit younger than this may still be on its way into Redis (the api enqueues right after commit). */
const QUEUED_GRACE_MS = 5_000;
const BATCH = 200;
const SHARDS_PER_PASS = 1000;

type AuditJob = 'audit.plan' | 'audit.shard' | 'audit.finalize';

/**
 * Re-enqueues the next job of every audit PostgreSQL holds as queued or running that Redis no longer has, or
 * fails the audit when its job failed for good: the runs reconciler's rules, for audits.
 */
@Injectable()
export class AuditReconciler {
  private readonly logger = new Logger('audit-reconciler');

  constructor(
    private readonly audits: AuditExecutionRepository,
    private readonly producer: JobProducer,
    private readonly progress: AuditProgressPublisher,
  ) {}

  /** One pass; returns how many jobs it enqueued again. */
  async reconcile(now = Date.now()): Promise<number> {
    let enqueued = 0;
    for (const audit of await this.audits.unfinished(BATCH)) {
      try {
        enqueued += await this.reconcileAudit(audit, now);
      } catch (error) {
        this.logger.warn({ auditId: audit.id, err: error, msg: 'could not reconcile audit' });
      }
    }
    if (enqueued > 0) this.logger.warn({ enqueued, msg: 'reconciled audits: re-enqueued lost jobs' });
    return enqueued;
  }

  private async reconcileAudit(audit: AuditRecord, now: number): Promise<number> {
    if (audit.routerCount === null) {
      if (audit.status === 'queued' && now - Date.parse(audit.createdAt) < QUEUED_GRACE_MS) return 0;
      return this.ensure(audit, 'audit.plan', { auditId: audit.id });
    }
    const pending = await this.audits.pendingShards(audit);
    if (pending.length === 0) return this.ensure(audit, 'audit.finalize', { auditId: audit.id });
    let enqueued = 0;
    for (const shard of pending.slice(0, SHARDS_PER_PASS)) enqueued += await this.ensure(audit, 'audit.shard', { auditId: audit.id, shard });
    return enqueued;
  }

  private async ensure<N extends AuditJob>(
    audit: AuditRecord,
    name: N,
    payload: N extends 'audit.shard' ? { auditId: string; shard: number } : { auditId: string },
  ): Promise<number> {
    const state = await this.producer.state(name, payload as never);
    if (state === 'failed') {
      const why = await this.producer.failedReason(name, payload as never);
      await this.audits.fail(audit.id, `${name} failed after every retry: ${why ?? 'no reason recorded; see the worker logs'}`);
      const failed = await this.audits.find(audit.id);
      if (failed) this.progress.publishAudit(failed);
      return 0;
    }
    if (state !== 'missing') return 0;
    await this.producer.enqueue(name, payload as never);
    return 1;
  }
}
