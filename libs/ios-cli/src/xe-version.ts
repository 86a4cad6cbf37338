/**
 * IOS-XE release numbers in the forms the CLI and the twin use.
 *
 * - 3.x releases (the "S" train): `3.9.1S`, `03.09.01.S` (`IOS XE Version:` line, file names), IOSd
 *   version `15.3(2)S1` (domain reference §5.2: IOS-XE 3.9.1S = IOS 15.3(2)S1).
 * - 16.x/17.x: `17.3.4a` (IOSd banner), `17.03.04a` (`Cisco IOS XE Software, Version …`, file names).
 */
export interface XeVersion {
  readonly major: number;
  readonly minor: number;
  readonly rebuild: number;
  /** Letters (and digits) after the rebuild number: `a` in 17.3.4a, `prd4` in 16.7.1prd4; often empty. */
  readonly suffix: string;
}

// The suffix group is lazy so that the `S` of `3.9.1S` is read as the train marker, not as a suffix.
const VERSION_FORM = /^0*(\d+)\.0*(\d+)\.0*(\d+)([a-z][a-z0-9]*?)??(?:\.?S)?$/i;

/**
 * Reads any of the accepted forms (`17.3.4a`, `17.03.04a`, `3.9.1S`, `03.09.01.S`, `3.16.4aS`), or
 * `undefined` for anything else (e.g. an engineering build label).
 */
export function parseXeVersion(text: string): XeVersion | undefined {
  const m = VERSION_FORM.exec(text.trim());
  if (!m) return undefined;
  const major = Number(m[1]);
  if (major !== 3 && major < 16) return undefined;
  return { major, minor: Number(m[2]), rebuild: Number(m[3]), suffix: (m[4] ?? '').toLowerCase() };
}

export function isLegacyRelease(v: XeVersion): boolean {
  return v.major < 16;
}

/** Canonical short form used in observations and the twin's state: `17.3.4a`, `3.9.1S`. */
export function formatXeVersion(v: XeVersion): string {
  const base = `${v.major}.${v.minor}.${v.rebuild}${v.suffix}`;
  return isLegacyRelease(v) ? `${base}S` : base;
}

/** Canonical form of a version string, or the trimmed text itself when it is not a known form. */
export function normalizeXeVersion(text: string): string {
  const v = parseXeVersion(text);
  return v ? formatXeVersion(v) : text.trim();
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Zero-padded form: `17.03.04a` (16.x+), `03.09.01.S` (3.x). */
export function formatXeVersionLong(v: XeVersion): string {
  const base = `${pad2(v.major)}.${pad2(v.minor)}.${pad2(v.rebuild)}${v.suffix}`;
  return isLegacyRelease(v) ? `${base}.S` : base;
}

/**
 * IOS 15 release behind IOS-XE 3.<minor>S, as `[train, maintenance]`: 3.9S → 15.3(2)S. Entries for 3.9S,
 * 3.13S and 3.16S are confirmed by captures (15.3(2)S1, 15.4(3)S9, 15.5(3)S4a); the others follow Cisco's
 * published release mapping as remembered, not checked here [uncertain].
 */
const LEGACY_IOS_TRAIN: Readonly<Record<number, readonly [string, number]>> = {
  1: ['15.0', 1],
  2: ['15.1', 1],
  3: ['15.1', 2],
  4: ['15.1', 3],
  5: ['15.2', 1],
  6: ['15.2', 2],
  7: ['15.2', 4],
  8: ['15.3', 1],
  9: ['15.3', 2],
  10: ['15.3', 3],
  11: ['15.4', 1],
  12: ['15.4', 2],
  13: ['15.4', 3],
  14: ['15.5', 1],
  15: ['15.5', 2],
  16: ['15.5', 3],
  17: ['15.6', 1],
  18: ['15.6', 2],
};

/**
 * Version the IOSd banner prints: `17.3.4a` for 16.x+, `15.3(2)S1` for 3.9.1S, the XE form when a 3.x
 * minor is outside the known mapping.
 */
export function iosdVersion(v: XeVersion): string {
  if (!isLegacyRelease(v)) return formatXeVersion(v);
  const train = LEGACY_IOS_TRAIN[v.minor];
  if (!train) return formatXeVersion(v);
  const rebuild = v.rebuild === 0 && v.suffix === '' ? '' : `${v.rebuild}${v.suffix}`;
  return `${train[0]}(${train[1]})S${rebuild}`;
}

/** File-name form of the IOSd version of a 3.x release: `153-2.S1` for 15.3(2)S1. */
export function iosdVersionFileForm(v: XeVersion): string | undefined {
  const train = LEGACY_IOS_TRAIN[v.minor];
  if (!isLegacyRelease(v) || !train) return undefined;
  const rebuild = v.rebuild === 0 && v.suffix === '' ? '' : `${v.rebuild}${v.suffix}`;
  return `${train[0].replace('.', '')}-${train[1]}.S${rebuild}`;
}

/** Reverse of {@link iosdVersion} for 3.x banners: `15.3(2)S1` → 3.9.1S; `undefined` if not in the table. */
export function xeVersionFromIosd(text: string): XeVersion | undefined {
  const m = /^(\d+\.\d+)\((\d+)\)S(\d*)([a-z]*)$/i.exec(text.trim());
  if (!m) return undefined;
  const entry = Object.entries(LEGACY_IOS_TRAIN).find(([, [train, mr]]) => train === m[1] && mr === Number(m[2]));
  if (!entry) return undefined;
  return { major: 3, minor: Number(entry[0]), rebuild: Number(m[3] || '0'), suffix: (m[4] ?? '').toLowerCase() };
}

/**
 * Release-train name in `Cisco IOS Software [Amsterdam], …` (16.x+ only). Denali 16.1–16.3 … Dublin
 * 17.10–17.14 follow the captures and Cisco's naming; `IOSXE` from 17.15 on comes from one engineering
 * build seen in a public parser's comments [uncertain].
 */
export function releaseTrain(v: XeVersion): string | undefined {
  if (isLegacyRelease(v)) return undefined;
  const third = Math.max(0, Math.floor((v.minor - 1) / 3));
  if (v.major === 16) return (['Denali', 'Everest', 'Fuji', 'Gibraltar'] as const)[Math.min(3, third)];
  if (v.major === 17 && v.minor <= 14) {
    return (['Amsterdam', 'Bengaluru', 'Cupertino', 'Dublin', 'Dublin'] as const)[third];
  }
  return 'IOSXE';
}

/**
 * Year a release was built, to fill copyright and compile lines; an estimate from the release cadence
 * (3.9S → 2013 and 17.5 → 2021 as in the captures), not a table of real dates.
 */
export function releaseYear(v: XeVersion): number {
  if (isLegacyRelease(v)) return 2010 + Math.floor(v.minor * 0.4);
  const base = v.major === 16 ? 2015 : 2019 + (v.major - 17) * 6;
  return base + Math.ceil(Math.max(1, v.minor) / 3);
}
