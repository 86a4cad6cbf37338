import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/**
 * Brotli quality and window of a chunk's results. On a 1,000-router chunk of an IOSd-crash campaign (about 960 KB of
 * JSON, 20 encodings each): quality 2 with a 64 KB window (lgwin 16) writes 12.3 KB in 1.0 ms; quality 3 with the
 * default 4 MB window, used before, 13.2 KB in 1.35 ms; quality 1 20.1 KB in 0.4 ms. Any quality and window read back
 * the same.
 */
const QUALITY = 2;
const WINDOW_BITS = 16;

/**
 * The results of a chunk as the simulator wrote them (`JSON.stringify` of each router's `RouterResult`), in the
 * chunk's router order, one per line (JSON text never holds a raw line break), brotli-compressed: kept byte for byte
 * for the report, the JUnit and a router's "why", while what queries filter and count on sits in the chunk's array
 * columns. Results of a campaign repeat each other from router to router: about 16 B per router where the JSON is about
 * 900 B.
 */
export function encodeResultTexts(texts: readonly string[]): Buffer {
  const text = Buffer.from(texts.join('\n'), 'utf8');
  return brotliCompressSync(text, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: WINDOW_BITS,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: text.length,
    },
  });
}

/** The result texts of a chunk, in its router order. */
export function decodeResultTexts(data: Buffer): string[] {
  return brotliDecompressSync(data).toString('utf8').split('\n');
}
