import { Cluster, Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRedis, describeTarget, isCluster } from './redis.js';

describe('createRedis', () => {
  it('makes a single-server client of REDIS_URL when no cluster nodes are set', () => {
    const client = createRedis({ url: 'redis://127.0.0.1:6390', clusterNodes: null }, 'test', { enableOfflineQueue: false, reconnect: false });
    expect(client).toBeInstanceOf(Redis);
    expect(isCluster(client)).toBe(false);
    expect(client.options).toMatchObject({ port: 6390, connectionName: 'test', maxRetriesPerRequest: null, enableOfflineQueue: false, lazyConnect: true });
    expect((client as Redis).options.retryStrategy?.(1)).toBeNull();
    expect(client.status).toBe('wait');
  });

  it('makes a cluster client of the seeds, lending the credentials and TLS of REDIS_URL to every node', () => {
    const target = {
      url: 'rediss://ops:s%40cret@ignored:6379',
      clusterNodes: [
        { host: 'redis-0', port: 7000 },
        { host: '::1', port: 7001 },
      ],
    };
    const client = createRedis(target, 'test', { enableAutoPipelining: true, commandTimeout: 500 });
    expect(client).toBeInstanceOf(Cluster);
    expect(isCluster(client)).toBe(true);
    const options = (client as Cluster).options;
    expect(options).toMatchObject({ lazyConnect: true, enableAutoPipelining: true });
    expect(options.redisOptions).toMatchObject({
      username: 'ops',
      password: 's@cret',
      tls: {},
      connectionName: 'test',
      commandTimeout: 500,
      maxRetriesPerRequest: null,
    });
    expect(describeTarget(target)).toBe('the Redis Cluster of redis-0:7000,[::1]:7001');
    expect(describeTarget({ url: 'redis://u:pw@h:1', clusterNodes: null })).toBe('Redis at redis://u:***@h:1');
  });
});
