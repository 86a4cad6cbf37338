import { randomUUID } from 'node:crypto';
import type { RedisClient } from './redis.js';
import type { RedisTurnBatch } from './redis-turn-batch.js';

/**
 * What a change epoch covers: `keys` (API keys: created, revoked, given another secret or role, deleted) and
 * `twin` (routers, their states and fleets).
 */
export type ChangeEpochName = 'keys' | 'twin';

/** The current epoch of each kind of change: opaque tokens, equal only while nothing of that kind changed. */
export type ChangeEpochs = Readonly<Record<ChangeEpochName, string>>;

/** How long a writer waits for Redis to record a change before it answers anyway, ms. */
export const CHANGE_EPOCH_WRITE_TIME_LIMIT_MS = 500;

/** The Redis hash that holds the epochs of a queue prefix (one key: one cluster slot, one command to read both). */
export function changeEpochsKey(queuePrefix: string): string {
  return `${queuePrefix}:change-epochs`;
}

/**
 * Records, after a committed write, that something of kind `names` changed: each epoch gets a new random token.
 * Callers await it before they answer their client, so an api process that compares epochs on its next request
 * sees the change (see {@link ChangeEpochReader}). Redis holds no truth: when it is not ready or slow this gives
 * up after {@link CHANGE_EPOCH_WRITE_TIME_LIMIT_MS} and answers false; readers then fall back on their caches'
 * maximum age. Random tokens, not counters, so that a Redis restarted empty can never hand out an old epoch again.
 */
export async function bumpChangeEpochs(redis: RedisClient, queuePrefix: string, names: readonly ChangeEpochName[]): Promise<boolean> {
  if (names.length === 0 || redis.status !== 'ready') return false;
  const fields = names.flatMap((name) => [name, randomUUID()]);
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), CHANGE_EPOCH_WRITE_TIME_LIMIT_MS);
  });
  try {
    return await Promise.race([
      redis.hset(changeEpochsKey(queuePrefix), ...fields).then(
        () => true,
        () => false,
      ),
      limit,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads the change epochs for requests: one `HMGET` per event-loop turn, shared by every request that asked in
 * that turn and sent at its end with the turn's other commands ({@link RedisTurnBatch}), on a client that fails
 * fast (no offline queue). An epoch that does not exist yet (a new or restarted Redis) is created with a random
 * token first. Answers null when Redis cannot tell: a cache must then not be trusted, and the request reads
 * PostgreSQL.
 *
 * The rule that makes a cache built on it exact: a writer commits, then bumps the epoch, then answers; a reader
 * reads the epoch *before* it reads PostgreSQL and stores what it read under that epoch. A write committed after
 * the reader's epoch read bumps the epoch after it, so the stored entry never matches again; a write whose answer
 * a client has seen has bumped already, so the client's next request, to any api process, reads the new epoch.
 * Sharing keeps that rule: a request only ever shares an `HMGET` that is sent after it arrived (the one of its own
 * turn), never one already on its way, which Redis may have answered before the write the client saw.
 */
export class ChangeEpochReader {
  private readonly key: string;
  /** The read of the current turn, not sent yet; null once sent. */
  private next: Promise<ChangeEpochs | null> | null = null;

  constructor(
    private readonly batch: RedisTurnBatch,
    queuePrefix: string,
  ) {
    this.key = changeEpochsKey(queuePrefix);
  }

  read(): Promise<ChangeEpochs | null> {
    if (!this.batch.ready) return Promise.resolve(null);
    this.next ??= new Promise((resolve) => {
      this.batch.atEndOfTurn((commands) => {
        this.next = null;
        void commands.hmget(this.key, 'keys', 'twin', (error, values) => {
          const [keys, twin] = values ?? [];
          if (error) resolve(null);
          else if (keys && twin) resolve({ keys, twin });
          else resolve(this.start());
        });
      });
    });
    return this.next;
  }

  /** First use, or Redis lost the hash: both epochs afresh (HSETNX keeps one another process set), then read. */
  private async start(): Promise<ChangeEpochs | null> {
    const redis = this.batch.redis;
    try {
      await redis.pipeline().hsetnx(this.key, 'keys', randomUUID()).hsetnx(this.key, 'twin', randomUUID()).exec();
      const [k, t] = await redis.hmget(this.key, 'keys', 'twin');
      return k && t ? { keys: k, twin: t } : null;
    } catch {
      return null;
    }
  }
}
