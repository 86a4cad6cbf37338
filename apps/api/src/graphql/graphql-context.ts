import type { RequestAuth } from '../auth/api-key.hook.js';
import type { Loaders } from './loaders.js';
import type { SubscriptionSlots } from './websocket-limits.js';

/**
 * The context of one GraphQL operation: who sent it (the outcome of the API key check, as for REST) and the
 * batch loaders of this request only, so nothing is cached across requests or keys.
 */
export interface GraphqlContext {
  readonly auth: RequestAuth | null;
  readonly loaders: Loaders;
  /** Over a WebSocket: the subscriptions its connection holds (`WS_MAX_SUBSCRIPTIONS_PER_CONNECTION`). */
  readonly subscriptions?: SubscriptionSlots;
}
