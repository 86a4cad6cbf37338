import { createHash } from 'node:crypto';
import { type FieldIssue, type Scenario, ValidationError } from '@asr-twin/domain';
import { formatScenarioError, type ScenarioError, type ScenarioWarning } from '@asr-twin/scenario';
import { Inject, Injectable } from '@nestjs/common';
import { EdgeError } from '../common/problem.js';
import { ParsePool } from './parse-pool.js';

export interface ScenarioCheck {
  readonly valid: boolean;
  readonly errors: readonly ScenarioError[];
  readonly warnings: readonly ScenarioWarning[];
  readonly scenario?: Scenario;
}

/** The scenario limits of the configuration (`SCENARIO_MAX_*`). */
export interface ScenarioLimits {
  readonly maxSourceBytes: number;
  readonly maxSourcesPerRequest: number;
  readonly maxRequestBytes: number;
}

export const SCENARIO_LIMITS_TOKEN = Symbol('SCENARIO_LIMITS');

/** Parsed sources kept by their SHA-256: CI pipelines submit the same files again and again. */
const CACHED_CHECKS = 512;

const WHAT = 'the scenario source';

/** 413 for a source over `SCENARIO_MAX_SOURCE_BYTES`, checked before any parsing. */
export function assertSourceSize(source: string, maxBytes: number, field = 'source'): void {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > maxBytes) {
    throw new EdgeError(
      'PAYLOAD_TOO_LARGE',
      413,
      `${field}: the scenario source is ${bytes} bytes; at most ${maxBytes} are accepted (SCENARIO_MAX_SOURCE_BYTES); pick large fleets with selector instead of listing routers`,
    );
  }
}

function issueOf(e: ScenarioError): FieldIssue {
  return { field: e.path === '' ? 'source' : e.path, message: e.message, line: e.line, column: e.column, code: e.code };
}

/**
 * Parses and validates scenario sources on the parse workers, never on the request thread. Parsing is a pure
 * function of the text, so the results of the most recent {@link CACHED_CHECKS} distinct sources are kept
 * (they are immutable).
 */
@Injectable()
export class ScenarioSources {
  private readonly checks = new Map<string, ScenarioCheck>();

  constructor(
    private readonly pool: ParsePool,
    @Inject(SCENARIO_LIMITS_TOKEN) private readonly limits: ScenarioLimits,
  ) {}

  /** Every error and warning of a source (413 beyond `SCENARIO_MAX_SOURCE_BYTES`; 422 beyond the parse limits). */
  async check(source: string): Promise<ScenarioCheck> {
    assertSourceSize(source, this.limits.maxSourceBytes);
    const key = createHash('sha256').update(source).digest('base64');
    const cached = this.checks.get(key);
    if (cached) {
      this.checks.delete(key);
      this.checks.set(key, cached);
      return cached;
    }
    const result = await this.pool.run('scenario', source, WHAT);
    const check: ScenarioCheck = result.ok
      ? { valid: true, errors: [], warnings: result.warnings, scenario: result.scenario }
      : { valid: false, errors: result.errors, warnings: result.warnings };
    this.checks.set(key, check);
    if (this.checks.size > CACHED_CHECKS) this.checks.delete(this.checks.keys().next().value as string);
    return check;
  }

  /** The validated model of a source, or a {@link ValidationError} listing every error with its position. */
  async requireValid(source: string): Promise<Scenario> {
    const check = await this.check(source);
    if (check.scenario) return check.scenario;
    const first = check.errors[0];
    const summary = first ? formatScenarioError(first) : 'the scenario is invalid';
    const more = check.errors.length > 1 ? ` (and ${check.errors.length - 1} more)` : '';
    throw new ValidationError(`invalid scenario: ${summary}${more}`, check.errors.map(issueOf));
  }
}
