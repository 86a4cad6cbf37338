import type { Scenario } from '@asr-twin/domain';
import { Diagnostics, type Issue } from './diagnostics.js';
import { plainToSource } from './plain-source.js';
import type { ScenarioError, ScenarioErrorCode, ScenarioObjectError, ScenarioObjectWarning, ScenarioWarning, ScenarioWarningCode } from './scenario-error.js';
import { SCENARIO_LIMITS } from './scenario-limits.js';
import { validateScenarioSource } from './scenario.validator.js';
import type { SourceNode } from './source-node.js';
import { yamlToSource } from './yaml-source.js';

/** The outcome of {@link parseScenario}: the model, or every error found (sorted by line and column). */
export type ScenarioParseResult =
  | { readonly ok: true; readonly scenario: Scenario; readonly warnings: readonly ScenarioWarning[] }
  | { readonly ok: false; readonly errors: readonly ScenarioError[]; readonly warnings: readonly ScenarioWarning[] };

/** The outcome of {@link validateScenarioObject}: as above, without source positions. */
export type ScenarioValidationResult =
  | { readonly ok: true; readonly scenario: Scenario; readonly warnings: readonly ScenarioObjectWarning[] }
  | { readonly ok: false; readonly errors: readonly ScenarioObjectError[]; readonly warnings: readonly ScenarioObjectWarning[] };

/**
 * Parses and validates a scenario file (YAML, or JSON, which is YAML) against the DESIGN.md contract and
 * returns the defaulted model, with each step's and expectation's source position. Never throws: every
 * problem (syntax, limits, schema) is an error with file, line, column, path, code and message, and all of
 * them are reported, up to {@link SCENARIO_LIMITS.maxErrors}. Bytes are decoded as UTF-8; bytes that fail
 * to decode are an `invalid-character` error.
 *
 * @param text the file content, as text or as raw bytes
 * @param fileName echoed in every error, e.g. the path the CLI was given
 */
export function parseScenario(text: string | Uint8Array, fileName: string): ScenarioParseResult {
  try {
    const d = new Diagnostics();
    if (text.length > SCENARIO_LIMITS.maxInputSize) {
      const unit = typeof text === 'string' ? 'characters' : 'bytes';
      d.error(
        'input-too-large',
        { path: '', pos: { line: 1, column: 1 } },
        `the file is ${text.length} ${unit}; a scenario file may have at most ${SCENARIO_LIMITS.maxInputSize} (256 KiB); pick large fleets with selector instead of listing routers`,
      );
      return located(finish(d, undefined, fileName));
    }
    const root = yamlToSource(typeof text === 'string' ? text : new TextDecoder('utf-8').decode(text), d);
    return located(finish(d, root, fileName));
  } catch (error) {
    return { ok: false, errors: [internalError(fileName, error)], warnings: [] };
  }
}

/**
 * Validates a value that is already parsed, e.g. a JSON request body, exactly as {@link parseScenario}
 * validates a file. The value has no source text, so errors carry `path` but no `line`/`column`, and the
 * model carries no positions. When the raw body text is at hand, prefer `parseScenario(body, name)`: JSON
 * is YAML, and the errors then point at line and column. Never throws.
 */
export function validateScenarioObject(value: unknown, fileName: string): ScenarioValidationResult {
  try {
    const d = new Diagnostics();
    const source = plainToSource(value);
    d.errors.push(...source.issues);
    return finish(d, source.root, fileName);
  } catch (error) {
    return { ok: false, errors: [internalError(fileName, error)], warnings: [] };
  }
}

function finish(d: Diagnostics, root: SourceNode | undefined, file: string): ScenarioValidationResult {
  const scenario = root === undefined ? undefined : validateScenarioSource(root, d);
  const warnings = d.warnings.map((w) => attach<ScenarioWarningCode>(w, file));
  if (scenario !== undefined && d.errors.length === 0) return { ok: true, scenario, warnings };
  if (d.errors.length === 0) d.error('internal-error', { path: '' }, 'the scenario was rejected without a reason (a bug in asr-twin)');
  return { ok: false, errors: capped(sorted(d.errors), d.dropped).map((e) => attach<ScenarioErrorCode>(e, file)), warnings };
}

function sorted(issues: readonly Issue[]): readonly Issue[] {
  // Stable: issues without a position go last, in the order they were found.
  const line = (i: Issue): number => i.pos?.line ?? Number.POSITIVE_INFINITY;
  const column = (i: Issue): number => i.pos?.column ?? Number.POSITIVE_INFINITY;
  return [...issues].sort((a, b) => (line(a) === line(b) ? (column(a) === column(b) ? 0 : column(a) - column(b)) : line(a) - line(b)));
}

function capped(issues: readonly Issue[], dropped: number): readonly Issue[] {
  if (issues.length <= SCENARIO_LIMITS.maxErrors) return issues;
  const next = issues[SCENARIO_LIMITS.maxErrors];
  const more: Issue = {
    code: 'too-many-errors',
    path: next?.path ?? '',
    message: `${issues.length + dropped - SCENARIO_LIMITS.maxErrors} more errors not listed; fix these first`,
    ...(next?.pos === undefined ? {} : { pos: next.pos }),
  };
  return [...issues.slice(0, SCENARIO_LIMITS.maxErrors), more];
}

function attach<C extends string>(issue: Issue<C>, file: string): { file: string; path: string; code: C; message: string; line?: number; column?: number } {
  const { pos, ...rest } = issue;
  return pos === undefined ? { file, ...rest } : { file, line: pos.line, column: pos.column, ...rest };
}

/** Gives every diagnostic of a text parse its position (all YAML nodes have one; 1:1 guards the contract). */
function located(result: ScenarioValidationResult): ScenarioParseResult {
  const place = <T extends { line?: number; column?: number }>(d: T): T & { line: number; column: number } => ({
    ...d,
    line: d.line ?? 1,
    column: d.column ?? 1,
  });
  const warnings = result.warnings.map(place);
  return result.ok ? { ok: true, scenario: result.scenario, warnings } : { ok: false, errors: result.errors.map(place), warnings };
}

function internalError(file: string, error: unknown): ScenarioError {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    file,
    line: 1,
    column: 1,
    path: '',
    code: 'internal-error',
    message: `validation failed unexpectedly (${detail.slice(0, 200)}); for plain YAML, JSON or JSON values this is a bug in asr-twin`,
  };
}
