import { describe, expect, it } from 'vitest';
import { type ChunkEntry, compareEntries, decodeTimelineChunk, encodeTimelineChunk, mergeTimelineChunks } from './timeline-chunks.js';

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
});
