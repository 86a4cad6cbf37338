import { z } from 'zod';
import { PAGE_QUERY } from '../common/pagination.js';

/** A scenario file's text, as the `source` of a JSON body; its size is checked in bytes where it is parsed (413). */
export const SCENARIO_SOURCE = z.string().min(1, 'the scenario source is empty');

export const SCENARIO_BODY = z.strictObject({ source: SCENARIO_SOURCE });

export const LIST_SCENARIOS = z.strictObject(PAGE_QUERY);
