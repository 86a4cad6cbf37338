import { isDependencyUnavailable, outageReason } from '@asr-twin/persistence';
import type { Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';

/** First wait after a dependency error, ms; each further wait doubles, up to {@link MAX_BACKOFF_MS}. */
const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;
/** A job that keeps waiting logs at most once per this long, ms. */
const LOG_EVERY_MS = 30_000;

export interface OutageWaitOptions {
  /** What the job is, for the logs (`run.shard 3 of run <id>`). */
  readonly label: string;
  /** How long to keep retrying through one outage before failing for good, ms (`OUTAGE_GIVE_UP`). */
  readonly giveUpMs: number;
  readonly logger: Logger;
  /** Records that the campaign waits and why (best effort: the dependency may be the one that is down). */
  readonly markWaiting?: (reason: string) => Promise<void>;
  /** Clears that mark once the work went through. */
  readonly clearWaiting?: () => Promise<void>;
  /** Injected for tests; `setTimeout` otherwise. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a job's work, waiting through outages of PostgreSQL or Redis rather than failing: an error that
 * {@link isDependencyUnavailable} recognises (unreachable, connection reset, restarting, serialization failure)
 * is retried in place with backoff (1 s doubling to 30 s) for as long as the outage lasts, up to `giveUpMs`;
 * meanwhile the campaign is marked waiting with the reason. Every job step is idempotent (a shard claims its
 * slot in the same transaction as its rows), so repeating a step that failed halfway is safe.
 *
 * Any other error is deterministic and goes to BullMQ as it is (its retries, then the reconciler fails the
 * campaign with the reason). After `giveUpMs` of continuous outage the error becomes an
 * {@link UnrecoverableError} that names the outage and how long it lasted, so the campaign fails with that reason.
 */
export async function throughOutages<T>(work: () => Promise<T>, o: OutageWaitOptions): Promise<T> {
  const sleep = o.sleep ?? defaultSleep;
  const now = o.now ?? Date.now;
  let since: number | null = null;
  let backoff = FIRST_BACKOFF_MS;
  let attempts = 0;
  let lastLog = -Infinity;
  let marked: string | null = null;
  for (;;) {
    try {
      const result = await work();
      if (since !== null) {
        o.logger.log({ job: o.label, waitedMs: now() - since, attempts, msg: 'dependency back; job resumed' });
        if (marked !== null && o.clearWaiting) await o.clearWaiting().catch(() => undefined);
      }
      return result;
    } catch (error) {
      if (!isDependencyUnavailable(error)) throw error;
      const reason = outageReason(error);
      since ??= now();
      attempts++;
      const waited = now() - since;
      if (waited >= o.giveUpMs) {
        throw new UnrecoverableError(`gave up after waiting ${Math.round(waited / 1000)} s through an outage (${attempts} attempts): ${reason}`);
      }
      if (now() - lastLog >= LOG_EVERY_MS) {
        lastLog = now();
        o.logger.warn({ job: o.label, attempts, waitedMs: waited, reason, msg: 'dependency unavailable; job waits and retries' });
      }
      if (o.markWaiting && marked !== reason) {
        await o.markWaiting(reason).then(
          () => (marked = reason),
          () => undefined,
        );
      }
      await sleep(Math.min(backoff, Math.max(0, o.giveUpMs - waited)));
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }
}
