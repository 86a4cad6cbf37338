/**
 * BullMQ queue names. Keys are `<QUEUE_PREFIX>:<queue>:…`; the prefix is wrapped in a hash tag by
 * {@link bullPrefix} so that every key of a queue lands in one Redis Cluster slot.
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
} as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/** BullMQ `prefix` option for the configured key prefix: `{asr-twin}`. */
export function bullPrefix(queuePrefix: string): string {
  return `{${queuePrefix}}`;
}
