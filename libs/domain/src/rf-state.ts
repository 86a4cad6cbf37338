/**
 * Redundancy Facility (RF) states of an IOS instance, with the number and text the IOS-XE CLI prints
 * (`show redundancy states`, `show redundancy history`).
 *
 * States 9–12 are spelt as `show redundancy history` prints them: `ACTIVE-FAST`, `ACTIVE-DRAIN` with a hyphen,
 * `ACTIVE_PRECONFIG`, `ACTIVE_POSTCONFIG` with an underscore (domain reference §8.1, from a public ASR1004
 * capture and CISCO-RF-MIB `RFState`; likely the same in `show redundancy` and `show redundancy states`, where
 * these sub-second states were never captured). Readers take space, hyphen and underscore as the same.
 *
 * The CLI number is the CISCO-RF-MIB `RFState` value minus one (domain reference §2.2): ACTIVE is CLI 13,
 * MIB active(14). Texts marked `seenInCapture: false` were rebuilt from the MIB names in the usual IOS
 * upper-case form and have not been seen in captured device output (domain reference §2.2, "†").
 * `standbyWarm(17)` exists only for RPR+, which the ASR 1000 does not support (§2.1), so it is left out.
 */
export const RF_STATES = [
  { code: 0, name: 'UNKNOWN', mib: 1, seenInCapture: true },
  { code: 1, name: 'DISABLED', mib: 2, seenInCapture: true },
  { code: 2, name: 'INITIALIZATION', mib: 3, seenInCapture: true },
  { code: 3, name: 'NEGOTIATION', mib: 4, seenInCapture: true },
  { code: 4, name: 'STANDBY COLD', mib: 5, seenInCapture: true },
  { code: 5, name: 'STANDBY COLD-CONFIG', mib: 6, seenInCapture: false },
  { code: 6, name: 'STANDBY COLD-FILESYS', mib: 7, seenInCapture: false },
  { code: 7, name: 'STANDBY COLD-BULK', mib: 8, seenInCapture: false },
  { code: 8, name: 'STANDBY HOT', mib: 9, seenInCapture: true },
  { code: 9, name: 'ACTIVE-FAST', mib: 10, seenInCapture: true },
  { code: 10, name: 'ACTIVE-DRAIN', mib: 11, seenInCapture: true },
  { code: 11, name: 'ACTIVE_PRECONFIG', mib: 12, seenInCapture: true },
  { code: 12, name: 'ACTIVE_POSTCONFIG', mib: 13, seenInCapture: true },
  { code: 13, name: 'ACTIVE', mib: 14, seenInCapture: true },
  { code: 14, name: 'ACTIVE EXTRALOAD', mib: 15, seenInCapture: false },
  { code: 15, name: 'ACTIVE HANDBACK', mib: 16, seenInCapture: false },
] as const;

/** CLI number of an RF state (0–15). */
export type RfStateCode = (typeof RF_STATES)[number]['code'];
/** CLI text of an RF state, exactly as IOS-XE prints it (without trailing padding). */
export type RfStateName = (typeof RF_STATES)[number]['name'];

/** RF state codes by a short identifier, for readable code: `RF.ACTIVE === 13`. */
export const RF = {
  UNKNOWN: 0,
  DISABLED: 1,
  INITIALIZATION: 2,
  NEGOTIATION: 3,
  STANDBY_COLD: 4,
  STANDBY_COLD_CONFIG: 5,
  STANDBY_COLD_FILESYS: 6,
  STANDBY_COLD_BULK: 7,
  STANDBY_HOT: 8,
  ACTIVE_FAST: 9,
  ACTIVE_DRAIN: 10,
  ACTIVE_PRECONFIG: 11,
  ACTIVE_POSTCONFIG: 12,
  ACTIVE: 13,
  ACTIVE_EXTRALOAD: 14,
  ACTIVE_HANDBACK: 15,
} as const satisfies Record<string, RfStateCode>;

const NAME_BY_CODE = new Map<number, RfStateName>(RF_STATES.map((s) => [s.code, s.name]));
/** A state name with case, surrounding space and the space / hyphen / underscore spellings folded (§8.1). */
function nameKey(name: string): string {
  return name
    .trim()
    .toUpperCase()
    .replace(/[\s_-]+/g, ' ');
}
const CODE_BY_NAME = new Map<string, RfStateCode>(RF_STATES.map((s) => [nameKey(s.name), s.code]));

export function isRfStateCode(value: unknown): value is RfStateCode {
  return typeof value === 'number' && NAME_BY_CODE.has(value);
}

/** CLI text for an RF state code; throws on a number outside 0–15. */
export function rfStateName(code: RfStateCode): RfStateName {
  const name = NAME_BY_CODE.get(code);
  if (name === undefined) throw new RangeError(`not an RF state code: ${code}`);
  return name;
}

/**
 * RF state code for a CLI text, or `undefined`: case-insensitive, surrounding spaces ignored, and space, hyphen
 * and underscore taken as one (`ACTIVE-FAST`, `ACTIVE FAST`, `active_fast`; `STANDBY COLD-BULK`,
 * `STANDBY_COLD_BULK`), since several states' spellings are not captured (domain reference §8.1).
 */
export function rfStateFromName(name: string): RfStateCode | undefined {
  return CODE_BY_NAME.get(nameKey(name));
}

/**
 * An instance in one of the ACTIVE family of states (ACTIVE FAST … ACTIVE HANDBACK) holds activity:
 * the single-active invariant counts all of them.
 */
export function holdsActivity(code: RfStateCode): boolean {
  return code >= RF.ACTIVE_FAST;
}

/** STANDBY COLD and its sub-states (COLD-CONFIG, COLD-FILESYS, COLD-BULK). */
export function isStandbyCold(code: RfStateCode): boolean {
  return code >= RF.STANDBY_COLD && code <= RF.STANDBY_COLD_BULK;
}

/**
 * Whether activity may be handed to a peer in this state: only to STANDBY COLD or STANDBY HOT
 * (CISCO-RF-MIB glossary, "Drop Activity"; domain reference §2.4).
 */
export function canReceiveActivity(code: RfStateCode): boolean {
  return code === RF.STANDBY_HOT || isStandbyCold(code);
}

/**
 * Reasons `show redundancy` prints as `Last switchover reason = …`, after CISCO-RF-MIB `RFSwactReasonType`
 * (domain reference §2.2); `none` until the first switchover. `none`, `unsupported`, `user forced` and
 * `active unit removed` were seen in captures; `not known`, `user initiated` and `active unit failed` are the
 * MIB names in the same spelling style [uncertain spelling].
 */
export const SWITCHOVER_REASONS = ['none', 'unsupported', 'not known', 'user initiated', 'user forced', 'active unit failed', 'active unit removed'] as const;
export type SwitchoverReason = (typeof SWITCHOVER_REASONS)[number];

export function isSwitchoverReason(value: unknown): value is SwitchoverReason {
  return typeof value === 'string' && (SWITCHOVER_REASONS as readonly string[]).includes(value);
}
