import { describe, expect, it } from 'vitest';
import { batched, chooseEncoding } from './compressed-download.js';

describe('chooseEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['identity', 'identity'],
    ['deflate', 'identity'],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br', 'br'],
    ['gzip, deflate, br', 'gzip'],
    ['gzip, deflate, br, zstd', 'gzip'],
    ['br;q=1.0, gzip;q=0.8', 'br'],
    ['gzip;q=0.5, br;q=0.4', 'gzip'],
    ['gzip;q=0, br', 'br'],
    ['GZIP;Q=0, BR;q=0', 'identity'],
    ['*', 'gzip'],
    ['*;q=0', 'identity'],
    ['br;q=0.9, *;q=0.1', 'br'],
    ['gzip;q=nonsense, br;q=0.2', 'br'],
    [' , gzip ;q=0.3 ,', 'gzip'],
  ])('Accept-Encoding %j gives %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe('batched', () => {
  async function* source(parts: string[]): AsyncGenerator<string> {
    yield* parts;
  }
  const all = async (it: AsyncIterable<string>) => {
    const out: string[] = [];
    for await (const piece of it) out.push(piece);
    return out;
  };

  it('joins chunks into pieces of at least the size, in order, keeping every character', async () => {
    expect(await all(batched(source(['ab', 'c', 'def', 'g', 'hi']), 3))).toEqual(['abc', 'def', 'ghi']);
    expect(await all(batched(source(['abcdef', 'g']), 3))).toEqual(['abcdef', 'g']);
    expect(await all(batched(source([]), 3))).toEqual([]);
  });
});
