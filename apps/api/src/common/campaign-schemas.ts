import { CHASSIS_MODELS, type RouterSelector } from '@asr-twin/domain';
import { RUN_STATUSES } from '@asr-twin/persistence';
import { z } from 'zod';
import { apiSchema } from './openapi-schema.js';
import { LABEL_MAP, TIMESTAMP } from './response-schemas.js';

/** Status of a run or an audit. */
export const CAMPAIGN_STATUS = z.enum(RUN_STATUSES);

/** Routers of the twin chosen by fleet, model, labels or hostnames. */
export const ROUTER_SELECTOR = apiSchema(
  'RouterSelector',
  z
    .object({
      fleet: z.string().optional(),
      model: z.enum(CHASSIS_MODELS).optional(),
      labels: LABEL_MAP.optional(),
      hostnames: z.array(z.string()).optional(),
    })
    .meta({ description: 'routers of the twin: every given criterion must match' }),
) satisfies z.ZodType<RouterSelector>;

/** A run's or audit's wait through an outage of PostgreSQL or Redis. */
export const CAMPAIGN_WAITING = z
  .object({ since: TIMESTAMP, reason: z.string() })
  .nullable()
  .describe('set while queued or running work waits through an outage of PostgreSQL or Redis; null otherwise');

/** How far a run or audit is. */
export const CAMPAIGN_PROGRESS = {
  routersDone: z.number().int().min(0),
  routerCount: z.number().int().min(0).nullable().describe('null until planned'),
  shards: z.number().int().min(0).nullable().describe('null until planned'),
  percent: z.number().min(0).max(100),
};

/** When a run or audit was created, started and finished, and by whom. */
export const CAMPAIGN_DATES = {
  createdBy: z.string().describe('the API key name'),
  createdAt: TIMESTAMP,
  startedAt: TIMESTAMP.nullable(),
  finishedAt: TIMESTAMP.nullable(),
};
