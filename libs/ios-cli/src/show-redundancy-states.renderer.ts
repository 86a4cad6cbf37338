import { modeText, redundancyStateText, rfStateField } from './redundancy-labels.js';
import { redundancyView, type ManualSwact, type RedundancyView } from './redundancy-view.js';
import type { ShowContext } from './show-context.js';

/**
 * `Manual Swact = …` texts. `enabled` and the simplex text are captured (§5.2); the standby-console text is
 * quoted in a public parser's comments; the peer-not-ready text is from field memory [uncertain].
 */
export const MANUAL_SWACT_TEXT: Readonly<Record<ManualSwact['kind'], string>> = {
  enabled: 'enabled',
  simplex: 'disabled (system is simplex (no peer unit))',
  'standby-console': 'cannot be initiated from this the standby unit',
  'peer-not-ready': 'disabled (peer unit not yet in terminal standby state)',
};

function communicationsText(view: RedundancyView): string {
  if (view.communicationsUp) return 'Up';
  return `Down      Reason: ${view.hardwareMode === 'Simplex' ? 'Simplex mode' : 'Failure'}`;
}

/**
 * `show redundancy states` of a twin router, in the format of the two ASR captures (domain reference §5.2):
 * the irregular label indentation, `8  -STANDBY HOT ` number padding with a trailing space, and the three
 * trailing spaces after the debug mask are reproduced as captured. Lines end with `\n`.
 */
export function renderShowRedundancyStates(ctx: ShowContext): string {
  const view = redundancyView(ctx);
  const unitId = view.current.unit === 'primary' ? ctx.rf.unitIds.primary : ctx.rf.unitIds.secondary;
  const lines = [
    `       my state = ${rfStateField(view.current.rfState)}`,
    `     peer state = ${rfStateField(view.peer.rfState)}`,
    `           Mode = ${view.hardwareMode}`,
    `           Unit = ${view.current.unit === 'primary' ? 'Primary' : 'Secondary'}`,
    `        Unit ID = ${unitId}`,
    '',
    `Redundancy Mode (Operational) = ${modeText(view.operatingMode)}`,
    `Redundancy Mode (Configured)  = ${modeText(view.configuredMode)}`,
    `Redundancy State              = ${redundancyStateText(view.operatingMode)}`,
    `     Maintenance Mode = ${ctx.maintenanceMode ? 'Enabled' : 'Disabled'}`,
    `    Manual Swact = ${MANUAL_SWACT_TEXT[view.manualSwact.kind]}`,
    ` Communications = ${communicationsText(view)}`,
    '',
    `   client count = ${ctx.rf.clientCount}`,
    ` client_notification_TMR = ${ctx.rf.clientNotificationTimerMs} milliseconds`,
    `           RF debug mask = ${ctx.rf.debugMask}   `,
  ];
  return `${lines.join('\n')}\n`;
}
