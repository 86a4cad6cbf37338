import { z } from 'zod';
import { PAGE_QUERY } from '../common/pagination.js';
import { FLEET_NAME, LABELS } from '../common/schemas.js';

export const CREATE_FLEET = z.strictObject({
  name: FLEET_NAME,
  description: z.string().max(1000).default(''),
  labels: LABELS.default({}),
});

export const UPDATE_FLEET = z
  .strictObject({
    name: FLEET_NAME.optional(),
    description: z.string().max(1000).optional(),
    labels: LABELS.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one of name, description, labels');

export const LIST_FLEETS = z.strictObject(PAGE_QUERY);
