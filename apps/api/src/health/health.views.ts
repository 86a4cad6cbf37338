import type { HealthCheckResult } from '@nestjs/terminus';
import { z } from 'zod';
import { apiSchema } from '../common/openapi-schema.js';

const INDICATORS = z
  .record(z.string(), z.looseObject({ status: z.enum(['up', 'degraded', 'down']), message: z.string().optional() }))
  .describe('by dependency (`database`, `redis`, `queues`, `shutdown`): up or down, with a message when down');

/** The answer of the health probes that check dependencies (Terminus's health report), 200 or 503. */
export const HEALTH_REPORT = apiSchema(
  'HealthReport',
  z
    .object({
      status: z.enum(['ok', 'error', 'degraded', 'shutting_down']),
      info: INDICATORS.optional().describe('the dependencies that are up'),
      error: INDICATORS.optional().describe('the dependencies that are down'),
      details: INDICATORS.describe('every dependency checked'),
    })
    .meta({
      description: 'health of the dependencies',
      example: {
        status: 'ok',
        info: { database: { status: 'up' }, redis: { status: 'up' } },
        error: {},
        details: { database: { status: 'up' }, redis: { status: 'up' } },
      },
    }),
) satisfies z.ZodType<HealthCheckResult>;

/** The answer of the liveness probe. */
export const LIVENESS = apiSchema('Liveness', z.object({ status: z.literal('ok') }).meta({ description: 'the process answers' }));
