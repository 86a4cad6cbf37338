import { brotliCompressSync, constants } from 'node:zlib';

/**
 * Brotli quality and window of a run's stored chunks (results and timelines). Measured on 1,000-router chunks of an
 * IOSd-crash campaign (`simulateBatch` over examples/iosd-crash.yaml in a scratch script), 20 encodings each:
 * - timeline (20,000 entries, 1.8 MB as lines): quality 2 with a 64 KB window (lgwin 16) writes 100.6 KB in 3.6–4.0 ms;
 *   quality 3 with the default 4 MB window, used before, 113.2 KB in 5.4 ms; quality 3 with lgwin 16 100.1 KB in
 *   4.9 ms; quality 1 140–143 KB in 2.2–2.5 ms; quality 4 94.9 KB in 7.3 ms;
 * - results (about 960 KB of JSON): quality 2, lgwin 16 12.3 KB in 1.0 ms; quality 3 with the default window 13.2 KB in
 *   1.35 ms; quality 1 20.1 KB in 0.4 ms.
 *
 * A chunk repeats itself from router to router within a few kilobytes, so a small window loses nothing and searches
 * less. Any quality and window read back the same.
 */
const QUALITY = 2;
const WINDOW_BITS = 16;

/** UTF-8 text of a chunk, brotli-compressed as stored. */
export function compressChunkText(text: Buffer): Buffer {
  return brotliCompressSync(text, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: WINDOW_BITS,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: text.length,
    },
  });
}
