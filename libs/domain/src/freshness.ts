/** How current a router's twin state is, judged by its last observation of real device output. */
export const FRESHNESS = ['fresh', 'stale', 'never'] as const;

export type Freshness = (typeof FRESHNESS)[number];

/**
 * Freshness of a router last observed at `observedAt` (ISO 8601; `null`: never observed), at wall-clock time
 * `nowMs`: `stale` when the observation is older than `staleAfterMs`, `fresh` otherwise, `never` without one.
 */
export function freshnessOf(observedAt: string | null, nowMs: number, staleAfterMs: number): Freshness {
  if (observedAt === null) return 'never';
  return Date.parse(observedAt) < nowMs - staleAfterMs ? 'stale' : 'fresh';
}
