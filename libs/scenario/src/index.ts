/**
 * Scenario files (DESIGN.md "Scenario files"): parse YAML or JSON, validate against the contract, and
 * report every problem with file, line and column. Pure: callers pass the text; nothing here reads files.
 */
export { parseScenario, validateScenarioObject } from './scenario.parser.js';
export type { ScenarioParseResult, ScenarioValidationResult } from './scenario.parser.js';
export { SCENARIO_ERROR_CODES, SCENARIO_WARNING_CODES, formatScenarioError, formatScenarioWarning } from './scenario-error.js';
export type { ScenarioError, ScenarioErrorCode, ScenarioObjectError, ScenarioObjectWarning, ScenarioWarning, ScenarioWarningCode } from './scenario-error.js';
export { DURATION_UNITS, formatDuration, parseDuration } from './duration.js';
export type { DurationErrorCode, DurationResult, DurationUnit } from './duration.js';
export { scenarioToDocument } from './scenario.serializer.js';
export type { ScenarioDocumentValue } from './scenario.serializer.js';
export { TARGET_NAMES, formatTarget, parseTarget } from './step-target.js';
export { SCENARIO_LIMITS } from './scenario-limits.js';
export { SCENARIO_DEFAULTS, SCENARIO_FIELDS, STEP_PARAMS } from './scenario-fields.js';
export type { ScenarioFieldPlace } from './scenario-fields.js';
export { startDocument } from './start-state.validator.js';
