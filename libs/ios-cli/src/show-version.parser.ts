import { isChassisModel, type ChassisModel } from '@asr-twin/domain';
import type { ParseResult } from './parse-result.js';
import { abort, runParser, type SourceLine } from './text-lines.js';
import { parseUptime } from './uptime.format.js';
import { formatXeVersion, parseXeVersion, xeVersionFromIosd } from './xe-version.js';

/** What `show version` says. Uptimes have minute precision, as printed. */
export interface ShowVersionObservation {
  readonly command: 'show version';
  readonly hostname: string;
  /**
   * Canonical IOS-XE release (`17.5.1a`, `3.9.1S`): from `Cisco IOS XE Software, Version …` or
   * `IOS XE Version: …`, else from the IOSd banner; `null` for an engineering build or plain IOS.
   */
  readonly xeVersion: string | null;
  /** The IOS-XE version as printed (`17.05.01a`, `03.09.01.S`), or `null` when no such line exists. */
  readonly xeVersionText: string | null;
  /** IOSd release in the banner: `15.3(2)S1`, `17.5.1a`, `16.3.20170410:103306`. */
  readonly iosVersion: string;
  /** `X86_64_LINUX_IOSD-UNIVERSALK9-M`. */
  readonly imageId: string;
  /** Release train in brackets (`Bengaluru`), `null` on 3.x. */
  readonly releaseTrain: string | null;
  readonly experimental: boolean;
  readonly rommon: string | null;
  readonly uptimeMs: number;
  readonly controlProcessorUptimeMs: number | null;
  readonly returnedToRomBy: string | null;
  /** Time stamps exactly as printed (zone names are not resolvable to offsets). */
  readonly returnedToRomAt: string | null;
  readonly systemRestartedAt: string | null;
  readonly systemImage: string | null;
  readonly lastReloadReason: string | null;
  readonly licenseLevel: string | null;
  readonly licenseType: string | null;
  /** `License Mode:` of 17.x, e.g. `Controller-Managed`. */
  readonly licenseMode: string | null;
  /** `Smart Licensing Status:` of 17.x, e.g. `Registration Not Applicable/Not Applicable`. */
  readonly smartLicensingStatus: string | null;
  /** `Router operating mode:` of 17.x: `Autonomous` or `Controller-Managed`. */
  readonly routerOperatingMode: string | null;
  /** Chassis in the processor line: `ASR1001`, `ASR1006`, `CSR1000V`. */
  readonly chassis: string | null;
  /** The chassis when it is a model the twin knows. */
  readonly model: ChassisModel | null;
  /** Processor type in parentheses: `1RU`, `RP2`, `1NG`. */
  readonly processorType: string | null;
  readonly processorMemory: string | null;
  /** `Processor board ID`. */
  readonly serial: string | null;
  readonly configRegister: string | null;
  readonly nextConfigRegister: string | null;
}

const COMMAND = 'show version';

/**
 * `Cisco IOS Software [Train], <platform> Software (<image id>), [Experimental ]Version <version>…`. Between the
 * comma and `Software` a single lazy `.*?` (not `\s*.*?\s*`, which matches the same text but backtracks
 * cubically: a 2,000-character line of spaces took seconds).
 */
const BANNER = /^Cisco IOS Software(?:\s*\[([^\]]*)\])?,.*?Software\s+\(([^)]+)\),?\s+(Experimental\s+)?Version\s+([^\s,]+)/;
const PATTERNS = {
  xeModern: /^Cisco IOS[ -]XE Software,\s+Version\s+(\S+)/,
  xeLegacy: /^IOS XE Version:\s*(\S+)/,
  uptime: /^(\S+)\s+uptime\s+is\s+(.+)$/,
  cpUptime: /^Uptime for this control processor is\s+(.+)$/,
  rom: /^ROM:\s*(.*)$/,
  returned: /^System returned to ROM by\s+(.+?)(?:\s+at\s+(.+))?$/,
  restarted: /^System restarted at\s+(.+)$/,
  image: /^System image file is\s+"([^"]*)"/,
  reloadReason: /^Last reload reason:\s*(.+)$/,
  licenseLevel: /^License Level:\s*(.+)$/,
  licenseType: /^License Type:\s*(.+)$/,
  licenseMode: /^License Mode:\s*(.+)$/,
  smartLicensing: /^Smart Licensing Status:\s*(.+)$/,
  operatingMode: /^Router operating mode:\s*(.+)$/,
  processor: /^cisco\s+(\S+)\s+\(([^)]*)\)\s+processor(?:\s+\(revision[^)]*\))?\s+with\s+(\S+)\s+bytes of memory/i,
  serial: /^Processor board ID\s+(\S+)/,
  register: /^Configuration register is\s+(\S+)(?:\s+\(will be\s+(\S+)\s+at next reload\))?/,
} as const;

type PatternName = keyof typeof PATTERNS;

/** First line matching a pattern (lines compared trimmed), with its match. */
interface Found {
  readonly m: RegExpExecArray;
  readonly line: number;
}

function find(lines: readonly SourceLine[], re: RegExp): Found | undefined {
  for (const line of lines) {
    const m = re.exec(line.text.trim());
    if (m) return { m, line: line.number };
  }
  return undefined;
}

function capture(lines: readonly SourceLine[], name: PatternName, group = 1): string | null {
  return find(lines, PATTERNS[name])?.m[group]?.trim() ?? null;
}

function xeVersionOf(xeText: string | null, iosVersion: string): string | null {
  const v = parseXeVersion(xeText ?? '') ?? parseXeVersion(iosVersion) ?? xeVersionFromIosd(iosVersion);
  return v ? formatXeVersion(v) : null;
}

function readUptimes(lines: readonly SourceLine[]): Pick<ShowVersionObservation, 'hostname' | 'uptimeMs' | 'controlProcessorUptimeMs'> {
  const uptime = find(lines, PATTERNS.uptime);
  if (!uptime) abort('MISSING_FIELD', `no "<hostname> uptime is …" line: not complete ${COMMAND} output`);
  const uptimeMs = parseUptime(uptime.m[2] ?? '');
  if (uptimeMs === undefined) abort('INVALID_VALUE', `"${uptime.m[2] ?? ''}" is not an uptime`, uptime.line);
  const cpLine = find(lines, PATTERNS.cpUptime);
  const cp = cpLine ? parseUptime(cpLine.m[1] ?? '') : null;
  if (cp === undefined) abort('INVALID_VALUE', `"${cpLine?.m[1] ?? ''}" is not an uptime`, cpLine?.line);
  return { hostname: uptime.m[1] ?? '', uptimeMs, controlProcessorUptimeMs: cp };
}

type HardwareFields = 'chassis' | 'model' | 'processorType' | 'processorMemory' | 'serial' | 'configRegister' | 'nextConfigRegister';

function readHardware(lines: readonly SourceLine[]): Pick<ShowVersionObservation, HardwareFields> {
  const processor = find(lines, PATTERNS.processor);
  const chassis = processor?.m[1] ?? null;
  return {
    chassis,
    model: chassis !== null && isChassisModel(chassis) ? chassis : null,
    processorType: processor?.m[2] ?? null,
    processorMemory: processor?.m[3] ?? null,
    serial: capture(lines, 'serial'),
    configRegister: capture(lines, 'register'),
    nextConfigRegister: capture(lines, 'register', 2),
  };
}

/**
 * Reads `show version` of IOS-XE 3.x (`Cisco IOS Software, IOS-XE Software (…)` + `IOS XE Version: 03.09.01.S`)
 * and 16.x/17.x (`Cisco IOS XE Software, Version 17.05.01a` + `Cisco IOS Software [Bengaluru], …`), on an ASR
 * 1000 or another IOS-XE box. Required: the IOSd banner line and the `<hostname> uptime is …` line.
 */
export function parseShowVersion(text: string): ParseResult<ShowVersionObservation> {
  return runParser(text, (lines) => {
    const banner = find(lines, BANNER);
    if (!banner) abort('UNRECOGNISED_OUTPUT', 'no "Cisco IOS Software, … Version …" banner: not show version output');
    const iosVersion = banner.m[4] ?? '';
    const xeVersionText = capture(lines, 'xeModern') ?? capture(lines, 'xeLegacy');
    return {
      command: COMMAND,
      ...readUptimes(lines),
      xeVersion: xeVersionOf(xeVersionText, iosVersion),
      xeVersionText,
      iosVersion,
      imageId: banner.m[2] ?? '',
      releaseTrain: banner.m[1] ?? null,
      experimental: banner.m[3] !== undefined,
      rommon: capture(lines, 'rom'),
      returnedToRomBy: capture(lines, 'returned'),
      returnedToRomAt: capture(lines, 'returned', 2),
      systemRestartedAt: capture(lines, 'restarted'),
      systemImage: capture(lines, 'image'),
      lastReloadReason: capture(lines, 'reloadReason'),
      licenseLevel: capture(lines, 'licenseLevel'),
      licenseType: capture(lines, 'licenseType'),
      licenseMode: capture(lines, 'licenseMode'),
      smartLicensingStatus: capture(lines, 'smartLicensing'),
      routerOperatingMode: capture(lines, 'operatingMode'),
      ...readHardware(lines),
    };
  });
}
