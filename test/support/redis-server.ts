import { type ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './processes.js';

export interface PrivateRedis {
  readonly url: string;
  readonly client: Redis;
  /** Freezes the server (SIGSTOP): connections stay open and commands get no answer, as on a hung host. */
  pause(): void;
  /** Lets a paused server run again (SIGCONT). */
  resume(): void;
  /** Kills the server (SIGKILL): connections drop and new ones are refused until {@link start}. */
  kill(): Promise<void>;
  /** Starts a killed server again on the same port, empty, as a Redis that keeps nothing on disk restarts. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A Redis server of the test's own (the machine's redis-server binary on a free loopback port, nothing on
 * disk), for tests that FLUSHALL or otherwise damage Redis without touching what other test files use.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let log = '';
  const spawnServer = (): ChildProcess => {
    const c = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    c.stdout?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    c.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    return c;
  };
  let child = spawnServer();
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  client.on('error', () => undefined);
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await client.connect();
      await client.ping();
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      client.disconnect();
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const kill = async () => {
    const c = child;
    c.kill('SIGKILL');
    await new Promise((r) => (c.exitCode === null && c.signalCode === null ? c.once('exit', r) : r(null)));
  };
  return {
    url,
    client,
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    kill,
    start: async () => {
      child = spawnServer();
      const until = Date.now() + 10_000;
      // The test's own client reconnects by itself (retryStrategy); wait until it answers.
      while ((await client.ping().catch(() => null)) !== 'PONG') {
        // A client whose reconnection gave up while the server was away connects afresh.
        if (client.status === 'end') await client.connect().catch(() => undefined);
        if (Date.now() > until) throw new Error(`private Redis on port ${port} did not come back (client ${client.status}):\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop: async () => {
      client.disconnect();
      await kill();
    },
  };
}
