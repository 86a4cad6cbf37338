/**
 * BullMQ queue names. Keys are `{<QUEUE_PREFIX>}:<queue>:…` on a single Redis and `{<QUEUE_PREFIX>:<queue>}:<queue>:…`
 * on a Redis Cluster (see {@link bullPrefix}).
 */
export const QUEUE_NAMES = {
  /** Scenario runs and their campaign shards. */
  runs: 'runs',
  /** Periodic housekeeping such as reconciling runs that Redis lost. */
  maintenance: 'maintenance',
  /** Later transitions of operator actions on stored routers (force-switchover), as delayed jobs. */
  routerActions: 'router-actions',
  /** Risk audits and their shards (every single fault on every selected router). */
  audits: 'audits',
  /** Availability forecasts and their shards (trials of failures and repairs per router). */
  forecasts: 'forecasts',
} as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/**
 * BullMQ `prefix` option of a queue. The hash tag (`{…}`) puts every key of a queue, which BullMQ's scripts touch
 * together, in one Redis Cluster slot. On a cluster each queue has a tag of its own (`{asr-twin:runs}`), so the
 * queues spread over the masters; on a single Redis all share `{asr-twin}`, the key names of earlier versions.
 */
export function bullPrefix(queuePrefix: string, queue: QueueName, cluster: boolean): string {
  return cluster ? `{${queuePrefix}:${queue}}` : `{${queuePrefix}}`;
}

/** The key a readiness probe writes in each queue's slot (one key for all queues on a single Redis). */
export function queueProbeKeys(queuePrefix: string, cluster: boolean): ReadonlyMap<QueueName, string> {
  return new Map(Object.values(QUEUE_NAMES).map((q) => [q, `${bullPrefix(queuePrefix, q, cluster)}:readiness-probe`] as const));
}
