import { type Freshness, freshnessOf } from '@asr-twin/domain';
import type { RouterFilter } from '@asr-twin/persistence';

/**
 * Judges how current routers are from their last observation (`OBSERVATION_STALE_AFTER`), against the wall clock
 * of the request: the same rule for the `freshness` field of an answer and for the `freshness` filter of a list.
 */
export class FreshnessPolicy {
  constructor(
    /** Age after which an observation makes a router `stale`, ms. */
    readonly staleAfterMs: number,
  ) {}

  /** `fresh`, `stale` or `never` for a router last observed at `observedAt` (ISO; `null`: never). */
  of(observedAt: string | null, nowMs: number = Date.now()): Freshness {
    return freshnessOf(observedAt, nowMs, this.staleAfterMs);
  }

  /** The persistence filter for routers of any of these freshness values now. */
  filter(values: readonly Freshness[], nowMs: number = Date.now()): NonNullable<RouterFilter['freshness']> {
    return { values, staleBefore: new Date(nowMs - this.staleAfterMs).toISOString() };
  }
}
