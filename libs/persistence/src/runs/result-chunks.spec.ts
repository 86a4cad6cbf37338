import { describe, expect, it } from 'vitest';
import { decodeResultTexts, encodeResultTexts } from './result-chunks.js';

describe('result chunk codec', () => {
  it('gives back the texts byte for byte, in order, and stores a campaign of like results in far fewer bytes', () => {
    const texts = Array.from({ length: 500 }, (_, i) =>
      JSON.stringify({ hostname: `edge-${i}.example.net`, verdict: i % 7 === 0 ? 'fail' : 'pass', note: 'Zürich — “RP1”', metrics: { outageMs: i * 3 } }),
    );
    const data = encodeResultTexts(texts);
    expect(decodeResultTexts(data)).toEqual(texts);
    expect(data.length).toBeLessThan(Buffer.byteLength(texts.join('\n')) / 5);
  });

  it('keeps a single result and an empty text', () => {
    expect(decodeResultTexts(encodeResultTexts(['{"a":1}']))).toEqual(['{"a":1}']);
    expect(decodeResultTexts(encodeResultTexts(['{"a":1}', '']))).toEqual(['{"a":1}', '']);
  });
});
