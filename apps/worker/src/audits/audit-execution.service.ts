import { JobProducer, SimulationCounter } from '@asr-twin/jobs';
import { AuditExecutionRepository, type AuditProgress, type AuditRecord } from '@asr-twin/persistence';
import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { AuditProgressPublisher } from './audit-progress.publisher.js';
import { simulateAuditShard } from './audit-shard-simulation.js';

const FINISHED = new Set(['completed', 'failed', 'cancelled']);

/**
 * The three steps of an audit, each idempotent like a run's: plan (freeze the routers and their states, enqueue
 * the shards), shard (simulate and write in one transaction, claimed once), finalize (the exposure summary).
 */
@Injectable()
export class AuditExecutionService {
  private readonly logger = new Logger('audits');

  constructor(
    private readonly audits: AuditExecutionRepository,
    private readonly producer: JobProducer,
    private readonly progress: AuditProgressPublisher,
    private readonly simulatedEvents: SimulationCounter,
  ) {}

  async plan(auditId: string): Promise<void> {
    const started = await this.audits.start(auditId);
    if (!started) throw new UnrecoverableError(`audit ${auditId} does not exist`);
    if (FINISHED.has(started.status)) return;
    const count = await this.audits.snapshotTargets(started);
    const audit = (await this.audits.find(auditId)) as AuditRecord;
    this.progress.publishAudit(audit);
    if (count === 0) {
      await this.audits.fail(auditId, 'no router matches the audit selector');
      await this.publishLatest(auditId);
      return;
    }
    const pending = await this.audits.pendingShards(audit);
    if (pending.length === 0) await this.producer.enqueue('audit.finalize', { auditId });
    else
      await this.producer.enqueueMany(
        'audit.shard',
        pending.map((shard) => ({ auditId, shard })),
      );
    this.logger.log({ auditId, routers: count, shards: audit.shardCount, pending: pending.length, msg: 'audit planned' });
  }

  async shard(auditId: string, shard: number): Promise<void> {
    const audit = await this.audits.find(auditId);
    if (!audit) throw new UnrecoverableError(`audit ${auditId} does not exist`);
    if (FINISHED.has(audit.status)) return;
    const from = shard * audit.shardSize;
    const targets = await this.audits.shardTargets(auditId, from, from + audit.shardSize);
    const started = performance.now();
    const simulated = simulateAuditShard(audit, targets);
    this.simulatedEvents.add(simulated.events);
    const progress = await this.audits.writeShard({
      auditId,
      shard,
      events: simulated.events,
      durationMs: performance.now() - started,
      rows: simulated.rows,
    });
    if (progress) await this.afterShard(auditId, progress);
    else if ((await this.audits.pendingShards(audit)).length === 0) await this.producer.enqueue('audit.finalize', { auditId });
  }

  async finalize(auditId: string): Promise<void> {
    const audit = await this.audits.complete(auditId);
    if (audit) this.progress.publishAudit(audit);
  }

  private async afterShard(auditId: string, p: AuditProgress): Promise<void> {
    this.progress.publish({ auditId, status: p.status, routersDone: p.routersDone, routerCount: p.routerCount, exposedRouters: p.exposedRouters });
    if (p.routerCount !== null && p.routersDone >= p.routerCount) await this.producer.enqueue('audit.finalize', { auditId });
  }

  private async publishLatest(auditId: string): Promise<void> {
    const audit = await this.audits.find(auditId);
    if (audit) this.progress.publishAudit(audit);
  }
}
