import { ValidationError } from '@asr-twin/domain';
import { parseInput } from '../common/validation.js';
import { SCENARIO_BODY, SCENARIO_SOURCE } from './scenario.schemas.js';

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
