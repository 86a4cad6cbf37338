/** How the api's read caches behave (`READ_CACHE_MAX_AGE_S`, `READ_CACHE_MAX_ROUTERS`). */
export interface ReadCacheOptions {
  /** Longest an entry is used, whatever the epochs say, ms; 0 turns caching off. */
  readonly maxAgeMs: number;
  /** Most entries kept; the least recently used go first. */
  readonly maxEntries: number;
}

interface Entry<V> {
  readonly value: V;
  readonly epoch: string;
  readonly at: number;
  /** The cache's placement count when the entry was last put at the newest end. */
  placed: number;
}

/**
 * A bounded cache whose entries are valid for one change epoch (`ChangeEpochReader`): an entry is used only
 * while the epoch it was stored under is still the current one, and never past `maxAgeMs`. Store a value under
 * the epoch read *before* the value was read from PostgreSQL; then a write committed after that read has
 * changed the epoch, and the entry is never used. Least recently used entries go first when it is full, nearly:
 * a hit moves its entry to the newest end only once it has fallen into the older half, so a hot entry is not moved
 * on every read (a `Map` delete and insert per hit) yet is never the next to go.
 */
export class EpochCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  /** Entries put at the newest end so far (stores and moves). */
  private placements = 0;

  constructor(
    private readonly options: ReadCacheOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether anything is cached at all (`maxAgeMs` > 0). */
  get enabled(): boolean {
    return this.options.maxAgeMs > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value stored under `key` for the current `epoch`; undefined when there is none, or it is stale. */
  get(key: string, epoch: string | null): V | undefined {
    if (epoch === null) return undefined;
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.epoch !== epoch || this.now() - entry.at > this.options.maxAgeMs) {
      this.entries.delete(key);
      return undefined;
    }
    // Most recently used last: Map keeps insertion order, so the first key is the one to drop. An entry placed
    // fewer than half the capacity placements ago has fewer than that many entries behind it: it stays put.
    if (this.placements - entry.placed > this.options.maxEntries / 2) {
      this.entries.delete(key);
      entry.placed = ++this.placements;
      this.entries.set(key, entry);
    }
    return entry.value;
  }

  /** The value stored under `key` whatever its epoch and age, as a guess only; does not count as a use. */
  peek(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** Stores `value` under `key` for `epoch` (the epoch read before the value was); nothing when epoch is null. */
  set(key: string, epoch: string | null, value: V): void {
    if (epoch === null || !this.enabled) return;
    this.entries.delete(key);
    this.entries.set(key, { value, epoch, at: this.now(), placed: ++this.placements });
    if (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Drops every entry whose value matches (a key changed: its cached verifications go). */
  deleteWhere(matches: (value: V) => boolean): void {
    for (const [key, entry] of this.entries) if (matches(entry.value)) this.entries.delete(key);
  }
}
