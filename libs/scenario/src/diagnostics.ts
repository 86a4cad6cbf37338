import type { SourcePosition } from '@asr-twin/domain';
import type { ScenarioErrorCode, ScenarioWarningCode } from './scenario-error.js';
import { SCENARIO_LIMITS } from './scenario-limits.js';

/** A problem before the file name is attached; `pos` is absent for input without source text. */
export interface Issue<C extends string = ScenarioErrorCode> {
  readonly code: C;
  readonly path: string;
  readonly message: string;
  readonly pos?: SourcePosition;
}

/** Where an issue points: a document path and, when known, a source position. */
export interface Where {
  readonly path: string;
  readonly pos?: SourcePosition;
}

/** Errors kept before the rest are only counted: enough to sort and show the first `maxErrors`. */
const KEPT_ERRORS = SCENARIO_LIMITS.maxErrors * 10;

/** Collects every error and warning of one validation, in the order found. */
export class Diagnostics {
  readonly errors: Issue[] = [];
  readonly warnings: Issue<ScenarioWarningCode>[] = [];
  /** Errors counted but not kept: junk input yields one per few bytes, and nobody reads past the first. */
  dropped = 0;

  error(code: ScenarioErrorCode, where: Where, message: string): void {
    if (this.errors.length >= KEPT_ERRORS) this.dropped += 1;
    else this.errors.push(withPos({ code, path: where.path, message }, where.pos));
  }

  warn(code: ScenarioWarningCode, where: Where, message: string): void {
    this.warnings.push(withPos({ code, path: where.path, message }, where.pos));
  }
}

/** Adds `pos` only when known, so position-less results carry no `pos: undefined` keys. */
export function withPos<T extends object>(value: T, pos: SourcePosition | undefined): T & { pos?: SourcePosition } {
  return pos === undefined ? value : { ...value, pos };
}

/** `spec.timing` + `standbyBootToHot`; keys that are not identifiers are bracketed: `labels["a.b"]`. */
export function childPath(parent: string, key: string): string {
  const part = /^[A-Za-z_][\w-]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (parent === '') return part;
  return part.startsWith('[') ? `${parent}${part}` : `${parent}.${part}`;
}

export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}
