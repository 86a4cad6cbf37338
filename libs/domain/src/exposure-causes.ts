import type { AuditCell } from './audit-cells.js';
import { chassisAnatomy, type ChassisModel } from './chassis.js';
import { holdsActivity, RF, rfStateFromName } from './rf-state.js';
import type { RouterStart } from './router-start.js';

/** Host-level faults that, on a single-RP chassis, take both IOS instances at once (domain §7 #14). */
const HOST_WIDE = new Set(['host-kernel-panic', 'rp-failure']);

/**
 * Why a router is exposed to one single fault, in the words an operator uses: derived from the router's
 * starting state and the fault that exposed it. Examples: `simplex`, `operating RPR`, `peers on different
 * images`, `peer STANDBY COLD-BULK`, `RP R1 down`, `single RP`, `single ESP`, `ESP F0 failed`, `no power
 * redundancy`. When nothing in the start explains it, `<fault>@<target> not survived`.
 */
export function exposureCause(model: ChassisModel, start: RouterStart, cell: AuditCell): string {
  if (cell.fault === 'power-loss') return 'no power redundancy';
  if (cell.fault === 'psu-failure') return start.psus?.some((p) => p.state !== 'ok') ? 'single power supply' : notSurvived(cell);
  if (cell.fault === 'esp-failure') return espCause(model, start) ?? notSurvived(cell);
  const anatomy = chassisAnatomy(model);
  if (anatomy.rpSlots.length === 1 && HOST_WIDE.has(cell.fault)) return 'single RP';
  return redundancyCause(start) ?? notSurvived(cell);
}

function notSurvived(cell: AuditCell): string {
  return `${cell.key} not survived`;
}

/** The ESP side: a chassis with one ESP, or a second ESP that is not ready to take over. */
function espCause(model: ChassisModel, start: RouterStart): string | null {
  if (chassisAnatomy(model).espSlots.length === 1 || start.esps.length === 1) return 'single ESP';
  const broken = start.esps.find((e) => e.state !== 'ok');
  return broken ? `ESP ${broken.slot} ${broken.state}` : null;
}

/**
 * The redundancy side, first match wins: no redundancy at all, a peer RP that is down, SSO lost to an image
 * difference, RPR operation, then a peer unit that is not (yet) a hot standby.
 */
export function redundancyCause(start: RouterStart): string | null {
  if (start.operatingMode === 'none') return 'simplex';
  const downHost = start.hosts.find((h) => h.state !== 'up');
  if (downHost && start.hosts.length > 1) return `RP ${downHost.slot} ${downHost.state}`;
  const [a, b] = start.instances;
  if (start.operatingMode === 'rpr') return a && b && a.image !== b.image ? 'peers on different images' : 'operating RPR';
  const peer = start.instances.find((i) => {
    const code = rfStateFromName(i.rfState);
    return code === undefined || !holdsActivity(code);
  });
  if (!peer) return null;
  if (peer.domainState !== 'RUNNING') return `peer ${peer.domainState}`;
  const code = rfStateFromName(peer.rfState);
  if (code !== undefined && code < RF.STANDBY_HOT) return `peer ${peer.rfState}`;
  if (peer.configSyncFailure) return 'peer fails config sync';
  return null;
}
