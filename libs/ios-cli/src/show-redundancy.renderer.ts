import { holdsActivity, rfStateName } from '@asr-twin/domain';
import { modeText, redundancyLine, softwareStateText } from './redundancy-labels.js';
import { redundancyView, type InstanceView, type RedundancyView } from './redundancy-view.js';
import type { ShowContext } from './show-context.js';
import { formatUptime } from './uptime.format.js';

function section(title: string): string[] {
  return [title, '-'.repeat(title.length)];
}

function systemLines(ctx: ShowContext, view: RedundancyView): string[] {
  const communications = view.communicationsUp ? 'Up' : 'Down      Reason: Failure';
  return [
    ...section('Redundant System Information :'),
    redundancyLine('Available system uptime', formatUptime(ctx.systemUptimeMs)),
    redundancyLine('Switchovers system experienced', String(ctx.switchovers)),
    redundancyLine('Standby failures', String(ctx.standbyFailures)),
    redundancyLine('Last switchover reason', ctx.lastSwitchoverReason),
    '',
    redundancyLine('Hardware Mode', view.hardwareMode),
    redundancyLine('Configured Redundancy Mode', modeText(view.configuredMode)),
    redundancyLine('Operating Redundancy Mode', modeText(view.operatingMode)),
    redundancyLine('Maintenance Mode', ctx.maintenanceMode ? 'Enabled' : 'Disabled'),
    redundancyLine('Communications', communications),
  ];
}

function processorLines(ctx: ShowContext, instance: InstanceView): string[] {
  const location = holdsActivity(instance.rfState) ? 'Active Location' : 'Standby Location';
  return [
    redundancyLine(location, `slot ${instance.slot}`),
    redundancyLine('Current Software state', softwareStateText(instance.rfState)),
    redundancyLine('Uptime in current state', formatUptime(instance.uptimeInStateMs)),
    redundancyLine('Image Version', instance.image.banner),
    ...instance.image.bannerDetails,
    redundancyLine('BOOT', instance.boot),
    redundancyLine('CONFIG_FILE', ctx.configFile),
    redundancyLine('Configuration register', ctx.configRegister),
  ];
}

function peerLines(ctx: ShowContext, view: RedundancyView): string[] {
  if (!view.peerAvailable) {
    const state = rfStateName(view.peer.rfState);
    return [`Peer (slot: ${view.peer.slot}) information is not available because it is in '${state}' state`];
  }
  return [...section('Peer Processor Information :'), ...processorLines(ctx, view.peer)];
}

/**
 * `show redundancy` of a twin router, in the ASR 1000 IOS-XE format of the ASR1006 and ASR1002-X captures
 * (domain reference §5.2): labels right-aligned on the `=` column, `STANDBY HOT ` with its trailing space,
 * an empty `CONFIG_FILE = `, the peer block or the "not available" line. Lines end with `\n`.
 */
export function renderShowRedundancy(ctx: ShowContext): string {
  const view = redundancyView(ctx);
  const lines = [
    ...systemLines(ctx, view),
    '',
    ...section('Current Processor Information :'),
    ...processorLines(ctx, view.current),
    '',
    ...peerLines(ctx, view),
  ];
  return `${lines.join('\n')}\n`;
}
