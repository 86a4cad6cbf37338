import {
  chassisAnatomy,
  hardwareOf,
  holdsActivity,
  RF,
  type EspSlot,
  type EspStatus,
  type HostStatus,
  type InstanceStatus,
  type RpSlot,
} from '@asr-twin/domain';
import { DEFAULT_MODULE_VERSIONS } from './default-show-context.js';
import type { ModuleVersions, ShowContext } from './show-context.js';
import { formatInsertTime } from './uptime.format.js';

/** One row of the card table and, when it has versions, of the CPLD/firmware table. */
interface PlatformRow {
  readonly slot: string;
  readonly type: string;
  readonly state: string;
  readonly insertedAgoMs: number;
  readonly versions: ModuleVersions | null;
}

/** A fixed-width column: the value, padded, then the one space that separates it from the next column. */
function column(text: string, width: number): string {
  return `${text.padEnd(width - 1)} `;
}

/**
 * State of an RP row. `ok, active` / `ok, standby` as captured; the rest are choices among the state words
 * public parsers accept (`booting`, `init, standby`, `fail`, `unknown`): a rebooting host is `booting`, a
 * panicked one `fail`, a host that is down is not recognised (`unknown`, no PID), an RP whose IOS is still
 * negotiating `init, standby`, one whose IOS is DISABLED plain `ok`. An RP running two IOSd (single-RP chassis)
 * prints plain `ok` once either is in a standby or active state; its sub-slot rows carry the roles (§8.14).
 */
export function rpStateText(host: HostStatus, instances: readonly InstanceStatus[]): string {
  if (host.state === 'rebooting') return 'booting';
  if (host.state === 'panicked') return 'fail';
  if (host.state === 'down') return 'unknown';
  const hosted = instances.filter((i) => i.host === host.slot);
  // A single RP with two IOSd: the RP row says plain `ok`, the roles sit on the sub-slot rows (domain §8.14).
  if (hosted.length > 1 && hosted.some((i) => i.rfState >= RF.STANDBY_COLD)) return 'ok';
  return instanceStateText(hosted);
}

/** The role words of the IOS instances on one RP (its row on a dual-RP chassis, a sub-slot row under §8.14). */
export function instanceStateText(hosted: readonly InstanceStatus[]): string {
  if (hosted.some((i) => holdsActivity(i.rfState))) return 'ok, active';
  if (hosted.some((i) => i.rfState >= RF.STANDBY_COLD)) return 'ok, standby';
  if (hosted.some((i) => i.rfState === RF.INITIALIZATION || i.rfState === RF.NEGOTIATION)) return 'init, standby';
  return 'ok';
}

/** State of an ESP row: `ok, active` as captured; `init, <role>`, `fail`, `unknown` as parsers accept them. */
export function espStateText(esp: EspStatus): string {
  if (esp.state === 'ok' || esp.state === 'init') return `${esp.state}, ${esp.role}`;
  return esp.state === 'failed' ? 'fail' : 'unknown';
}

function moduleRows(ctx: ShowContext): PlatformRow[] {
  const pids = hardwareOf(ctx.state);
  const row = (slot: RpSlot | EspSlot, type: string, state: string): PlatformRow => {
    const versions: ModuleVersions = ctx.platform.modules[slot] ?? DEFAULT_MODULE_VERSIONS;
    const insertedAgoMs = versions.insertedAgoMs ?? ctx.controlProcessorUptimeMs;
    return { slot, type: state === 'unknown' ? '' : type, state, insertedAgoMs, versions };
  };
  // An RP slot the population leaves empty prints no row (§8.10), as an ESP slot without an ESP.
  const installed = ctx.state.hosts.slice(0, pids.rps ?? ctx.state.hosts.length);
  return [
    ...installed.flatMap((h) => [row(h.slot, pids.rp, rpStateText(h, ctx.state.instances)), ...subSlotRows(ctx, h)]),
    ...ctx.state.esps.map((e) => row(e.slot, pids.esp, espStateText(e))),
  ];
}

/**
 * Sub-slot rows of an RP that runs two IOSd (domain §8.14): one row per instance (`R0/0`, `R0/1`), the type
 * column empty, the state the instance's HA role (`ok, active`, `ok, standby`, `init, standby`, `ok`), following
 * the RF roles after every IOSd switchover or restart. The row layout is §8.14's "likely" reading of
 * `show platform diag` (ntc-templates `cisco_ios_show_platform_diag.raw`, ASR1004: `Sub-slot: R0/0 … ok,
 * active`): indented by one space as bays are, no CPLD/firmware row. Printed only while the RP is up.
 */
function subSlotRows(ctx: ShowContext, host: HostStatus): PlatformRow[] {
  const hosted = ctx.state.instances.filter((i) => i.host === host.slot);
  if (hosted.length < 2 || host.state !== 'up') return [];
  const versions: ModuleVersions = ctx.platform.modules[host.slot] ?? DEFAULT_MODULE_VERSIONS;
  const insertedAgoMs = versions.insertedAgoMs ?? ctx.controlProcessorUptimeMs;
  return hosted.map((i) => ({ slot: ` ${i.name}`, type: '', state: instanceStateText([i]), insertedAgoMs, versions: null }));
}

function carrierRows(ctx: ShowContext): PlatformRow[] {
  const uptime = ctx.controlProcessorUptimeMs;
  return ctx.platform.carriers.flatMap((card) => [
    {
      slot: String(card.slot),
      type: card.type,
      state: card.state,
      insertedAgoMs: card.insertedAgoMs ?? uptime,
      versions: { cpldVersion: card.cpldVersion, firmwareVersion: card.firmwareVersion },
    },
    ...card.bays.map((bay) => ({
      slot: ` ${card.slot}/${bay.bay}`,
      type: bay.type,
      state: bay.state,
      insertedAgoMs: bay.insertedAgoMs ?? uptime,
      versions: null,
    })),
  ]);
}

/** `show platform` words of a supply the twin state tracks (domain §8.9): `ps, fail` as the ASR1006 capture. */
const PSU_TEXT = { ok: 'ok', failed: 'ps, fail' } as const;

/**
 * Supply and fan-tray rows of the inventory. Where the twin state tracks a bay (`state.psus`), its state wins: a
 * failed supply prints `ps, fail`, an empty bay prints no row (§8.9).
 */
function powerRows(ctx: ShowContext): PlatformRow[] {
  const tracked = new Map((ctx.state.psus ?? []).map((p) => [p.slot as string, p.state]));
  return ctx.platform.powerSupplies.flatMap((p) => {
    const state = tracked.get(p.slot);
    if (state === 'empty') return [];
    return [
      {
        slot: p.slot,
        type: p.type,
        state: state === undefined ? p.state : PSU_TEXT[state],
        insertedAgoMs: p.insertedAgoMs ?? ctx.controlProcessorUptimeMs,
        versions: null,
      },
    ];
  });
}

/**
 * Version row. A card that is not recognised (no PID) prints `N/A` twice with the firmware column cut to 9
 * characters, exactly as slot 4 of the ASR1006 capture; other rows pad the firmware to 36 characters, as
 * every other row of that capture and of newer public captures.
 */
function versionLine(row: PlatformRow, versions: ModuleVersions): string {
  if (row.type === '') return `${column(row.slot, 10)}${column('N/A', 20)}${'N/A'.padEnd(9)}`;
  return `${column(row.slot, 10)}${column(versions.cpldVersion, 20)}${column(versions.firmwareVersion, 36)}`;
}

/**
 * `show platform` of a twin router in the ASR 1000 format (ASR1006 capture, domain reference §5.2): card
 * table (carriers and their bays, RPs and ESPs from the twin state, power supplies), then the CPLD and
 * firmware table. Fixed columns of 10/20/22/14 and 10/20/36 characters, each ending in a space. Lines end
 * with `\n`.
 */
export function renderShowPlatform(ctx: ShowContext): string {
  const rows = [...carrierRows(ctx), ...moduleRows(ctx), ...powerRows(ctx)];
  const cardLines = rows.map((r) => {
    const insert = formatInsertTime(r.insertedAgoMs);
    return `${column(r.slot, 10)}${column(r.type, 20)}${column(r.state, 22)}${column(insert, 14)}`;
  });
  const versionLines = rows.flatMap((r) => (r.versions ? [versionLine(r, r.versions)] : []));
  const lines = [
    `Chassis type: ${chassisAnatomy(ctx.state.model).pids.chassis.padEnd(20)}`,
    '',
    'Slot      Type                State                 Insert time (ago) ',
    '--------- ------------------- --------------------- ----------------- ',
    ...cardLines,
    '',
    'Slot      CPLD Version        Firmware Version                        ',
    '--------- ------------------- --------------------------------------- ',
    ...versionLines,
  ];
  return `${lines.join('\n')}\n`;
}
