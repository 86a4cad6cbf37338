import { Readable } from 'node:stream';
import { brotliCompressSync, brotliDecompressSync, constants, createBrotliDecompress } from 'node:zlib';
import type { TimelineEntry } from '@asr-twin/simulator';

/**
 * One timeline entry of a run as it is kept in a chunk: the simulator's entry with the router's ordinal in the run
 * and the entry's position in that router's timeline, which together with the time give the report order.
 */
export interface ChunkEntry extends TimelineEntry {
  readonly ordinal: number;
  readonly seq: number;
}

/**
 * Brotli quality of a timeline chunk. Measured on a 1,000-router chunk of an IOSd-crash campaign (18,332 entries,
 * 1.37 MB as lines; `bench/service.mjs` campaign): quality 3 writes 112 B per router in 5.8 ms, quality 5 101 B in
 * 15.4 ms, quality 1 137 B in 5.1 ms, gzip level 6 144 B in 11.9 ms. Quality 3: the worker writes a campaign's
 * timelines at a third of the CPU of quality 5, for 11 % more bytes. Any quality reads back the same.
 */
const QUALITY = 3;

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
  const lines = [...entries]
    .sort(compareEntries)
    .map((e) => JSON.stringify([e.tMs, e.ordinal, e.seq, e.router, e.component, e.event, e.from, e.to]))
    .join('\n');
  const text = Buffer.from(lines, 'utf8');
  return brotliCompressSync(text, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: text.length,
    },
  });
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
