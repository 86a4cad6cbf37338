import { API_ROLES, type ApiKeyInfo, type CreatedApiKey } from '@asr-twin/persistence';
import { z } from 'zod';
import { apiSchema, describes } from '../common/openapi-schema.js';
import { pageSchema, TIMESTAMP } from '../common/response-schemas.js';

const KEY_INFO = {
  id: z.uuid(),
  name: z.string(),
  role: z.enum(API_ROLES),
  prefix: z.string().nullable().describe('the non-secret start of the key (`atw_<public id>`); null for an ADMIN_API_KEY in another format'),
  createdAt: TIMESTAMP,
  lastUsedAt: TIMESTAMP.nullable().describe('up to a minute behind'),
  revokedAt: TIMESTAMP.nullable(),
};

/** An API key as admins see it: never the secret nor its hash. */
const KEY_EXAMPLE = {
  id: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b',
  name: 'ci',
  role: 'operator',
  prefix: 'atw_k3pqztz7mxw2',
  createdAt: '2026-01-31T12:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
};

export const API_KEY = describes<ApiKeyInfo>()(
  apiSchema('ApiKey', z.object(KEY_INFO).meta({ description: 'an API key, without its secret', example: KEY_EXAMPLE })),
);

/** A page of API keys. */
export const API_KEY_PAGE = pageSchema('ApiKeyPage', API_KEY, 'a page of API keys');

/** The answer to creating a key: the only place its secret appears. */
export const CREATED_API_KEY = describes<CreatedApiKey>()(
  apiSchema(
    'CreatedApiKey',
    z.object({ ...KEY_INFO, key: z.string().describe('the secret key (`atw_…`), shown this once; send it as `Authorization: Bearer <key>`') }).meta({
      description: 'a new API key with its secret',
      example: { ...KEY_EXAMPLE, key: 'atw_k3pqztz7mxw2_4uQ2v7XyTb8nR1mK0sLpW3eJ6hGdCfA9xZ2bN5vQ8rT1' },
    }),
  ),
);
