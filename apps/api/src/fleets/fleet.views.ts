import type { RouterHealth } from '@asr-twin/domain';
import type { Fleet } from '@asr-twin/persistence';
import { z } from 'zod';
import { describes, apiSchema } from '../common/openapi-schema.js';
import { LABEL_MAP, pageSchema, TIMESTAMP } from '../common/response-schemas.js';

const COUNT = z.number().int().min(0);

/** A fleet as the fleet routes answer it, with its router counts by health. */
export const FLEET = describes<Fleet>()(
  apiSchema(
    'Fleet',
    z
      .object({
        id: z.uuid(),
        name: z.string().describe('slug, unique'),
        description: z.string(),
        labels: LABEL_MAP,
        createdAt: TIMESTAMP,
        updatedAt: TIMESTAMP,
        routerCount: COUNT,
        health: z
          .object({ protected: COUNT, degraded: COUNT, down: COUNT } satisfies Record<RouterHealth, z.ZodType>)
          .describe('routers of the fleet by redundancy health'),
      })
      .meta({
        description: 'a fleet of routers',
        example: {
          id: '0b6f3c52-8a51-4a7e-9d1c-3f0e2a4b5c6d',
          name: 'sample',
          description: 'Sample fleet',
          labels: { region: 'eu' },
          createdAt: '2026-01-31T12:00:00.000Z',
          updatedAt: '2026-01-31T12:00:00.000Z',
          routerCount: 2,
          health: { protected: 1, degraded: 1, down: 0 },
        },
      }),
  ),
);

/** A page of fleets. */
export const FLEET_PAGE = pageSchema('FleetPage', FLEET, 'a page of fleets');
