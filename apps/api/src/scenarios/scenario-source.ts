import { createHash } from 'node:crypto';
import { type FieldIssue, ValidationError } from '@asr-twin/domain';
import type { Scenario } from '@asr-twin/domain';
import { formatScenarioError, parseScenario, type ScenarioError, type ScenarioWarning } from '@asr-twin/scenario';

/** Name used for the source text in scenario error messages (`scenario:12:5: …`). */
export const SOURCE_NAME = 'scenario';

export interface ScenarioCheck {
  readonly valid: boolean;
  readonly errors: readonly ScenarioError[];
  readonly warnings: readonly ScenarioWarning[];
  readonly scenario?: Scenario;
}

/** Parsed sources by their SHA-256, most recent last: CI pipelines submit the same files again and again. */
const CHECKS = new Map<string, ScenarioCheck>();
const CACHED_CHECKS = 512;

/**
 * Parses and validates a scenario source. Parsing is a pure function of the text, so results are kept for the
 * most recent {@link CACHED_CHECKS} distinct sources (the results are immutable).
 */
export function checkScenarioSource(source: string): ScenarioCheck {
  const key = createHash('sha256').update(source).digest('base64');
  const cached = CHECKS.get(key);
  if (cached) {
    CHECKS.delete(key);
    CHECKS.set(key, cached);
    return cached;
  }
  const result = parseScenario(source, SOURCE_NAME);
  const check: ScenarioCheck = result.ok
    ? { valid: true, errors: [], warnings: result.warnings, scenario: result.scenario }
    : { valid: false, errors: result.errors, warnings: result.warnings };
  CHECKS.set(key, check);
  if (CHECKS.size > CACHED_CHECKS) CHECKS.delete(CHECKS.keys().next().value as string);
  return check;
}

function issueOf(e: ScenarioError): FieldIssue {
  return { field: e.path === '' ? 'source' : e.path, message: e.message, line: e.line, column: e.column, code: e.code };
}

/** The validated model of a scenario source, or a {@link ValidationError} listing every error with its position. */
export function requireValidScenario(source: string): Scenario {
  const check = checkScenarioSource(source);
  if (check.scenario) return check.scenario;
  const first = check.errors[0];
  const summary = first ? formatScenarioError(first) : 'the scenario is invalid';
  const more = check.errors.length > 1 ? ` (and ${check.errors.length - 1} more)` : '';
  throw new ValidationError(`invalid scenario: ${summary}${more}`, check.errors.map(issueOf));
}
