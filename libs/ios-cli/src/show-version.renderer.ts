import { chassisAnatomy } from '@asr-twin/domain';
import { formatIosTimestamp } from './clock.format.js';
import { redundancyView, type InstanceView } from './redundancy-view.js';
import type { ShowContext } from './show-context.js';
import { formatUptime } from './uptime.format.js';
import { formatXeVersionLong, isLegacyRelease, parseXeVersion, type XeVersion } from './xe-version.js';

/**
 * Heading of the output. 3.x (captured, §5.2): the IOSd banner first, then `IOS XE Version: 03.09.01.S`.
 * 16.x/17.x (§5.2 notes): `Cisco IOS XE Software, Version 17.05.01a` first, then the banner and two blank
 * lines. A version that is not a known IOS-XE form is shown in the 16.x layout.
 */
function headingLines(current: InstanceView, v: XeVersion | undefined): string[] {
  const image = [current.image.banner, ...current.image.bannerDetails];
  if (v && isLegacyRelease(v)) return [...image, '', `IOS XE Version: ${formatXeVersionLong(v)}`, ''];
  const xe = v ? formatXeVersionLong(v) : current.image.banner.replace(/^.*Version (\S+?),.*$/, '$1');
  return [`Cisco IOS XE Software, Version ${xe}`, ...image, '', ''];
}

function reloadLines(ctx: ShowContext, current: InstanceView): string[] {
  const { lastReload, clock } = ctx;
  const at =
    clock && lastReload.returnedToRomAtEpochMs !== null
      ? ` at ${formatIosTimestamp(lastReload.returnedToRomAtEpochMs, clock)}`
      : '';
  const lines = [
    `${ctx.hostname} uptime is ${formatUptime(ctx.systemUptimeMs)}`,
    `Uptime for this control processor is ${formatUptime(ctx.controlProcessorUptimeMs)}`,
    `System returned to ROM by ${lastReload.returnedToRomBy}${at}`,
  ];
  if (clock) lines.push(`System restarted at ${formatIosTimestamp(clock.nowEpochMs - ctx.systemUptimeMs, clock)}`);
  lines.push(`System image file is "${ctx.systemImage ?? `bootflash:${current.image.fileName}`}"`);
  lines.push(`Last reload reason: ${lastReload.reason}`);
  return lines;
}

/**
 * License block: 3.x prints Level/Type/Next (captured); 16.x Type/Level/Next (public 16.3 capture); 17.x
 * adds a Smart Licensing status line [uncertain: 17.x ASR license output varies with the licensing mode].
 */
function licenseLines(ctx: ShowContext, v: XeVersion | undefined): string[] {
  const { level, type } = ctx.license;
  const next = `Next reload license Level: ${level}`;
  if (v && isLegacyRelease(v)) return [`License Level: ${level}`, `License Type: ${type}`, next];
  const lines = [`License Type: ${type}`, `License Level: ${level}`, next];
  return v && v.major === 16 ? lines : [...lines, '', 'Smart Licensing Status: Smart Licensing Using Policy'];
}

/**
 * Processor line: 16.x+ adds `(revision RP2)` after the processor label (§5.2 notes); 3.x does not. 17.x
 * prints `Router operating mode:` (a 17.5 public capture); the twin's routers are autonomous [choice].
 */
function hardwareLines(ctx: ShowContext, v: XeVersion | undefined): string[] {
  const label = chassisAnatomy(ctx.state.model).processorLabel;
  const legacy = v !== undefined && isLegacyRelease(v);
  const revision = legacy ? '' : ` (revision ${label.replace(/^.*\((.*)\)$/, '$1')})`;
  const hw = ctx.hardware;
  return [
    `cisco ${label} processor${revision} with ${hw.processorMemory} bytes of memory.`,
    `Processor board ID ${ctx.serial}`,
    ...(v === undefined || v.major >= 17 ? ['Router operating mode: Autonomous'] : []),
    ...hw.interfaces.map((i) => `${i.count} ${i.kind} interface${i.count === 1 ? '' : 's'}`),
    `${hw.nvramKb}K bytes of non-volatile configuration memory.`,
    `${hw.physicalMemoryKb}K bytes of physical memory.`,
    ...hw.storage.map((s) => `${s.sizeKb}K bytes of ${s.kind} at ${s.device}.`),
  ];
}

function configRegisterLine(ctx: ShowContext): string {
  const next = ctx.nextConfigRegister;
  const later = next !== null && next !== ctx.configRegister ? ` (will be ${next} at next reload)` : '';
  return `Configuration register is ${ctx.configRegister}${later}`;
}

/**
 * `show version` of a twin router as its answering IOS instance prints it, in the 3.x layout of the ASR1001
 * capture or the 16.x/17.x layout (domain reference §5.2). A real router also prints Cisco's GPL notice
 * after the IOS-XE copyright line and an export-compliance notice after the reload lines; the twin leaves
 * both paragraphs out (the reference elides them too): they carry no state and no community parser reads
 * them. The 3.x output keeps the line holding a single space where the export notice begins. Lines end
 * with `\n`.
 */
export function renderShowVersion(ctx: ShowContext): string {
  const { current } = redundancyView(ctx);
  const instance = ctx.state.instances.find((i) => i.name === current.name);
  const v = parseXeVersion(instance?.softwareVersion ?? '');
  const legacy = v !== undefined && isLegacyRelease(v);
  const lines = [
    ...headingLines(current, v),
    `Cisco IOS-XE software, Copyright (c) ${current.image.xeCopyrightYears} by cisco Systems, Inc.`,
    '',
    '',
    `ROM: ${ctx.rommon}`,
    '',
    ...reloadLines(ctx, current),
    '',
    ...(legacy ? [' ', ''] : ['', '']),
    ...licenseLines(ctx, v),
    '',
    ...hardwareLines(ctx, v),
    '',
    configRegisterLine(ctx),
  ];
  return `${lines.join('\n')}\n`;
}
