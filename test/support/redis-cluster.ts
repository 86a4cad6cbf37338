import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from './processes.js';

const run = promisify(execFile);

export interface RedisClusterNode {
  readonly host: string;
  readonly port: number;
}

export interface PrivateRedisCluster {
  /** The masters, in the order `redis-cli --cluster create` got them. */
  readonly nodes: readonly RedisClusterNode[];
  /** `REDIS_CLUSTER_NODES` for the services: every master as `host:port`, comma-separated. */
  readonly seeds: string;
  /** The master that serves `key`'s slot, and one that does not. */
  owner(key: string): Promise<{ readonly owner: RedisClusterNode; readonly other: RedisClusterNode }>;
  stop(): Promise<void>;
}

/**
 * A Redis Cluster of the test's own: three masters (the machine's redis-server, cluster mode, nothing on disk) on
 * free loopback ports with their bus ports, joined by `redis-cli --cluster create` and waited for until every
 * node says `cluster_state:ok`. `stop` kills the servers and removes their directory.
 */
export async function startPrivateRedisCluster(masters = 3): Promise<PrivateRedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'asr-twin-cluster-'));
  const children: ChildProcess[] = [];
  const nodes: RedisClusterNode[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGKILL');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i++) {
      const port = await freePort();
      const busPort = await freePort();
      const args = [
        '--port',
        String(port),
        '--cluster-port',
        String(busPort),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(dir, `nodes-${port}.conf`),
        '--cluster-node-timeout',
        '2000',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'no',
      ];
      children.push(spawn('redis-server', args, { stdio: 'ignore' }));
      nodes.push({ host: '127.0.0.1', port });
    }
    for (const node of nodes) await waitFor(node, async (c) => (await c.ping()) === 'PONG', 'to answer PING');
    await run('redis-cli', ['--cluster', 'create', ...nodes.map((n) => `${n.host}:${n.port}`), '--cluster-replicas', '0', '--cluster-yes']);
    for (const node of nodes) {
      await waitFor(node, async (c) => String(await c.call('CLUSTER', 'INFO')).includes('cluster_state:ok'), 'to report cluster_state:ok');
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    nodes,
    seeds: nodes.map((n) => `${n.host}:${n.port}`).join(','),
    owner: async (key) => {
      const client = new Redis({ ...nodes[0]!, lazyConnect: true, maxRetriesPerRequest: 1 });
      try {
        await client.connect();
        const slot = Number(await client.call('CLUSTER', 'KEYSLOT', key));
        const ranges = (await client.call('CLUSTER', 'SLOTS')) as [number, number, [string, number]][];
        const range = ranges.find(([from, to]) => slot >= from && slot <= to);
        if (!range) throw new Error(`no master serves slot ${slot}`);
        const owner = nodes.find((n) => n.port === range[2][1])!;
        return { owner, other: nodes.find((n) => n !== owner)! };
      } finally {
        client.disconnect();
      }
    },
    stop,
  };
}

async function waitFor(node: RedisClusterNode, ok: (client: Redis) => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const client = new Redis({ ...node, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      if (await ok(client)) return;
    } catch {
      // not up yet
    } finally {
      client.disconnect();
    }
    if (Date.now() > deadline) throw new Error(`cluster node ${node.host}:${node.port} did not come ${what} within 15 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
