import { redactUrl, type RedisClusterNode } from '@asr-twin/config';
import type { ConnectionOptions } from 'bullmq';
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';
import { describeRedisError } from './redis-errors.js';

/** A connection problem explained in one line, with what to do about it. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

/** One Redis client: a single server's, or a Redis Cluster's (which routes each command to its slot's master). */
export type RedisClient = Redis | Cluster;

/** Where Redis is: the single server of `url`, or the cluster that `clusterNodes` seed (`REDIS_CLUSTER_NODES`). */
export interface RedisTarget {
  readonly url: string;
  /** Seeds of a Redis Cluster; null: the single server of `url`. `url` then lends only credentials and TLS. */
  readonly clusterNodes: readonly RedisClusterNode[] | null;
}

/** How one client behaves when Redis is slow or away; defaults are BullMQ's (wait and retry for ever). */
export interface RedisClientOptions {
  /** Retries of a command over reconnects; null (default) waits for ever, as BullMQ's blocking commands need. */
  readonly maxRetriesPerRequest?: number | null;
  /** Commands sent while disconnected wait for the connection (default) or fail at once. */
  readonly enableOfflineQueue?: boolean;
  /** Commands of one event-loop turn travel in one write. */
  readonly enableAutoPipelining?: boolean;
  /** A command with no answer after this long fails, ms. */
  readonly commandTimeout?: number;
  readonly connectTimeout?: number;
  /** false: a lost connection is not reopened (one-shot checks). Default true. */
  readonly reconnect?: boolean;
  /** Cluster only: SSUBSCRIBE through one subscriber connection per master that owns a channel's slot. */
  readonly shardedSubscribers?: boolean;
}

/** Token under which a process's shared {@link RedisClient} is injected (see `RedisModule`). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

const START_HINT = 'start Redis (`docker compose up -d redis`, or `redis-server --daemonize yes --port 6379`) or set REDIS_URL';

/** Whether a client talks to a Redis Cluster. */
export function isCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}

/** Where Redis is, in words: `Redis at <REDIS_URL, redacted>`, or `the Redis Cluster of host:port,…`. */
export function describeTarget(target: RedisTarget): string {
  if (target.clusterNodes === null) return `Redis at ${redactUrl(target.url)}`;
  return `the Redis Cluster of ${target.clusterNodes.map((n) => (n.host.includes(':') ? `[${n.host}]:${n.port}` : `${n.host}:${n.port}`)).join(',')}`;
}

/**
 * A client as BullMQ wants it unless `options` say otherwise: `maxRetriesPerRequest: null` so blocking commands
 * survive reconnects (BullMQ docs, "Connections"). `connectionName` shows in `CLIENT LIST`. Not connected yet
 * (`lazyConnect`). For a cluster, the node options (name, credentials and TLS from `REDIS_URL`, timeouts) apply to
 * every node it discovers. A bare URL is a single server with ioredis' own options (tests, tools).
 */
export function createRedis(url: string, connectionName: string, options?: RedisOptions): Redis;
export function createRedis(target: RedisTarget, connectionName: string, options?: RedisClientOptions): RedisClient;
export function createRedis(target: RedisTarget | string, connectionName: string, options: RedisClientOptions | RedisOptions = {}): RedisClient {
  if (typeof target === 'string') return new Redis(target, { maxRetriesPerRequest: null, connectionName, lazyConnect: true, ...(options as RedisOptions) });
  const { reconnect = true, enableOfflineQueue, enableAutoPipelining, shardedSubscribers = false, ...rest } = options as RedisClientOptions;
  const node: RedisOptions = { maxRetriesPerRequest: null, connectionName, ...rest };
  if (enableOfflineQueue !== undefined) node.enableOfflineQueue = enableOfflineQueue;
  if (target.clusterNodes === null) {
    return new Redis(target.url, {
      ...node,
      lazyConnect: true,
      ...(enableAutoPipelining === undefined ? {} : { enableAutoPipelining }),
      ...(reconnect ? {} : { retryStrategy: () => null }),
    });
  }
  const cluster: ClusterOptions = {
    lazyConnect: true,
    redisOptions: { ...credentials(target.url), ...node },
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    ...(enableAutoPipelining === undefined ? {} : { enableAutoPipelining }),
    ...(reconnect ? {} : { clusterRetryStrategy: () => null }),
    ...(shardedSubscribers ? { shardedSubscribers } : {}),
  };
  return new Cluster(
    target.clusterNodes.map((n) => ({ host: n.host, port: n.port })),
    cluster,
  );
}

/** User name, password and TLS of a `redis://` or `rediss://` URL, for the nodes of a cluster. */
function credentials(url: string): RedisOptions {
  const u = new URL(url);
  return {
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/**
 * Connects, pings and disconnects; throws {@link RedisUnavailableError} with a one-line explanation. A cluster
 * must also serve every slot (`cluster_state:ok`). A single `REDIS_URL` that turns out to be a cluster node is
 * not refused (it may be a proxy in front of one), but its queues then fail `/health/ready` with the reason.
 */
export async function checkRedis(target: RedisTarget, timeoutMs = 5000): Promise<void> {
  const client = createRedis(target, 'asr-twin-preflight', {
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    reconnect: false,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    if (isCluster(client)) {
      const info = String(await client.call('CLUSTER', 'INFO'));
      if (!info.includes('cluster_state:ok'))
        throw new Error(`cluster_state is not ok (${/cluster_state:(\w+)/.exec(info)?.[1] ?? 'unknown'}): some slots have no master`);
    }
  } catch (error) {
    const reason = (error as { code?: string }).code ?? describeRedisError(error);
    throw new RedisUnavailableError(`cannot reach ${describeTarget(target)} (${reason}): ${target.clusterNodes ? 'check REDIS_CLUSTER_NODES' : START_HINT}`);
  } finally {
    client.disconnect();
  }
}

/** Closes a client: QUIT when connected (it waits for an answer that never comes otherwise), else at once. */
export async function closeRedis(client: RedisClient): Promise<void> {
  if (client.status !== 'ready') client.disconnect();
  else await client.quit().catch(() => client.disconnect());
}

/** The connection of one BullMQ `Worker`, and how to close it once the worker has closed. */
export interface WorkerConnection {
  readonly connection: ConnectionOptions;
  close(): Promise<void>;
}

/**
 * For a single server, options from which BullMQ opens (and, when the worker closes, closes) its own connection: a
 * `Worker` never closes an ioredis instance it was given, which would keep a stopping process alive. BullMQ cannot
 * open a cluster connection from options, so for a cluster this is a client of its own that `close` ends.
 */
export function workerConnection(target: RedisTarget, connectionName: string): WorkerConnection {
  if (target.clusterNodes === null) {
    return { connection: { url: target.url, connectionName, maxRetriesPerRequest: null }, close: () => Promise.resolve() };
  }
  const client = createRedis(target, connectionName);
  client.on('error', () => undefined); // BullMQ reports them through the worker's `error` event
  return { connection: client, close: () => closeRedis(client) };
}
