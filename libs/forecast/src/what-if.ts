import { hardwareProblems, isRedundancyMode, ValidationError, type FieldIssue, type HardwareSpec, type RedundancyMode } from '@asr-twin/domain';
import type { ForecastRouter } from './fault-draw.js';

/**
 * A configuration change to forecast against the fleet as it is (issue #18): redundancy mode, RP, ESP and supply
 * counts, spares on site. Each key applies to every router it can: a second ESP only where the chassis has a
 * second ESP slot, and so on; the others keep their configuration and are listed as not changed, with the reason.
 */
export interface WhatIf {
  readonly redundancy?: RedundancyMode;
  readonly rps?: number;
  readonly esps?: number;
  readonly psus?: number;
  readonly spares?: boolean;
}

export const WHAT_IF_KEYS = ['redundancy', 'rps', 'esps', 'psus', 'spares'] as const;
export type WhatIfKey = (typeof WHAT_IF_KEYS)[number];

function issue(field: string, message: string): FieldIssue {
  return { field, message };
}

/** Parses `key=value` pairs (`redundancy=sso`, `esps=2`, `spares=true`); throws `ValidationError` naming the pair. */
export function parseWhatIf(pairs: readonly string[], at = 'what-if'): WhatIf {
  const out: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq > 0 ? pair.slice(0, eq) : pair;
    const value = eq > 0 ? pair.slice(eq + 1) : '';
    const field = `${at}.${key}`;
    if (!(WHAT_IF_KEYS as readonly string[]).includes(key)) {
      issues.push(issue(field, `unknown what-if "${pair}": expected key=value with key one of ${WHAT_IF_KEYS.join(', ')}`));
    } else if (key === 'redundancy') {
      if (isRedundancyMode(value)) out[key] = value;
      else issues.push(issue(field, `${field} must be sso, rpr or none; found "${value}"`));
    } else if (key === 'spares') {
      if (value === 'true' || value === 'false') out[key] = value === 'true';
      else issues.push(issue(field, `${field} must be true or false; found "${value}"`));
    } else if (value === '1' || value === '2') {
      out[key] = Number(value);
    } else {
      issues.push(issue(field, `${field} must be 1 or 2; found "${value}"`));
    }
  }
  if (issues.length > 0) throw new ValidationError((issues[0] as FieldIssue).message, issues);
  return orderWhatIf(out as WhatIf);
}

/** The what-if with its keys in `WHAT_IF_KEYS` order: the same changes give the same report bytes, however given. */
export function orderWhatIf(whatIf: WhatIf): WhatIf {
  const out: Record<string, unknown> = {};
  for (const key of WHAT_IF_KEYS) if (whatIf[key] !== undefined) out[key] = whatIf[key];
  return out as WhatIf;
}

/** A what-if key that a router could not take, and why. */
export interface WhatIfRefusal {
  readonly hostname: string;
  readonly key: WhatIfKey;
  readonly reason: string;
}

/** The router with the changes it can take, and the ones it cannot. */
export function applyWhatIf(router: ForecastRouter, whatIf: WhatIf): { readonly router: ForecastRouter; readonly refused: WhatIfRefusal[] } {
  const refused: WhatIfRefusal[] = [];
  let hardware: HardwareSpec = { ...(router.hardware ?? {}) };
  for (const key of ['rps', 'esps', 'psus'] as const) {
    const value = whatIf[key];
    if (value === undefined) continue;
    const candidate = { ...hardware, [key]: value };
    const problem = hardwareProblems(router.model, router.version, candidate).find((p) => p.field === key);
    if (problem) refused.push({ hostname: router.hostname, key, reason: problem.message });
    else hardware = candidate;
  }
  const changed: ForecastRouter = {
    ...router,
    ...(Object.keys(hardware).length > 0 ? { hardware } : {}),
    ...(whatIf.redundancy === undefined ? {} : { redundancy: whatIf.redundancy }),
    ...(whatIf.spares === undefined ? {} : { spares: whatIf.spares }),
  };
  return { router: changed, refused };
}
