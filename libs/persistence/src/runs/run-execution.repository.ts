import type { Verdict } from '@asr-twin/simulator';
import type { ChunkEntry, TimelineChunk } from './timeline-chunks.js';
import type { RunProgress, RunRecord, RunTargetRouter } from './run-models.js';

/** One router's outcome as the worker writes it. */
export interface ShardResultRow {
  readonly iteration: number;
  readonly ordinal: number;
  readonly hostname: string;
  readonly model: string;
  readonly verdict: Verdict;
  readonly controlPlaneOutageMs: number;
  readonly dataPlaneOutageMs: number;
  readonly redundancyRestoredMs: number | null;
  readonly switchovers: number;
  readonly dualActiveMs: number;
  /** `JSON.stringify` of the simulator's `RouterResult`, stored verbatim. */
  readonly resultJson: string;
  /** `JSON.stringify` of the result's `start` (what queries group routers by), null when the result has none. */
  readonly startJson: string | null;
  readonly expectationsJson: string;
}

/** One timeline entry as the worker writes it: the simulator's `TimelineEntry` keyed by router ordinal and order. */
export type ShardTimelineRow = ChunkEntry;

export interface ShardWrite {
  readonly runId: string;
  readonly shard: number;
  readonly routers: number;
  readonly events: number;
  readonly durationMs: number;
  readonly results: readonly ShardResultRow[];
  /** Timeline of the first iteration. */
  readonly timeline: readonly ShardTimelineRow[];
}

/** The shard a chunked write claims. */
export interface ShardClaim {
  readonly runId: string;
  readonly shard: number;
  readonly routers: number;
}

/** What a shard's producer ends with: recorded with the shard. */
export interface ShardTotals {
  readonly events: number;
  /** Time spent simulating, ms. */
  readonly durationMs: number;
}

/** Where a chunked shard write sends its rows, inside the shard's transaction. */
export interface ShardRowSink {
  /**
   * Writes a chunk of results and timeline rows. Rejects once the run is found closed (cancelled, failed, deleted),
   * which rolls the whole shard back: the producer lets the rejection through and the write answers `null`. The
   * timeline comes as a chunk built as the routers were simulated, or as its entries in any order.
   */
  write(results: readonly ShardResultRow[], timeline: TimelineChunk | readonly ShardTimelineRow[]): Promise<void>;
}

/** Port for the worker's side of a run: plan, write shards, finish. */
export abstract class RunExecutionRepository {
  abstract find(id: string): Promise<RunRecord | null>;
  /** Moves a queued run to running; returns the run as it is afterwards. */
  abstract start(id: string): Promise<RunRecord | null>;
  /**
   * Freezes the run's targets (once; a second call keeps the first snapshot) and records router and shard
   * counts. Returns the router count.
   */
  abstract snapshotTargets(run: RunRecord): Promise<number>;
  abstract shardTargets(runId: string, fromOrdinal: number, toOrdinal: number): Promise<readonly RunTargetRouter[]>;
  /** Shards of the run that have no results yet. */
  abstract pendingShards(run: RunRecord): Promise<readonly number[]>;
  /**
   * Writes a shard's results, timeline and progress in one transaction; a shard already written writes
   * nothing and returns `null`.
   */
  writeShard(write: ShardWrite): Promise<RunProgress | null> {
    return this.writeShardInChunks({ runId: write.runId, shard: write.shard, routers: write.routers }, async (sink) => {
      await sink.write(write.results, write.timeline);
      return { events: write.events, durationMs: write.durationMs };
    });
  }
  /**
   * Claims the shard and lets `produce` stream its rows into one transaction, chunk by chunk, then records its
   * totals and progress: all of it commits together or not at all. Answers `null`, having written nothing, when the
   * shard was written already (the claim waits for a concurrent writer of the same shard to finish) or when the
   * run closed meanwhile: the sink checks between chunks, once a quarter second has passed since its last check, so
   * a cancelled run's shard stops within about a chunk.
   */
  abstract writeShardInChunks(claim: ShardClaim, produce: (sink: ShardRowSink) => Promise<ShardTotals>): Promise<RunProgress | null>;
  /** Computes the aggregate and completes the run, unless it already finished. */
  abstract complete(runId: string): Promise<RunRecord | null>;
  abstract fail(runId: string, error: string): Promise<void>;
  /** Marks a queued or running campaign as waiting through a dependency outage, with the reason. */
  abstract markWaiting(runId: string, reason: string): Promise<void>;
  /** Clears the waiting mark once the work went through. */
  abstract clearWaiting(runId: string): Promise<void>;
  /** Runs PostgreSQL holds as queued or running, oldest first. */
  abstract unfinished(limit: number): Promise<readonly RunRecord[]>;
}
