import { createHash } from 'node:crypto';
import { type Scenario, ValidationError } from '@asr-twin/domain';
import type { RunTarget } from '@asr-twin/persistence';
import type { CreateRunRequest } from './run.schemas.js';

/** The routers a run simulates: as the request names them, else as the scenario does. */
export function runTargetOf(request: CreateRunRequest, scenario: Scenario): RunTarget {
  if (request.target && 'routers' in request.target) return { kind: 'routers', hostnames: request.target.routers };
  if (request.target && 'selector' in request.target) {
    const s = request.target.selector;
    return {
      kind: 'selector',
      selector: {
        ...(s.fleet === undefined ? {} : { fleet: s.fleet }),
        ...(s.model === undefined ? {} : { model: s.model }),
        ...(s.labels === undefined ? {} : { labels: s.labels }),
        ...(s.hostnames === undefined ? {} : { hostnames: s.hostnames }),
      },
    };
  }
  if (scenario.spec.routers?.length) return { kind: 'scenario' };
  if (scenario.spec.selector) return { kind: 'selector', selector: scenario.spec.selector };
  throw new ValidationError('the run names no routers: the scenario has neither routers nor a selector, and the request no target', [
    { field: 'target', message: 'give { selector: {...} } or { routers: [...] }' },
  ]);
}

/** A fingerprint of what a request asks for, to refuse an idempotency key reused for another request. */
export function requestFingerprint(request: CreateRunRequest): string {
  const canonical = JSON.stringify(request, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}
