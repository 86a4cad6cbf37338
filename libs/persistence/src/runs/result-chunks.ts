import { brotliDecompressSync } from 'node:zlib';
import { compressChunkText } from './chunk-compression.js';

/**
 * The results of a chunk as the simulator wrote them (`JSON.stringify` of each router's `RouterResult`), in the
 * chunk's router order, one per line (JSON text never holds a raw line break), brotli-compressed: kept byte for byte
 * for the report, the JUnit and a router's "why", while what queries filter and count on sits in the chunk's array
 * columns. Results of a campaign repeat each other from router to router: about 16 B per router where the JSON is about
 * 900 B.
 */
export function encodeResultTexts(texts: readonly string[]): Buffer {
  return compressChunkText(Buffer.from(texts.join('\n'), 'utf8'));
}

/** The result texts of a chunk, in its router order. */
export function decodeResultTexts(data: Buffer): string[] {
  return brotliDecompressSync(data).toString('utf8').split('\n');
}
