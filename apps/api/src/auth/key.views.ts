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
export const API_KEY = describes<ApiKeyInfo>()(apiSchema('ApiKey', z.object(KEY_INFO).meta({ description: 'an API key, without its secret' })));

/** A page of API keys. */
export const API_KEY_PAGE = pageSchema('ApiKeyPage', API_KEY, 'a page of API keys');

/** The answer to creating a key: the only place its secret appears. */
export const CREATED_API_KEY = describes<CreatedApiKey>()(
  apiSchema(
    'CreatedApiKey',
    z
      .object({ ...KEY_INFO, key: z.string().describe('the secret key (`atw_…`), shown this once; send it as `Authorization: Bearer <key>`') })
      .meta({ description: 'a new API key with its secret' }),
  ),
);
