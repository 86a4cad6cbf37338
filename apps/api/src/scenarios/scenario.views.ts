import { CHASSIS_MODELS, type Scenario, TIMING_KEYS, type TimingKeyView } from '@asr-twin/domain';
import type { StoredScenario } from '@asr-twin/persistence';
import { SCENARIO_ERROR_CODES, SCENARIO_WARNING_CODES } from '@asr-twin/scenario';
import { z } from 'zod';
import { apiSchema, describes } from '../common/openapi-schema.js';
import { objectOf, pageSchema, TIMESTAMP } from '../common/response-schemas.js';
import type { ScenarioCheck } from '../parsing/scenario-sources.js';

const SCENARIO_FACTS = {
  id: z.uuid(),
  name: z.string().describe('metadata.name, unique'),
  description: z.string(),
  revision: z.number().int().min(1).describe('increases with every replacement'),
  createdAt: TIMESTAMP,
  updatedAt: TIMESTAMP,
};

/** A stored scenario with its source and the model parsed from it. */
export const STORED_SCENARIO = describes<StoredScenario>()(
  apiSchema(
    'StoredScenario',
    z
      .object({
        ...SCENARIO_FACTS,
        source: z.string().describe('the scenario file, verbatim'),
        parsed: objectOf<Scenario>('the validated scenario model (durations in ms), as the simulator runs it'),
      })
      .meta({ description: 'a stored scenario' }),
  ),
);

/** A stored scenario as lists show it: without its source and model. */
export const SCENARIO_SUMMARY = describes<Omit<StoredScenario, 'source' | 'parsed'>>()(
  apiSchema('ScenarioSummary', z.object(SCENARIO_FACTS).meta({ description: 'a stored scenario without its source' })),
);

/** A page of stored scenarios. */
export const SCENARIO_PAGE = pageSchema('ScenarioPage', SCENARIO_SUMMARY, 'a page of stored scenarios');

const SOURCE_POSITION = {
  file: z.string().describe('the file name given, or `source`'),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  path: z.string().describe('path of the offending value (`spec.steps[0].fault`)'),
  message: z.string(),
};

/** The answer of `POST /scenarios/validate`: every error and warning with its line and column. */
export const SCENARIO_CHECK = describes<Omit<ScenarioCheck, 'scenario'>>()(
  apiSchema(
    'ScenarioCheck',
    z
      .object({
        valid: z.boolean(),
        errors: z.array(z.object({ ...SOURCE_POSITION, code: z.enum(SCENARIO_ERROR_CODES) })),
        warnings: z.array(z.object({ ...SOURCE_POSITION, code: z.enum(SCENARIO_WARNING_CODES) })),
      })
      .meta({
        description: 'the result of checking a scenario',
        example: {
          valid: false,
          errors: [
            {
              file: 'source',
              line: 12,
              column: 14,
              path: 'spec.steps[0].fault',
              code: 'unknown-fault',
              message: 'unknown fault "iosd-crsh"; did you mean "iosd-crash"?',
            },
          ],
          warnings: [],
        },
      }),
  ),
);

/** One key of the timing profile. */
export const TIMING_KEY = describes<TimingKeyView>()(
  apiSchema(
    'TimingKey',
    z
      .object({
        key: z.enum(TIMING_KEYS),
        defaultMs: z.number(),
        unit: z.literal('ms'),
        description: z.string(),
        source: z.string().describe("where the default comes from, with the reference's confidence"),
        distribution: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('fixed') }),
          z.object({ kind: z.literal('uniform'), spread: z.number().describe('relative spread around the default') }),
        ]),
        modelDefaults: z.partialRecord(z.enum(CHASSIS_MODELS), z.number()).describe('models with a default of their own (ms)'),
        modelSources: z.partialRecord(z.enum(CHASSIS_MODELS), z.string()).describe('where each of modelDefaults comes from'),
        effectiveMs: z.number().optional().describe('with ?model=: the default that model runs with'),
      })
      .meta({ description: 'a duration the simulator draws' }),
  ),
);

/** The answer of `GET /timings`. */
export const TIMING_LIST = describes<{ items: TimingKeyView[] }>()(
  apiSchema('TimingList', z.object({ items: z.array(TIMING_KEY) }).meta({ description: 'every timing key, in profile order' })),
);
