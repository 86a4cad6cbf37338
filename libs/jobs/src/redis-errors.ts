/** What a Redis error reply means for an operator, by its first word; the reply itself follows in the text. */
const HINTS: readonly (readonly [RegExp, (m: RegExpExecArray) => string])[] = [
  [
    /^(MOVED|ASK) (\d+) (\S+)/,
    (m) =>
      `slot ${m[2]} is served by ${m[3]}, not by the node this client talks to: it is a Redis Cluster node, so set ` +
      "REDIS_CLUSTER_NODES to the cluster's nodes (REDIS_URL alone addresses one server)",
  ],
  [/^CROSSSLOT/, () => 'keys of one command or script lie in different cluster slots'],
  [/^CLUSTERDOWN/, () => 'the Redis Cluster does not serve every slot (a master is down or slots are unassigned)'],
  [/^READONLY/, () => 'this Redis is a read-only replica: point REDIS_URL or REDIS_CLUSTER_NODES at the masters'],
  [/^OOM/, () => 'Redis is out of memory (maxmemory reached with the noeviction policy)'],
  [/^(NOAUTH|WRONGPASS)/, () => 'Redis refused the credentials: check the user name and password in REDIS_URL'],
];

/**
 * An error in one line an operator can act on: the first line of its message, with what a cluster, replica or
 * memory reply means. Never the command's arguments (ioredis keeps a BullMQ script's keys and payload on the
 * error), so it is short whatever failed.
 */
export function describeRedisError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = (message.split('\n')[0] ?? '').slice(0, 300);
  for (const [pattern, hint] of HINTS) {
    const m = pattern.exec(line);
    if (m) return `${line}: ${hint(m)}`;
  }
  return line;
}

interface Seen {
  loggedAt: number;
  repeated: number;
}

/**
 * Logs repeated errors once per interval with a count, so that a failure which repeats many times a second (a
 * worker whose every poll gets MOVED) writes a few lines a second at most, never a storm. The first error of a
 * kind is written at once; identical ones (same source, same {@link describeRedisError} text) within the
 * interval are only counted, and the next one after it is written with that count. At most `maxKinds` kinds are
 * remembered (the oldest is forgotten first).
 */
export class RepeatedErrorLog {
  private readonly seen = new Map<string, Seen>();

  constructor(
    /** Writes one line; `repeated` is how many identical errors were held back since the last line of this kind. */
    private readonly write: (source: string, text: string, repeated: number) => void,
    private readonly intervalMs = 10_000,
    private readonly now: () => number = Date.now,
    private readonly maxKinds = 100,
  ) {}

  report(source: string, error: unknown): void {
    const text = describeRedisError(error);
    const kind = `${source}\n${text}`;
    const now = this.now();
    const seen = this.seen.get(kind);
    if (seen && now - seen.loggedAt < this.intervalMs) {
      seen.repeated++;
      return;
    }
    this.seen.delete(kind);
    if (this.seen.size >= this.maxKinds) this.seen.delete(this.seen.keys().next().value!);
    this.seen.set(kind, { loggedAt: now, repeated: 0 });
    this.write(source, text, seen?.repeated ?? 0);
  }
}
