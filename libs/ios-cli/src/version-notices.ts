import type { IosImage } from './ios-image.js';

/**
 * Cisco's fixed notices in `show version` (domain reference §8.13). The text is identical, byte for byte, in
 * the three public captures the reference names: ntc-templates `tests/cisco_ios/show_version/
 * cisco_ios_show_version2.raw` (ASR1001, 3.9.1S), genieparser `iosxe/tests/ShowVersion/cli/equal/
 * golden_output_asr1k_output.txt` (ASR1006 RP2, 16.3) and `golden_output_6_output.txt` (ASR1001-X, 17.5.1a);
 * `test-fixtures/*-show-version-*.txt` keep the captures and `version-notices.spec.ts` checks each against them.
 */

/** The 8 lines printed under `Cisco IOS-XE software, Copyright (c) 2005-<year> by cisco Systems, Inc.`, in every release. */
export const GPL_NOTICE: readonly string[] = [
  'All rights reserved.  Certain components of Cisco IOS-XE software are',
  'licensed under the GNU General Public License ("GPL") Version 2.0.  The',
  'software code licensed under GPL Version 2.0 is free software that comes',
  'with ABSOLUTELY NO WARRANTY.  You can redistribute and/or modify such',
  'GPL code under the terms of GPL Version 2.0.  For more details, see the',
  'documentation or "License Notice" file accompanying the IOS-XE software,',
  'or the applicable URL provided on the flyer accompanying the IOS-XE',
  'software.',
];

/** The 14 lines (two of them empty) of the cryptographic export notice a k9 image prints after the reload lines. */
export const CRYPTO_EXPORT_NOTICE: readonly string[] = [
  'This product contains cryptographic features and is subject to United',
  'States and local country laws governing import, export, transfer and',
  'use. Delivery of Cisco cryptographic products does not imply',
  'third-party authority to import, export, distribute or use encryption.',
  'Importers, exporters, distributors and users are responsible for',
  'compliance with U.S. and local country laws. By using this product you',
  'agree to comply with applicable laws and regulations. If you are unable',
  'to comply with U.S. and local laws, return this product immediately.',
  '',
  'A summary of U.S. laws governing Cisco cryptographic products may be found at:',
  'http://www.cisco.com/wwl/export/crypto/tool/stqrg.html',
  '',
  'If you require further assistance please contact us by sending email to',
  'export@cisco.com.',
];

/**
 * Whether an image carries cryptography (a "k9" image), read from the IOSd image id in its banner:
 * `X86_64_LINUX_IOSD-UNIVERSALK9-M` is one, the 3.2S `…-ADVIPSERVICES-M` of the public ASR1004 tech-support
 * is not and prints no export notice (§8.13). A banner without an image id counts as k9, the twin's image.
 */
export function isCryptoImage(image: IosImage): boolean {
  const id = /Software \(([^)]+)\)/.exec(image.banner)?.[1];
  return id === undefined || /K9/i.test(id);
}
