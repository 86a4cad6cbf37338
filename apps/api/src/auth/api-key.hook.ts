import type { ApiKeyService, AuthenticatedKey } from '@asr-twin/persistence';
import type { FastifyInstance } from 'fastify';

/** Who sent a request, as far as its `Authorization` header tells. */
export type RequestAuth =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'rejected'; readonly reason: string }
  | { readonly kind: 'key'; readonly key: AuthenticatedKey }
  /** The lookup itself failed (database down): guarded routes answer 503, public ones (`/health`) still work. */
  | { readonly kind: 'failed'; readonly error: unknown };

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the API key hook before any other hook, so the rate limit can count per key. */
    auth: RequestAuth | null;
  }
}

const ANONYMOUS: RequestAuth = { kind: 'anonymous' };
const BEARER = /^Bearer +(\S+) *$/i;

/**
 * Authenticates every request from its `Authorization: Bearer <key>` header in an `onRequest` hook and
 * records the outcome on the request. It rejects nothing itself: the role guard decides per route (public
 * routes ignore the outcome), and the rate limit that runs next counts by key instead of by address.
 */
export function installApiKeyAuthentication(fastify: FastifyInstance, keys: ApiKeyService): void {
  fastify.decorateRequest('auth', null);
  fastify.addHook('onRequest', async (request) => {
    // Unmatched URLs answer 404 whoever asks: no lookup, so they cannot be used to flood the database.
    request.auth = request.is404 ? ANONYMOUS : await authenticate(request.headers.authorization, keys);
  });
}

/**
 * The outcome of an `Authorization` value (`Bearer <key>`), as the request hook records it; also used for the
 * `authorization` of a GraphQL WebSocket's `connection_init` payload, which browsers send instead of a header.
 */
export async function authenticate(header: string | undefined, keys: ApiKeyService): Promise<RequestAuth> {
  if (header === undefined || header === '') return ANONYMOUS;
  const token = BEARER.exec(header)?.[1];
  if (token === undefined) return { kind: 'rejected', reason: 'the Authorization header is not "Bearer <key>"' };
  try {
    const result = await keys.authenticate(token);
    return result.ok ? { kind: 'key', key: result.key } : { kind: 'rejected', reason: result.reason };
  } catch (error) {
    return { kind: 'failed', error };
  }
}
