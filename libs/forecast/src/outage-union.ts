/** One outage interval of a trial, in ms from the start of the period, and the failure class that caused it. */
export interface Outage {
  readonly startMs: number;
  readonly endMs: number;
  /** Index of the failure class (`FAILURE_CLASSES` order). */
  readonly cause: number;
}

/**
 * Downtime per cause of possibly overlapping outages: the union of the intervals, each instant counted once and
 * given to the outage that began first (ties: the one listed first). Two failures whose outages overlap (an RP
 * missing while its peer fails) therefore never count the shared time twice, and the overlap goes to the failure
 * that opened it. Adds into `perCause` (ms) and returns the total.
 */
export function attributeOutages(outages: readonly Outage[], perCause: Float64Array): number {
  const order = outages.map((_, k) => k).sort((a, b) => (outages[a] as Outage).startMs - (outages[b] as Outage).startMs || a - b);
  let coveredUntil = -Infinity;
  let total = 0;
  for (const k of order) {
    const o = outages[k] as Outage;
    const from = Math.max(o.startMs, coveredUntil);
    if (o.endMs > from) {
      perCause[o.cause] = (perCause[o.cause] as number) + (o.endMs - from);
      total += o.endMs - from;
      coveredUntil = o.endMs;
    }
  }
  return total;
}
