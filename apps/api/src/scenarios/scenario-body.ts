import { ValidationError } from '@asr-twin/domain';
import { parseInput } from '../common/validation.js';
import { SCENARIO_BODY, SCENARIO_SOURCE } from './scenario.schemas.js';

/** Path of the scenario routes under the API prefix. */
export const SCENARIOS_ROUTE = 'scenarios';

/** YAML content types a scenario file may be posted with as it is (besides `text/plain` and JSON `{ source }`). */
export const SCENARIO_YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'] as const;
/** Every body type the scenario routes take, as the OpenAPI document lists them. */
export const SCENARIO_BODY_TYPES = ['application/json', ...SCENARIO_YAML_TYPES, 'text/plain'] as const;

/**
 * A scenario arrives as YAML (or JSON) text — `application/yaml`, `text/yaml` or `text/plain` — or as JSON
 * `{ "source": "…" }`. Returns the text.
 */
export function scenarioSourceOf(body: unknown): string {
  if (typeof body === 'string') return parseInput(SCENARIO_SOURCE, body, 'body');
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return parseInput(SCENARIO_BODY, body, 'body').source;
  throw new ValidationError('send the scenario as YAML text (content-type application/yaml) or as JSON { "source": "…" }', [
    { field: 'body', message: `expected text or an object, got ${body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body}` },
  ]);
}
