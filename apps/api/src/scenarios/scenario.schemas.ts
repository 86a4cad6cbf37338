import { SCENARIO_LIMITS } from '@asr-twin/scenario';
import { z } from 'zod';
import { PAGE_QUERY } from '../common/pagination.js';

/** A scenario file's text, as the `source` of a JSON body. */
export const SCENARIO_SOURCE = z.string().min(1, 'the scenario source is empty').max(SCENARIO_LIMITS.maxInputSize);

export const SCENARIO_BODY = z.strictObject({ source: SCENARIO_SOURCE });

export const LIST_SCENARIOS = z.strictObject(PAGE_QUERY);
