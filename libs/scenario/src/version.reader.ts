import type { Diagnostics } from './diagnostics.js';
import { at, label, readString, type Field } from './field-reader.js';
import { SCENARIO_LIMITS } from './scenario-limits.js';
import { quoteValue } from './source-node.js';

/** IOS-XE version strings: `17.3.4a`, `16.12.04`, `17.09.04a`, and older `15.5(3)S`. */
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._()-]*$/;

/** An IOS-XE version string; also used for ISSU `toVersion`. */
export function readVersion(f: Field, d: Diagnostics): string | undefined {
  const version = readString(f, 'an IOS-XE version string such as "17.3.4a"', d);
  if (version === undefined) return undefined;
  if (version.length <= SCENARIO_LIMITS.maxVersionLength && VERSION.test(version)) return version;
  const rule = `expected an IOS-XE version such as 17.3.4a: letters, digits, dots, hyphens, underscores and parentheses, at most ${SCENARIO_LIMITS.maxVersionLength} characters`;
  d.error('invalid-version', at(f), `invalid ${label(f)} ${quoteValue(version)}; ${rule}`);
  return undefined;
}
