import { Readable } from 'node:stream';
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib';
import type { TimelineEntry } from '@asr-twin/simulator';
import { compressChunkText } from './chunk-compression.js';

/**
 * One timeline entry of a run as it is kept in a chunk: the simulator's entry with the router's ordinal in the run
 * and the entry's position in that router's timeline, which together with the time give the report order.
 */
export interface ChunkEntry extends TimelineEntry {
  readonly ordinal: number;
  readonly seq: number;
}

/** Report order: time, then router order, then the entry's place in its router's timeline. */
export function compareEntries(a: ChunkEntry, b: ChunkEntry): number {
  return a.tMs - b.tMs || a.ordinal - b.ordinal || a.seq - b.seq;
}

/**
 * A chunk of a run's timeline (format 1): the entries in report order ({@link compareEntries}), one JSON array per
 * line — `[tMs, ordinal, seq, router, component, event, from, to]` — compressed with brotli. A campaign's timelines
 * repeat each other from router to router, so a chunk of a thousand routers compresses about twentyfold; rows of
 * their own (one per entry, with its index) cost about 200 B per entry instead of about 4.
 */
export function encodeTimelineChunk(entries: readonly ChunkEntry[]): Buffer {
  return TimelineChunk.of(entries).encode();
}

/** A growing buffer written a byte, a number or a piece at a time. */
class ByteWriter {
  private buffer: Buffer;
  private at = 0;

  constructor(capacity: number) {
    this.buffer = Buffer.allocUnsafe(Math.max(64, capacity));
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.at + n <= this.buffer.length) return;
    const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + n));
    this.buffer.copy(larger, 0, 0, this.at);
    this.buffer = larger;
  }

  byte(b: number): void {
    this.buffer[this.at++] = b;
  }

  bytes(piece: Buffer): void {
    this.buffer.set(piece, this.at);
    this.at += piece.length;
  }

  /** The JSON text of `n` (room for 24 bytes reserved by the caller for a safe integer). */
  number(n: number): void {
    if (!Number.isSafeInteger(n)) {
      const text = Buffer.from(JSON.stringify(n), 'utf8');
      this.reserve(text.length);
      this.bytes(text);
      return;
    }
    let v = n;
    if (v < 0) {
      this.byte(0x2d);
      v = -v;
    }
    let digits = 1;
    for (let p = 10; p <= v; p *= 10) digits++;
    for (let j = this.at + digits - 1; j >= this.at; j--) {
      this.buffer[j] = 0x30 + (v % 10);
      v = Math.floor(v / 10);
    }
    this.at += digits;
  }

  written(): Buffer {
    return this.buffer.subarray(0, this.at);
  }
}

/** The end of a line — `,component,event,from,to]` as JSON — per combination, looked up by the strings themselves. */
type ByTo = Map<string | null, Buffer>;
type ByFrom = Map<string | null, ByTo>;
type ByEvent = Map<string, ByFrom>;

class TailCache {
  private readonly byComponent = new Map<string, ByEvent>();

  get(e: TimelineEntry): Buffer {
    let byEvent = this.byComponent.get(e.component);
    if (byEvent === undefined) this.byComponent.set(e.component, (byEvent = new Map<string, ByFrom>()));
    let byFrom = byEvent.get(e.event);
    if (byFrom === undefined) byEvent.set(e.event, (byFrom = new Map<string | null, ByTo>()));
    let byTo = byFrom.get(e.from);
    if (byTo === undefined) byFrom.set(e.from, (byTo = new Map<string | null, Buffer>()));
    let tail = byTo.get(e.to);
    if (tail === undefined) {
      tail = Buffer.from(`,${JSON.stringify(e.component)},${JSON.stringify(e.event)},${JSON.stringify(e.from)},${JSON.stringify(e.to)}]`, 'utf8');
      byTo.set(e.to, tail);
    }
    return tail;
  }
}

/**
 * A timeline chunk as it is built: the timelines of routers added in router order, each in its own order. The
 * order of addition is the report order among entries of equal time, so the chunk is in report order once its
 * entries are ordered by time alone, keeping the order of addition among equal times: a sort of plain numbers
 * (time and place packed into one), not of entries by comparison, and no entry copied. Measured on a 1,000-router
 * chunk of an IOSd-crash campaign (20,000 entries, 1.8 MB of lines): 12 ms to add and encode, where copying each
 * entry with its keys, sorting the copies with {@link compareEntries} and `JSON.stringify`-ing them took 47 ms (both
 * with quality-3 brotli then, 6.6 ms of each). Lines are those of {@link encodeTimelineChunk}.
 */
export class TimelineChunk {
  private readonly items: TimelineEntry[] = [];
  private readonly ordinals: number[] = [];
  private readonly seqs: number[] = [];
  private lastOrdinal = -Infinity;
  private lastSeq = -Infinity;

  /** A chunk of entries in any order. */
  static of(entries: readonly ChunkEntry[]): TimelineChunk {
    const chunk = new TimelineChunk();
    for (const e of [...entries].sort((a, b) => a.ordinal - b.ordinal || a.seq - b.seq)) chunk.push(e, e.ordinal, e.seq);
    return chunk;
  }

  /** Entries in the chunk. */
  get size(): number {
    return this.items.length;
  }

  /** Smallest router ordinal with an entry (undefined while empty). */
  get first(): number | undefined {
    return this.ordinals[0];
  }

  /** Largest router ordinal with an entry (undefined while empty). */
  get last(): number | undefined {
    return this.ordinals[this.ordinals.length - 1];
  }

  /**
   * Adds the timeline of the router numbered `ordinal` in the run, each entry's place in it as its `seq`. Routers come
   * in increasing ordinal order: a router added out of order is refused (it would break the report order).
   */
  add(ordinal: number, timeline: readonly TimelineEntry[]): void {
    for (let seq = 0; seq < timeline.length; seq++) this.push(timeline[seq] as TimelineEntry, ordinal, seq);
  }

  private push(e: TimelineEntry, ordinal: number, seq: number): void {
    if (ordinal < this.lastOrdinal || (ordinal === this.lastOrdinal && seq <= this.lastSeq)) {
      throw new RangeError(`timeline entry ${seq} of router ${ordinal} added after entry ${this.lastSeq} of router ${this.lastOrdinal}: add in router order`);
    }
    this.lastOrdinal = ordinal;
    this.lastSeq = seq;
    this.items.push(e);
    this.ordinals.push(ordinal);
    this.seqs.push(seq);
  }

  /**
   * Positions of the entries in report order: by time, then order of addition. Integer times small enough are packed
   * with the position into one exact double (time × 2^bits + position) and sorted as numbers; other times are
   * compared.
   */
  private order(): ArrayLike<number> {
    const n = this.items.length;
    const bits = Math.max(1, Math.ceil(Math.log2(n + 1)));
    const scale = 2 ** bits;
    const limit = 2 ** (52 - bits);
    if (this.items.every((e) => Number.isInteger(e.tMs) && Math.abs(e.tMs) < limit)) {
      const keys = new Float64Array(n);
      for (let i = 0; i < n; i++) keys[i] = (this.items[i] as TimelineEntry).tMs * scale + i;
      keys.sort();
      for (let k = 0; k < n; k++) {
        const key = keys[k] as number;
        keys[k] = key - Math.floor(key / scale) * scale;
      }
      return keys;
    }
    const items = this.items;
    return Array.from({ length: n }, (_, i) => i).sort((a, b) => (items[a] as TimelineEntry).tMs - (items[b] as TimelineEntry).tMs || a - b);
  }

  /**
   * The chunk's lines in report order as UTF-8, written byte by byte: the numbers as digits, each router's name and
   * each combination of component, event and states as the bytes of their JSON text, made once per chunk: the same
   * bytes as `Buffer.from` of the lines joined by line breaks. In a 100,000-router campaign (CPU profiles of the two
   * workers: `WORKER_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` on the stack of `bench/support.mjs`), `JSON.stringify` of each entry's array took 2.0 s; this takes 0.9 s.
   */
  private text(): Buffer {
    const order = this.order();
    const out = new ByteWriter(order.length * 96);
    const routers = new Map<string, Buffer>();
    const tails = new TailCache();
    for (let k = 0; k < order.length; k++) {
      const i = order[k] as number;
      const e = this.items[i] as TimelineEntry;
      let router = routers.get(e.router);
      if (router === undefined) {
        router = Buffer.from(`,${JSON.stringify(e.router)}`, 'utf8');
        routers.set(e.router, router);
      }
      const tail = tails.get(e);
      out.reserve(router.length + tail.length + 80);
      if (k > 0) out.byte(0x0a);
      out.byte(0x5b);
      out.number(e.tMs);
      out.byte(0x2c);
      out.number(this.ordinals[i] as number);
      out.byte(0x2c);
      out.number(this.seqs[i] as number);
      out.bytes(router);
      out.bytes(tail);
    }
    return out.written();
  }

  /** The chunk as stored: its lines, brotli-compressed. */
  encode(): Buffer {
    return compressChunkText(this.text());
  }

  /** Every entry, in report order. */
  entries(): ChunkEntry[] {
    return this.items.length === 0 ? [] : this.text().toString('utf8').split('\n').map(entryOfLine);
  }
}

type ChunkLine = [number, number, number, string, string, string, string | null, string | null];

function entryOfLine(line: string): ChunkEntry {
  const [tMs, ordinal, seq, router, component, event, from, to] = JSON.parse(line) as ChunkLine;
  return { tMs, router, component, event, from, to, ordinal, seq };
}

/** Every entry of a chunk, in report order. */
export function decodeTimelineChunk(data: Buffer): ChunkEntry[] {
  const text = brotliDecompressSync(data).toString('utf8');
  return text === '' ? [] : text.split('\n').map(entryOfLine);
}

/** Decompressed text a cursor holds at once, bytes: a merge over a hundred chunks stays within a few MB. */
const CURSOR_BYTES = 64 * 1024;

/** Reads one chunk's entries a decompressed piece at a time. */
class ChunkCursor {
  private readonly pieces: AsyncIterator<string>;
  private entries: ChunkEntry[] = [];
  private index = -1;
  private partial = '';

  constructor(data: Buffer) {
    const stream = Readable.from([data]).pipe(createBrotliDecompress({ chunkSize: CURSOR_BYTES }));
    stream.setEncoding('utf8');
    this.pieces = stream[Symbol.asyncIterator]() as AsyncIterator<string>;
  }

  get head(): ChunkEntry | undefined {
    return this.entries[this.index];
  }

  /**
   * Moves to the next entry: synchronously while the decompressed piece lasts, else a promise that decompresses
   * more. False at the end of the chunk.
   */
  next(): boolean | Promise<boolean> {
    this.index += 1;
    return this.index < this.entries.length || this.more();
  }

  private async more(): Promise<boolean> {
    while (this.index >= this.entries.length) {
      const piece = await this.pieces.next();
      if (piece.done) {
        const last = this.partial;
        this.partial = '';
        this.entries = last === '' ? [] : [entryOfLine(last)];
        this.index = 0;
        return this.entries.length > 0;
      }
      const lines = (this.partial + piece.value).split('\n');
      this.partial = lines.pop() ?? '';
      this.entries = lines.map(entryOfLine);
      this.index = 0;
    }
    return true;
  }
}

/** Entries a merge hands on at once. */
const MERGE_BATCH = 2_000;

/**
 * The entries of several chunks merged in report order, in batches, decompressing each chunk as the merge reaches
 * it (memory stays at a piece per chunk whatever the run's size). Each chunk is in report order itself.
 */
export async function* mergeTimelineChunks(chunks: readonly Buffer[]): AsyncGenerator<ChunkEntry[]> {
  const heap: ChunkCursor[] = [];
  for (const data of chunks) {
    const cursor = new ChunkCursor(data);
    if (await cursor.next()) heap.push(cursor);
  }
  const less = (a: ChunkCursor, b: ChunkCursor) => compareEntries(a.head as ChunkEntry, b.head as ChunkEntry) < 0;
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l] as ChunkCursor, heap[m] as ChunkCursor)) m = l;
      if (r < heap.length && less(heap[r] as ChunkCursor, heap[m] as ChunkCursor)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m] as ChunkCursor, heap[i] as ChunkCursor];
      i = m;
    }
  };
  for (let i = Math.floor(heap.length / 2) - 1; i >= 0; i--) down(i);
  let batch: ChunkEntry[] = [];
  while (heap.length > 0) {
    const top = heap[0] as ChunkCursor;
    batch.push(top.head as ChunkEntry);
    if (batch.length === MERGE_BATCH) {
      yield batch;
      batch = [];
    }
    const moved = top.next();
    if (!(moved === true || (moved !== false && (await moved)))) {
      const last = heap.pop() as ChunkCursor;
      if (heap.length === 0) break;
      heap[0] = last;
    }
    down(0);
  }
  if (batch.length > 0) yield batch;
}
