import { hardwareOf, processorLabelOf, type RpSlot } from '@asr-twin/domain';
import { formatIosTimestamp } from './clock.format.js';
import { redundancyView, type InstanceView } from './redundancy-view.js';
import type { ShowContext } from './show-context.js';
import { formatUptime } from './uptime.format.js';
import { isSmartLicensingRelease, licenseLines, ROUTER_OPERATING_MODE_TEXT } from './version-license.js';
import { CRYPTO_EXPORT_NOTICE, GPL_NOTICE, isCryptoImage } from './version-notices.js';
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
  const at = clock && lastReload.returnedToRomAtEpochMs !== null ? ` at ${formatIosTimestamp(lastReload.returnedToRomAtEpochMs, clock)}` : '';
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
 * Processor line: 16.x+ adds `(revision RP2)` after the processor label (§5.2 notes); 3.x does not. 17.x
 * prints `Router operating mode: Autonomous | Controller-Managed` after the board ID (§8.13, the context's
 * `routerOperatingMode`).
 */
function hardwareLines(ctx: ShowContext, v: XeVersion | undefined): string[] {
  const label = processorLabelOf(ctx.state.model, hardwareOf(ctx.state).rp);
  const legacy = v !== undefined && isLegacyRelease(v);
  const revision = legacy ? '' : ` (revision ${label.replace(/^.*\((.*)\)$/, '$1')})`;
  const hw = ctx.hardware;
  return [
    `cisco ${label} processor${revision} with ${hw.processorMemory} bytes of memory.`,
    `Processor board ID ${ctx.serial}`,
    ...(isSmartLicensingRelease(v) ? [`Router operating mode: ${ROUTER_OPERATING_MODE_TEXT[ctx.routerOperatingMode]}`] : []),
    ...hw.interfaces.map((i) => `${i.count} ${i.kind} interface${i.count === 1 ? '' : 's'}`),
    `${hw.nvramKb}K bytes of non-volatile configuration memory.`,
    `${hw.physicalMemoryKb}K bytes of physical memory.`,
    ...hw.storage.map((s) => `${s.sizeKb}K bytes of ${s.kind} at ${s.device}.`),
  ];
}

/**
 * `ROM:` (§8.13): the context's text, else `IOS-XE ROMMON` before 17.x and from 17.x the ROMMON version, i.e.
 * the firmware version `show platform` lists for the RP of the answering instance.
 */
function romText(ctx: ShowContext, host: RpSlot | undefined, v: XeVersion | undefined): string {
  if (ctx.rommon !== null) return ctx.rommon;
  const rommon = host === undefined ? undefined : ctx.platform.modules[host]?.firmwareVersion;
  return v !== undefined && v.major >= 17 && rommon !== undefined ? rommon : 'IOS-XE ROMMON';
}

/**
 * The lines between `Last reload reason:` and the licence block: three separators (the middle one a single
 * space on 3.x, as captured), then for a k9 image Cisco's export notice and an empty line. A non-k9 image
 * prints no notice [choice: the separators are kept, their count without the notice is not captured].
 */
function exportNoticeLines(current: InstanceView, legacy: boolean): string[] {
  const separators = ['', legacy ? ' ' : '', ''];
  return isCryptoImage(current.image) ? [...separators, ...CRYPTO_EXPORT_NOTICE, ''] : separators;
}

function configRegisterLine(ctx: ShowContext): string {
  const next = ctx.nextConfigRegister;
  const later = next !== null && next !== ctx.configRegister ? ` (will be ${next} at next reload)` : '';
  return `Configuration register is ${ctx.configRegister}${later}`;
}

/**
 * `show version` of a twin router as its answering IOS instance prints it, in the 3.x layout of the ASR1001
 * capture or the 16.x/17.x layout of the ASR1006 16.3 and ASR1001-X 17.5.1a captures (domain reference §5.2,
 * §8.13): Cisco's GPL notice under the IOS-XE copyright line, the export notice of a k9 image after the reload
 * lines, the licence block of the release and mode, `ROM:` by release. 17.x output ends with an empty line,
 * as in the 17.5.1a capture and public 17.x router captures. Lines end with `\n`.
 */
export function renderShowVersion(ctx: ShowContext): string {
  const { current } = redundancyView(ctx);
  const instance = ctx.state.instances.find((i) => i.name === current.name);
  const v = parseXeVersion(instance?.softwareVersion ?? '');
  const legacy = v !== undefined && isLegacyRelease(v);
  const lines = [
    ...headingLines(current, v),
    `Cisco IOS-XE software, Copyright (c) ${current.image.xeCopyrightYears} by cisco Systems, Inc.`,
    ...GPL_NOTICE,
    '',
    '',
    `ROM: ${romText(ctx, instance?.host, v)}`,
    '',
    ...reloadLines(ctx, current),
    ...exportNoticeLines(current, legacy),
    ...licenseLines(ctx.license, ctx.routerOperatingMode, v),
    '',
    ...hardwareLines(ctx, v),
    '',
    configRegisterLine(ctx),
    ...(isSmartLicensingRelease(v) ? [''] : []),
  ];
  return `${lines.join('\n')}\n`;
}
