import type { ApiKeyService } from '@asr-twin/persistence';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyRequest } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import { authenticate, type RequestAuth } from '../auth/api-key.hook.js';
import { formatExecutionErrors } from './graphql-errors.js';
import type { GraphqlContext } from './graphql-context.js';
import type { LoaderFactory } from './loaders.js';
import { checkQueryLength, limitRules, type QueryLimits, validateSubscription } from './query-limits.js';

/** Where GraphQL answers, over HTTP and WebSocket. */
export const GRAPHQL_PATH = '/graphql';

/** `connection_init` payload of a GraphQL WebSocket: browsers cannot set headers, so the key travels here. */
function payloadAuthorization(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const value = (payload as Record<string, unknown>)['authorization'] ?? (payload as Record<string, unknown>)['Authorization'];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Mercurius through Nest's driver, code first. Over HTTP each request's context carries the outcome of the API
 * key hook and fresh batch loaders; over WebSocket the `connection_init` payload's `authorization` is checked
 * the same way (falling back to the upgrade request's header). The connection is always accepted: every
 * subscription is then authorised by the role guard, which refuses it with `UNAUTHENTICATED` or `FORBIDDEN`
 * as the same error a query gets. Documents are checked for length, depth and complexity before they run.
 */
export function graphqlOptions(limits: QueryLimits, keys: ApiKeyService, loaders: LoaderFactory, maxSubscriptionsPerConnection: number): MercuriusDriverConfig {
  return {
    path: GRAPHQL_PATH,
    autoSchemaFile: true,
    sortSchema: true,
    graphiql: false,
    // Validation rules depend on each request's variables (complexity of `limit: $n`), which Mercurius'
    // document cache cannot key on.
    cache: false,
    validationRules: ({ variables, operationName }) => limitRules(limits, variables, operationName),
    context: (request: FastifyRequest): GraphqlContext => ({ auth: request.auth, loaders: loaders.create() }),
    errorFormatter: (execution) => formatExecutionErrors(execution),
    subscription: {
      keepAlive: 30_000,
      // Built once per connection (at connection_init): its subscription slots are shared by its operations.
      context: (_socket: unknown, request: FastifyRequest): GraphqlContext => ({
        auth: request.auth,
        loaders: loaders.create(),
        subscriptions: { active: 0, max: maxSubscriptionsPerConnection },
      }),
      onConnect: async ({ payload }: { payload: unknown }): Promise<true | { auth: RequestAuth }> => {
        const header = payloadAuthorization(payload);
        return header === undefined ? true : { auth: await authenticate(header, keys) };
      },
    },
    hooks: {
      preParsing: (_schema: GraphQLSchema, source: string) => checkQueryLength(source, limits),
      preSubscriptionParsing: (_schema: GraphQLSchema, source: string) => checkQueryLength(source, limits),
      preSubscriptionExecution: (schema, document) => validateSubscription(schema, document, limits),
    },
  };
}
