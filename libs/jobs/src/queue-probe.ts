import { queueProbeKeys } from './queues.js';
import { isCluster, type RedisClient } from './redis.js';
import { describeRedisError } from './redis-errors.js';

/**
 * Writes a short-lived key in every queue's hash slot (the `{…}` tag of its BullMQ keys) and resolves when all
 * take it. A read-only replica, a full Redis (`maxmemory` with `noeviction`), a cluster slot without a master, or
 * a single-server client pointed at a cluster node that does not own the slot (MOVED) all fail here while PING
 * still answers. A single-server client fails too when its server is a cluster node (`cluster_enabled:1`) even if
 * that node owns the queues' slot: rate limits, change epochs and counters live in other slots, which it does not.
 * Rejects with one line naming what failed and why.
 */
export async function probeQueues(redis: RedisClient, queuePrefix: string): Promise<void> {
  const byKey = new Map<string, string[]>();
  for (const [queue, key] of queueProbeKeys(queuePrefix, isCluster(redis))) byKey.set(key, [...(byKey.get(key) ?? []), queue]);
  const failures = await Promise.all(
    [...byKey].map(async ([key, queues]) => {
      try {
        const reply = await redis.set(key, String(Date.now()), 'PX', 10_000);
        return reply === 'OK' ? null : `${queues.join(', ')}: unexpected reply ${String(reply)}`;
      } catch (error) {
        return `${queues.length > 1 ? 'queues' : 'queue'} ${queues.join(', ')} not writable: ${describeRedisError(error)}`;
      }
    }),
  );
  const failed = failures.filter((f): f is string => f !== null);
  if (!isCluster(redis) && /^cluster_enabled:1/m.test(await redis.info('cluster'))) {
    failed.unshift('REDIS_URL names a node of a Redis Cluster (cluster_enabled:1), which serves only its own slots: set REDIS_CLUSTER_NODES');
  }
  if (failed.length > 0) throw new Error(failed.join('; '));
}
