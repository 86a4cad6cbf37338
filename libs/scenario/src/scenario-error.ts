/**
 * Stable error codes of scenario validation. Clients may switch on them; a code never changes meaning.
 * The message carries the detail (what was found, what was expected); the path says where in the document.
 */
export const SCENARIO_ERROR_CODES = [
  // the text itself
  'input-too-large',
  'invalid-character',
  'empty-document',
  'yaml-syntax',
  'yaml-tab-indent',
  'yaml-multiple-documents',
  'yaml-unknown-tag',
  'yaml-alias',
  'alias-limit',
  'nesting-too-deep',
  'duplicate-key',
  'invalid-key',
  // structure
  'wrong-type',
  'missing-field',
  'unknown-key',
  'conflicting-fields',
  'field-not-allowed',
  'empty-list',
  // values
  'invalid-api-version',
  'invalid-kind',
  'invalid-name',
  'invalid-string',
  'invalid-hostname',
  'invalid-version',
  'invalid-integer',
  'invalid-duration',
  'missing-duration-unit',
  'duration-out-of-range',
  'unknown-model',
  'unknown-redundancy',
  'unknown-timing-key',
  'unknown-fault',
  'unknown-action',
  'unknown-metric',
  'unknown-invariant',
  'invalid-target',
  'invalid-bounds',
  'unknown-state',
  'unknown-behaviour',
  'unknown-issu-option',
  // rules across fields
  'duplicate-hostname',
  'step-beyond-horizon',
  'target-not-allowed',
  'target-not-on-chassis',
  'impossible-state',
  'impossible-hardware',
  // reporting itself
  'too-many-errors',
  'internal-error',
] as const;
export type ScenarioErrorCode = (typeof SCENARIO_ERROR_CODES)[number];

/** Codes of warnings: the file is valid, but probably not what its author meant. */
export const SCENARIO_WARNING_CODES = ['no-steps', 'empty-selector', 'yaml-warning', 'deprecated-timing-key'] as const;
export type ScenarioWarningCode = (typeof SCENARIO_WARNING_CODES)[number];

/** One problem in a scenario file, located as a compiler would. */
export interface ScenarioError {
  /** The file name the caller passed in, unchanged. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, counted in UTF-16 code units (tabs count as one). */
  readonly column: number;
  /** Where in the document, e.g. `spec.steps[2].target`; the empty string for the document itself. */
  readonly path: string;
  readonly code: ScenarioErrorCode;
  /** One line: what was found, what was expected, and a suggestion when one is likely. */
  readonly message: string;
}

/** Same shape as an error, for something valid but suspicious. */
export interface ScenarioWarning extends Omit<ScenarioError, 'code'> {
  readonly code: ScenarioWarningCode;
}

/**
 * An error from {@link validateScenarioObject}: its input is an already-parsed value with no source text,
 * so `line` and `column` are absent and `path` alone locates the problem.
 */
export type ScenarioObjectError = Omit<ScenarioError, 'line' | 'column'> & {
  readonly line?: number;
  readonly column?: number;
};
/** A warning from {@link validateScenarioObject}: no `line`/`column`, as for its errors. */
export type ScenarioObjectWarning = Omit<ScenarioWarning, 'line' | 'column'> & {
  readonly line?: number;
  readonly column?: number;
};

/**
 * `file:line:col: message`, as compilers print it (editors and CI annotate the line). Without a position:
 * `file: path: message`.
 */
export function formatScenarioError(error: ScenarioObjectError): string {
  return `${where(error)} ${error.message}`;
}

/** `file:line:col: warning: message`. */
export function formatScenarioWarning(warning: ScenarioObjectWarning): string {
  return `${where(warning)} warning: ${warning.message}`;
}

function where(d: { file: string; line?: number; column?: number; path: string }): string {
  if (d.line !== undefined && d.column !== undefined) return `${d.file}:${d.line}:${d.column}:`;
  return d.path === '' ? `${d.file}:` : `${d.file}: ${d.path}:`;
}
