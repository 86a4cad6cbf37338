import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { iosImage } from './ios-image.js';
import { CRYPTO_EXPORT_NOTICE, GPL_NOTICE, isCryptoImage } from './version-notices.js';

const fixture = (name: string): string => readFileSync(new URL(`../test-fixtures/${name}`, import.meta.url), 'utf8');
const CAPTURES = ['asr1001-show-version-03.09.01.S-full.txt', 'asr1006-show-version-16.3-engineering.txt', 'asr1001x-show-version-17.05.01a.txt'] as const;

describe('§8.13 notices are Cisco’s text, verbatim from the captures', () => {
  it.each(CAPTURES)('§8.13: %s holds the 8-line GPL notice right under the IOS-XE copyright line', (name) => {
    const lines = fixture(name).split('\n');
    const copyright = lines.findIndex((l) => l.startsWith('Cisco IOS-XE software, Copyright (c) 2005-'));
    expect(GPL_NOTICE).toHaveLength(8);
    expect(lines.slice(copyright + 1, copyright + 9)).toEqual(GPL_NOTICE);
  });

  it.each(CAPTURES)('§8.13: %s holds the 14-line export notice, from "This product" to export@cisco.com.', (name) => {
    const lines = fixture(name).split('\n');
    const start = lines.indexOf('This product contains cryptographic features and is subject to United');
    expect(CRYPTO_EXPORT_NOTICE).toHaveLength(14);
    expect(lines.slice(start, start + 14)).toEqual(CRYPTO_EXPORT_NOTICE);
  });

  it('§8.13: k9 images carry the export notice; a non-k9 feature set (3.2S advipservices) does not', () => {
    const image = iosImage('ASR1004', '3.2.0S');
    expect(isCryptoImage(image)).toBe(true);
    expect(isCryptoImage({ ...image, banner: image.banner.replace('UNIVERSALK9', 'ADVIPSERVICES') })).toBe(false);
  });
});
