import { describe, expect, it } from 'vitest';
import { checkRequestInput, checkTextBody, checkValue, unstorableIndex } from './storable-text.js';

describe('unstorableIndex', () => {
  it('finds U+0000 and unpaired surrogates, and passes paired surrogates and ordinary text', () => {
    expect(unstorableIndex('plain text, ünïcödé, 日本')).toBe(-1);
    expect(unstorableIndex('emoji \u{1F600} ok')).toBe(-1);
    expect(unstorableIndex('ab\u0000')).toBe(2);
    expect(unstorableIndex('a\ud800b')).toBe(1);
    expect(unstorableIndex('a\udc00b')).toBe(1);
    expect(unstorableIndex('\u{1F600}\ud83d')).toBe(2);
    expect(unstorableIndex('x\u0000\ud800')).toBe(1);
    expect(unstorableIndex('x\ud800\u0000')).toBe(1);
  });
});

describe('checkValue', () => {
  it('names the first offending string by its path, keys included', () => {
    expect(checkValue({ routers: [{ hostname: 'ok' }, { hostname: 'b\u0000' }] }, '', 'body field')?.field).toBe('routers.1.hostname');
    expect(checkValue({ labels: { 'a.b': 'x\ud800' } }, '', 'body field')?.field).toBe('labels["a.b"]');
    expect(checkValue({ labels: { 'k\u0000': 'v' } }, '', 'body field')).toMatchObject({
      field: 'labels["k\\u0000"]',
      message: 'body field key "k\\u0000" contains U+0000 (NUL) at character 2, which PostgreSQL cannot store',
    });
    expect(checkValue({ a: 1, b: true, c: null, d: ['x', { e: 'y' }] }, '', 'body field')).toBeNull();
  });

  it('walks deep nesting without recursion', () => {
    let deep: unknown = 'bad\u0000';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(checkValue(deep, '', 'body field')?.message).toContain('U+0000');
  });
});

describe('checkTextBody and checkRequestInput', () => {
  it('gives the line and column in a text body', () => {
    expect(checkTextBody('line one\nline two\n  x\u0000')).toMatchObject({ field: 'body', line: 3, column: 4 });
  });

  it('checks path, then query, then body', () => {
    expect(checkRequestInput({ params: { id: 'a\u0000' }, query: { q: 'b\u0000' }, body: undefined })?.message).toBe(
      'path parameter id contains U+0000 (NUL) at character 2, which PostgreSQL cannot store',
    );
    expect(checkRequestInput({ params: {}, query: { fleet: ['ok', 'x\u0000'] }, body: undefined })?.field).toBe('fleet.1');
    expect(checkRequestInput({ params: {}, query: {}, body: 'text\u0000' })?.field).toBe('body');
    expect(checkRequestInput({ params: { id: 'x' }, query: {}, body: { name: 'ok' } })).toBeNull();
  });
});
