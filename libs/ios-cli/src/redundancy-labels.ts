import { rfStateName, type RedundancyMode, type RfStateCode } from '@asr-twin/domain';

/**
 * Redundancy modes as observed on IOS and IOS-XE devices. `rpr-plus` (RPR+) exists on other IOS platforms
 * but never on an ASR 1000 (domain reference §2.1); it is accepted so that such output parses.
 */
export type ObservedRedundancyMode = RedundancyMode | 'rpr-plus';

/** Mode text of the ASR 1000 captures: `sso`, `rpr`, `Non-redundant` (§5.2). */
export function modeText(mode: RedundancyMode): string {
  return mode === 'none' ? 'Non-redundant' : mode;
}

const MODE_BY_TEXT: ReadonlyMap<string, ObservedRedundancyMode> = new Map([
  ['sso', 'sso'],
  ['stateful switchover', 'sso'],
  ['rpr', 'rpr'],
  ['route processor redundancy', 'rpr'],
  ['rpr+', 'rpr-plus'],
  ['rpr-plus', 'rpr-plus'],
  ['route processor redundancy plus', 'rpr-plus'],
  ['non-redundant', 'none'],
  ['non redundant', 'none'],
]);

/** Mode of a CLI text (`sso`, `Stateful Switchover`, `Non-redundant`, …), or `undefined`. */
export function parseModeText(text: string): ObservedRedundancyMode | undefined {
  return MODE_BY_TEXT.get(text.trim().toLowerCase().replace(/\s+/g, ' '));
}

/**
 * `Redundancy State` of `show redundancy states`: `sso`, or `Non Redundant` (with a space, unlike the mode
 * lines; both captured in §5.2).
 */
export function redundancyStateText(mode: RedundancyMode): string {
  return mode === 'none' ? 'Non Redundant' : mode;
}

/**
 * `Current Software state = …` of `show redundancy`. The ASR1006 capture prints `STANDBY HOT ` with a trailing
 * space and `ACTIVE` without; other states follow ACTIVE (no trailing space), as nothing shows otherwise
 * [uncertain].
 */
export function softwareStateText(code: RfStateCode): string {
  const name = rfStateName(code);
  return name === 'STANDBY HOT' ? `${name} ` : name;
}

/**
 * `my state = …` / `peer state = …` of `show redundancy states`: the CLI number left-aligned in two columns,
 * a dash, the name and a trailing space (`13 -ACTIVE `, `8  -STANDBY HOT `, §5.2).
 */
export function rfStateField(code: RfStateCode): string {
  return `${String(code).padEnd(2)} -${rfStateName(code)} `;
}

/** Right-aligns a `show redundancy` label on the `=` column of the captures (labels end at column 30). */
export function redundancyLine(label: string, value: string): string {
  return `${label.padStart(30)} = ${value}`;
}
