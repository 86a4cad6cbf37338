import { type ChassisModel } from '@asr-twin/domain';
import { formatCompileDate } from './clock.format.js';
import {
  formatXeVersionLong,
  iosdVersion,
  iosdVersionFileForm,
  isLegacyRelease,
  parseXeVersion,
  releaseTrain,
  releaseYear,
  type XeVersion,
} from './xe-version.js';

/**
 * The software image of one IOS instance, as `show redundancy` (`Image Version = …` and the lines under it)
 * and `show version` (banner, copyright notice, system image file) print it.
 */
export interface IosImage {
  /**
   * First banner line, e.g. `Cisco IOS Software [Amsterdam], ASR1000 Software
   * (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 17.3.4a, RELEASE SOFTWARE (fc1)`.
   */
  readonly banner: string;
  /** Lines printed under the banner: `Technical Support: …` (release builds only), `Copyright …`, `Compiled …`. */
  readonly bannerDetails: readonly string[];
  /** Year range of the `Cisco IOS-XE software, Copyright (c) …` notice in `show version`, e.g. `2005-2021`. */
  readonly xeCopyrightYears: string;
  /** Bundle file name, e.g. `asr1000rpx86-universalk9.17.03.04a.SPA.bin`. */
  readonly fileName: string;
}

/** IOSd image id: every ASR 1000 RP runs the 64-bit universal image in the captures (§5.2). */
export const IOSD_IMAGE_ID = 'X86_64_LINUX_IOSD-UNIVERSALK9-M';
export const TECHNICAL_SUPPORT_LINE = 'Technical Support: http://www.cisco.com/techsupport';

/**
 * File-name prefix per model, for 3.x and for 16.x+ releases (domain reference §8.12, bundle mode):
 * - 3.x: `asr1001-universalk9.03.09.01.S.153-2.S1.bin` (ASR1001, captured §5.2); integrated models use their
 *   own prefix (`asr1001x`, `asr1002x`: `asr1002x-universal.03.16.02b.S.155-3.S2b-ext.SPA.bin` in Cisco's forensic
 *   guide), RP-based chassis the RP generation (`asr1000rp1`, `asr1000rp2`, `asr1000rp3`). Real RP1/RP2 3.x
 *   images were sold per feature set (`adventerprisek9`, `advipservices`); the twin always uses `universalk9`
 *   [choice].
 * - 16.x+: the integrated ASR1001-X and ASR1002-X keep their own prefix (`asr1001x-universalk9.17.03.04a.SPA.bin`,
 *   `asr1002x-universalk9.17.03.05.SPA.bin`, certain: public listings and the forensic guide); RP2/RP3 chassis
 *   run `asr1000rpx86-universalk9.<ver>.SPA.bin` (17.06.04 on an ASR1006 RP2 in a public boot log; likely for
 *   RP3). `asr1000-universalk9` is the HX family's name, which the twin does not model. RP1-era hardware
 *   (ASR1001, ASR1002, ASR1004 with RP1) has no 16.x image (§8.11: such routers are refused where they are
 *   declared); an ASR1004 on 16.x/17.x carries an RP2, hence `asr1000rpx86`. The ASR1001 and ASR1002 keep their
 *   3.x prefix so that a stored router of that kind still renders.
 * - A router's declared RP (`hardware.rp`) names the 3.x prefix of RP-based chassis: `asr1000rp2-…` for an RP2.
 */
const IMAGE_PREFIX: Readonly<Record<ChassisModel, readonly [legacy: string, modern: string]>> = {
  ASR1001: ['asr1001', 'asr1001'],
  'ASR1001-X': ['asr1001x', 'asr1001x'],
  ASR1002: ['asr1000rp1', 'asr1000rp1'],
  'ASR1002-X': ['asr1002x', 'asr1002x'],
  ASR1004: ['asr1000rp1', 'asr1000rpx86'],
  ASR1006: ['asr1000rp2', 'asr1000rpx86'],
  'ASR1006-X': ['asr1000rp3', 'asr1000rpx86'],
  'ASR1009-X': ['asr1000rp3', 'asr1000rpx86'],
  ASR1013: ['asr1000rp2', 'asr1000rpx86'],
};

/** 3.x prefix of an RP generation (`ASR1000-RP2` → `asr1000rp2`), or undefined for an integrated RP. */
function rpPrefix(rp: string | undefined): string | undefined {
  const n = rp === undefined ? undefined : /^ASR1000-RP(\d)$/.exec(rp)?.[1];
  return n === undefined ? undefined : `asr1000rp${n}`;
}

/**
 * Bundle file name of a release on a model (see {@link IMAGE_PREFIX} for the naming choice); `rp`, the router's
 * RP product id, names the 3.x prefix of RP-based chassis.
 */
export function imageFileName(model: ChassisModel, v: XeVersion, rp?: string): string {
  const [table, modern] = IMAGE_PREFIX[model];
  const legacy = rpPrefix(rp) ?? table;
  if (!isLegacyRelease(v)) return `${modern}-universalk9.${formatXeVersionLong(v)}.SPA.bin`;
  const ios = iosdVersionFileForm(v);
  return `${legacy}-universalk9.${formatXeVersionLong(v)}${ios ? `.${ios}` : ''}.bin`;
}

/**
 * The banner's platform word: the 3.9S capture prints `IOS-XE Software`, a 3.13S capture and every 16.x+
 * capture `ASR1000 Software`. Where between 3.9 and 3.13 it changed is not known; 3.13 is the cut [uncertain].
 */
function platformWord(v: XeVersion): string {
  return isLegacyRelease(v) && v.minor < 13 ? 'IOS-XE' : 'ASR1000';
}

function banner(v: XeVersion): string {
  const train = releaseTrain(v);
  const head = train ? `Cisco IOS Software [${train}],` : 'Cisco IOS Software,';
  return `${head} ${platformWord(v)} Software (${IOSD_IMAGE_ID}), Version ${iosdVersion(v)}, RELEASE SOFTWARE (fc1)`;
}

/**
 * A synthetic but plausible build date: mid-month in the estimated release year, spread over the year by
 * minor and rebuild number. Real compile dates are per build and not modelled.
 */
function compileEpochMs(v: XeVersion): number {
  const month = ((((v.minor - 1) % 3) + 3) % 3) * 4 + Math.min(v.rebuild, 3);
  return Date.UTC(releaseYear(v), month, 15, 12, 0);
}

/**
 * Image of release `version` on `model`. Versions that are not a known IOS-XE form (an engineering label)
 * still render, with the text used as is and no release train.
 */
export function iosImage(model: ChassisModel, version: string, rp?: string): IosImage {
  const v = parseXeVersion(version);
  if (!v) {
    const text = version.trim();
    return {
      banner: `Cisco IOS Software, ASR1000 Software (${IOSD_IMAGE_ID}), Version ${text}, RELEASE SOFTWARE (fc1)`,
      bannerDetails: [
        TECHNICAL_SUPPORT_LINE,
        'Copyright (c) 1986-2024 by Cisco Systems, Inc.',
        `Compiled ${formatCompileDate(Date.UTC(2024, 0, 15, 12, 0))} by mcpre`,
      ],
      xeCopyrightYears: '2005-2024',
      fileName: `${IMAGE_PREFIX[model][1]}-universalk9.${text}.SPA.bin`,
    };
  }
  const year = releaseYear(v);
  return {
    banner: banner(v),
    bannerDetails: [TECHNICAL_SUPPORT_LINE, `Copyright (c) 1986-${year} by Cisco Systems, Inc.`, `Compiled ${formatCompileDate(compileEpochMs(v))} by mcpre`],
    xeCopyrightYears: `2005-${year}`,
    fileName: imageFileName(model, v, rp),
  };
}
