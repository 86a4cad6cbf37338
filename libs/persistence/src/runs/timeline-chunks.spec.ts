import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type ChunkEntry, compareEntries, decodeTimelineChunk, encodeTimelineChunk, mergeTimelineChunks, TimelineChunk } from './timeline-chunks.js';

/** `routers` routers from `first`, `perRouter` entries each, at times that interleave routers and chunks. */
function entries(first: number, routers: number, perRouter: number): ChunkEntry[] {
  const out: ChunkEntry[] = [];
  for (let ordinal = first; ordinal < first + routers; ordinal++) {
    for (let seq = 0; seq < perRouter; seq++) {
      out.push({
        tMs: (ordinal * 7919 + seq * 104_729) % 90_000,
        router: `edge-${ordinal}`,
        component: seq === 0 ? 'router' : `R0/${seq % 2}`,
        event: 'rf',
        from: seq === 1 ? null : 'ACTIVE',
        to: ordinal % 50 === 0 ? 'odd\t"state"\n é' : 'STANDBY HOT',
        ordinal,
        seq,
      });
    }
  }
  return out;
}

const collect = async (chunks: Buffer[]) => {
  const out: ChunkEntry[] = [];
  for await (const batch of mergeTimelineChunks(chunks)) out.push(...batch);
  return out;
};

describe('timeline chunks', () => {
  it('read back every entry in report order, whatever order they were written in', () => {
    const written = entries(0, 300, 5).reverse();
    const read = decodeTimelineChunk(encodeTimelineChunk(written));
    expect(read).toEqual([...written].sort(compareEntries));
    expect(read[0]).toEqual({ tMs: 0, router: 'edge-0', component: 'router', event: 'rf', from: 'ACTIVE', to: 'odd\t"state"\n é', ordinal: 0, seq: 0 });
  });

  it('merge several chunks in report order, across decompressed pieces smaller than a chunk', async () => {
    // About 20,000 entries per chunk: each is decompressed in several 64 KB pieces, lines split across them.
    const parts = [entries(0, 4000, 5), entries(4000, 4000, 5), entries(8000, 10, 3)];
    const merged = await collect(parts.map(encodeTimelineChunk));
    expect(merged).toHaveLength(40_030);
    expect(merged).toEqual(parts.flat().sort(compareEntries));
  });

  it('merge nothing to nothing, and one chunk to itself', async () => {
    expect(await collect([])).toEqual([]);
    const one = entries(0, 3, 2);
    expect(await collect([encodeTimelineChunk(one)])).toEqual([...one].sort(compareEntries));
  });

  it('built router by router, hold exactly the lines JSON.stringify writes, in report order', () => {
    // Times out of order inside a router's timeline, equal times across routers, strings that JSON escapes.
    const written = entries(10, 200, 6).map((e) => (e.seq === 3 ? { ...e, tMs: e.tMs - 50_000, router: 'edge "\\ \u2028 \u0001' } : e));
    const chunk = new TimelineChunk();
    for (let ordinal = 10; ordinal < 210; ordinal++)
      chunk.add(
        ordinal,
        written.filter((e) => e.ordinal === ordinal),
      );
    const expected = [...written]
      .sort(compareEntries)
      .map((e) => JSON.stringify([e.tMs, e.ordinal, e.seq, e.router, e.component, e.event, e.from, e.to]))
      .join('\n');
    expect(brotliDecompressSync(chunk.encode()).toString('utf8')).toBe(expected);
    expect([chunk.size, chunk.first, chunk.last]).toEqual([1200, 10, 209]);
    expect(chunk.entries()).toEqual([...written].sort(compareEntries));
    // Times that cannot be packed with a position into one double are compared instead, to the same order.
    const far = written.map((e) => (e.seq === 2 ? { ...e, tMs: e.tMs + 0.5 } : e));
    expect(TimelineChunk.of(far).entries()).toEqual([...far].sort(compareEntries));
    expect(chunk.entries()).toEqual([...written].sort(compareEntries));
  });

  it('refuse a router added out of order, which would break the report order', () => {
    const chunk = new TimelineChunk();
    const one = entries(5, 1, 2);
    chunk.add(5, one);
    expect(() => chunk.add(4, one)).toThrow(/router 4 added after entry 1 of router 5/);
    expect(() => chunk.add(5, one)).toThrow(/entry 0 of router 5 added after entry 1 of router 5/);
    expect(chunk.size).toBe(2);
  });
});
