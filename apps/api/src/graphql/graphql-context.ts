import type { RequestAuth } from '../auth/api-key.hook.js';
import type { Loaders } from './loaders.js';

/**
 * The context of one GraphQL operation: who sent it (the outcome of the API key check, as for REST) and the
 * batch loaders of this request only, so nothing is cached across requests or keys.
 */
export interface GraphqlContext {
  readonly auth: RequestAuth | null;
  readonly loaders: Loaders;
}
