import { describe, expect, it } from 'vitest';
import { imageFileName, iosImage } from './ios-image.js';
import { formatXeVersion, formatXeVersionLong, iosdVersion, normalizeXeVersion, parseXeVersion, releaseTrain, xeVersionFromIosd } from './xe-version.js';

const v = (text: string) => {
  const parsed = parseXeVersion(text);
  if (!parsed) throw new TypeError(`test version ${text} does not parse`);
  return parsed;
};

describe('IOS-XE version forms', () => {
  it('reads short, padded and 3.x forms alike', () => {
    expect(normalizeXeVersion('17.03.04a')).toBe('17.3.4a');
    expect(normalizeXeVersion('17.3.4a')).toBe('17.3.4a');
    expect(normalizeXeVersion('03.09.01.S')).toBe('3.9.1S');
    expect(normalizeXeVersion('3.9.1S')).toBe('3.9.1S');
    expect(formatXeVersion(v('03.16.04a.S'))).toBe('3.16.4aS');
    expect(normalizeXeVersion('BLD_V163_MR_THROTTLE_LATEST')).toBe('BLD_V163_MR_THROTTLE_LATEST');
    expect(parseXeVersion('16.3.20170410:103306')).toBeUndefined();
    expect(parseXeVersion('15.3(2)S1')).toBeUndefined();
  });

  it('pads the long form as the CLI and file names do', () => {
    expect(formatXeVersionLong(v('17.5.1a'))).toBe('17.05.01a');
    expect(formatXeVersionLong(v('3.9.1S'))).toBe('03.09.01.S');
  });

  it('maps 3.x releases to their IOS 15 version, as captured', () => {
    expect(iosdVersion(v('3.9.1S'))).toBe('15.3(2)S1');
    expect(iosdVersion(v('3.13.9S'))).toBe('15.4(3)S9');
    expect(iosdVersion(v('3.16.4aS'))).toBe('15.5(3)S4a');
    expect(iosdVersion(v('17.3.4a'))).toBe('17.3.4a');
    expect(xeVersionFromIosd('15.3(2)S1')).toEqual(v('3.9.1S'));
    expect(xeVersionFromIosd('12.2(33)SXH')).toBeUndefined();
  });

  it('names release trains of 16.x and 17.x only', () => {
    expect(releaseTrain(v('16.4.1'))).toBe('Everest');
    expect(releaseTrain(v('16.3.3'))).toBe('Denali');
    expect(releaseTrain(v('17.5.1a'))).toBe('Bengaluru');
    expect(releaseTrain(v('17.9.5'))).toBe('Cupertino');
    expect(releaseTrain(v('17.14.1'))).toBe('Dublin');
    expect(releaseTrain(v('3.9.1S'))).toBeUndefined();
  });
});

describe('image naming', () => {
  it('reproduces the captured 3.x file name and banner of an ASR1001', () => {
    expect(imageFileName('ASR1001', v('3.9.1S'))).toBe('asr1001-universalk9.03.09.01.S.153-2.S1.bin');
    const image = iosImage('ASR1001', '3.9.1S');
    expect(image.banner).toBe('Cisco IOS Software, IOS-XE Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 15.3(2)S1, RELEASE SOFTWARE (fc1)');
    expect(image.bannerDetails.slice(0, 2)).toEqual(['Technical Support: http://www.cisco.com/techsupport', 'Copyright (c) 1986-2013 by Cisco Systems, Inc.']);
    expect(image.bannerDetails[2]).toMatch(/^Compiled \w{3} \d{2}-\w{3}-\d{2} \d{2}:\d{2} by mcpre$/);
  });

  it('names 16.x+ bundles by RP generation or integrated chassis, zero-padded (domain §8.12)', () => {
    expect(imageFileName('ASR1006', v('17.6.4'))).toBe('asr1000rpx86-universalk9.17.06.04.SPA.bin');
    expect(imageFileName('ASR1001-X', v('17.3.4a'))).toBe('asr1001x-universalk9.17.03.04a.SPA.bin');
    expect(imageFileName('ASR1002-X', v('17.3.5'))).toBe('asr1002x-universalk9.17.03.05.SPA.bin');
    expect(iosImage('ASR1006', '17.5.1a').banner).toBe(
      'Cisco IOS Software [Bengaluru], ASR1000 Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 17.5.1a, RELEASE SOFTWARE (fc1)',
    );
  });

  it('still renders an image for a version that is not an IOS-XE release number', () => {
    const image = iosImage('ASR1004', 'lab-build-7');
    expect(image.banner).toContain('Version lab-build-7, RELEASE SOFTWARE');
    // An engineering build is a 16.x+ image: an ASR1004 running one carries an RP2 (§8.11, §8.12).
    expect(image.fileName).toBe('asr1000rpx86-universalk9.lab-build-7.SPA.bin');
  });
});

describe('image file names follow the RP generation (domain §8.11, §8.12)', () => {
  it('an ASR1004 on 17.x carries an RP2: asr1000rpx86; on 3.x its declared RP names the prefix', () => {
    expect(iosImage('ASR1004', '17.3.4a').fileName).toBe('asr1000rpx86-universalk9.17.03.04a.SPA.bin');
    expect(iosImage('ASR1004', '3.13.9S').fileName).toMatch(/^asr1000rp1-universalk9\.03\.13\.09\.S\./);
    expect(iosImage('ASR1004', '3.13.9S', 'ASR1000-RP2').fileName).toMatch(/^asr1000rp2-universalk9\.03\.13\.09\.S\./);
    expect(iosImage('ASR1002-X', '3.16.2bS', 'ASR1002-X').fileName).toMatch(/^asr1002x-/);
  });
});
