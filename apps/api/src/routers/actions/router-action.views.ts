import { z } from 'zod';
import { apiSchema, describes } from '../../common/openapi-schema.js';
import { FIELD_CHANGE, TIMELINE_ENTRY, TIMESTAMP } from '../../common/response-schemas.js';
import { ROUTER_TREE } from '../router.views.js';
import type { RouterActionView } from './router-action.service.js';

const ACTION = describes<RouterActionView>()(
  z.object({
    id: z.uuid(),
    kind: z.literal('force-switchover'),
    status: z.enum(['pending', 'completed', 'cancelled']),
    actor: z.string(),
    startedAt: TIMESTAMP,
    timeScale: z.number().describe('TWIN_TIME_SCALE: factor on the wall-clock delays of the pending transitions'),
    switchover: z.object({
      from: z.string().describe('the instance that was active'),
      to: z.string().describe('the instance that took activity'),
      stateful: z.boolean().describe('SSO from STANDBY HOT: the ESPs keep forwarding'),
    }),
    changes: z.array(FIELD_CHANGE).describe('fields the immediate part changed'),
    pending: z
      .array(
        z.object({
          step: z.number().int().min(0),
          at: TIMESTAMP.describe('when it is due on the wall clock'),
          afterMs: z.number().describe('simulated time after the switchover (not scaled)'),
          summary: z.string(),
        }),
      )
      .describe('later transitions, applied by the worker when due unless another write to the router comes first'),
    timeline: z.array(TIMELINE_ENTRY).describe("the simulator's timeline of the action (tMs: simulated ms after it)"),
  }),
);

/** The answer of `POST /routers/{id}/actions/force-switchover`. */
export const FORCE_SWITCHOVER_ANSWER = apiSchema(
  'ForceSwitchoverResult',
  z.object({ router: ROUTER_TREE, action: ACTION }).meta({ description: 'the switchover done; its later transitions pending' }),
);
