import type { RouterOperatingMode, VersionLicense } from './show-context.js';
import { isLegacyRelease, type XeVersion } from './xe-version.js';

/**
 * Licence lines of a 17.x router in autonomous mode, `{level}` standing for {@link VersionLicense.level}.
 * [uncertain, §8.13] No public ASR 1000 capture of a 17.x autonomous `show version` shows them (17.x is
 * smart-licensing only). The default follows the layout of public CSR1000V 17.3 captures, the nearest IOS-XE
 * router seen in autonomous mode (`License Level:` / `License Type:` / `Next reload license Level:`, then
 * `Smart Licensing Status:`), with the type `Smart License` and the Smart Licensing Using Policy status that
 * 17.3.2 and later report; it is never the 16.x `RightToUse` block. Replace it per router through
 * `ShowContext.license.autonomousTemplate`.
 */
export const AUTONOMOUS_17_LICENSE_TEMPLATE: readonly string[] = [
  'License Level: {level}',
  'License Type: Smart License',
  'Next reload license Level: {level}',
  '',
  'Smart Licensing Status: Smart Licensing Using Policy',
];

/** Licence of a default router: the captured 3.x/16.x level, the release's own type, the template above. */
export const DEFAULT_VERSION_LICENSE: VersionLicense = {
  level: 'advipservices',
  type: null,
  autonomousTemplate: AUTONOMOUS_17_LICENSE_TEMPLATE,
};

/** `Router operating mode:` values as 17.x prints them. */
export const ROUTER_OPERATING_MODE_TEXT: Readonly<Record<RouterOperatingMode, string>> = {
  autonomous: 'Autonomous',
  'controller-managed': 'Controller-Managed',
};

/** Whether a release prints the 17.x lines (operating mode, smart licensing); an engineering label counts as one. */
export function isSmartLicensingRelease(v: XeVersion | undefined): boolean {
  return v === undefined || v.major >= 17;
}

/**
 * The licence block of `show version` by release and mode (domain reference §8.13):
 * - 3.x: `License Level:` / `License Type: Permanent` / `Next reload license Level:` (ASR1001 3.9.1S capture);
 * - 16.x: `License Type: RightToUse` / `License Level:` / `Next reload license Level:` (ASR1006 16.3 capture);
 * - 17.x controller-managed: `License Mode: Controller-Managed`, an empty line, `Smart Licensing Status:
 *   Registration Not Applicable/Not Applicable` (ASR1001-X 17.5.1a capture);
 * - 17.x autonomous: the context's template ({@link AUTONOMOUS_17_LICENSE_TEMPLATE} by default).
 */
export function licenseLines(license: VersionLicense, mode: RouterOperatingMode, v: XeVersion | undefined): string[] {
  const { level } = license;
  const next = `Next reload license Level: ${level}`;
  if (v && isLegacyRelease(v)) return [`License Level: ${level}`, `License Type: ${license.type ?? 'Permanent'}`, next];
  if (!isSmartLicensingRelease(v)) return [`License Type: ${license.type ?? 'RightToUse'}`, `License Level: ${level}`, next];
  if (mode === 'controller-managed') {
    return ['License Mode: Controller-Managed', '', 'Smart Licensing Status: Registration Not Applicable/Not Applicable'];
  }
  return license.autonomousTemplate.map((line) => line.replaceAll('{level}', level));
}
