import type { ChangeEpochReader, ChangeEpochs } from '@asr-twin/jobs';
import type { ApiKeyService, AuthenticatedKey } from '@asr-twin/persistence';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { VerifiedKeyCache } from '../cache/read-cache.module.js';
import { settleWithin } from '../common/time-box.js';
import { tokenDigest, type VerifiedKeys } from './verified-keys.js';

/**
 * How long a request waits for PostgreSQL to check its key: past it the check counts as failed (503, or a
 * recently verified key is accepted), rather than the request hanging with a hung database.
 */
export const KEY_CHECK_TIME_LIMIT_MS = 3000;
/** The same for a key verified within `API_KEY_OUTAGE_GRACE_S`, which has somewhere to fall back to. */
export const KNOWN_KEY_CHECK_TIME_LIMIT_MS = 1000;

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
    /**
     * The change epochs read for this request before anything else (requests that present a key only), for the
     * read caches; null when Redis could not tell (nothing is then answered from a cache).
     */
    changeEpochs: ChangeEpochs | null;
  }
}

/** The cache of verified keys and the change epochs that keep it exact (`READ_CACHE_MAX_AGE_S`). */
export interface KeyVerificationCache {
  readonly epochs: ChangeEpochReader;
  readonly cache: VerifiedKeyCache;
  /**
   * Told, as a request arrives, the key this process last verified for its token (before the key is checked
   * again), so that the rate limit can count it in the same Redis write as the epoch read.
   */
  readonly countEarly?: (request: FastifyRequest, keyId: string) => void;
}

const ANONYMOUS: RequestAuth = { kind: 'anonymous' };

/**
 * Route config of routes that never need a key (the dashboard's static files): the hook does not look one up
 * for them, as for unmatched URLs, so they cannot be used to flood the database with key lookups.
 */
export const ANONYMOUS_ROUTE = { anonymous: true } as const;

function isAnonymousRoute(request: FastifyRequest): boolean {
  return (request.routeOptions.config as { anonymous?: unknown } | undefined)?.anonymous === true;
}
const BEARER = /^Bearer +(\S+) *$/i;

/**
 * Authenticates every request from its `Authorization: Bearer <key>` header in an `onRequest` hook and
 * records the outcome on the request. It rejects nothing itself: the role guard decides per route (public
 * routes ignore the outcome), and the rate limit that runs next counts by key instead of by address. With
 * `cached`, a request that presents a key first reads the change epochs (kept on the request for the read
 * caches), and a key verified in the current `keys` epoch is not looked up again.
 */
export function installApiKeyAuthentication(fastify: FastifyInstance, keys: ApiKeyService, verified?: VerifiedKeys, cached?: KeyVerificationCache): void {
  fastify.decorateRequest('auth', null);
  fastify.decorateRequest('changeEpochs', null);
  fastify.addHook('onRequest', async (request) => {
    // Unmatched URLs answer 404 whoever asks: no lookup, so they cannot be used to flood the database.
    if (request.is404 || isAnonymousRoute(request)) {
      request.auth = ANONYMOUS;
      return;
    }
    const header = request.headers.authorization;
    const token = header ? BEARER.exec(header)?.[1] : undefined;
    const digest = cached !== undefined && cached.cache.enabled && token !== undefined ? tokenDigest(token) : undefined;
    if (cached !== undefined && digest !== undefined) {
      const known = cached.countEarly === undefined ? undefined : cached.cache.peek(digest);
      if (known !== undefined) cached.countEarly?.(request, known.id);
      request.changeEpochs = await cached.epochs.read();
    }
    const cache = cached === undefined ? undefined : { cache: cached.cache, epoch: request.changeEpochs?.keys ?? null, digest };
    request.auth = await authenticate(header, keys, verified, cache);
  });
}

/**
 * The outcome of an `Authorization` value (`Bearer <key>`), as the request hook records it; also used for the
 * `authorization` of a GraphQL WebSocket's `connection_init` payload, which browsers send instead of a header.
 */
export async function authenticate(
  header: string | undefined,
  keys: ApiKeyService,
  verified?: VerifiedKeys,
  cached?: { readonly cache: VerifiedKeyCache; readonly epoch: string | null; readonly digest?: string | undefined },
): Promise<RequestAuth> {
  if (header === undefined || header === '') return ANONYMOUS;
  const token = BEARER.exec(header)?.[1];
  if (token === undefined) return { kind: 'rejected', reason: 'the Authorization header is not "Bearer <key>"' };
  // A verification made in the current `keys` epoch: no key has changed since, anywhere.
  const digest = cached === undefined || cached.epoch === null ? null : (cached.digest ?? tokenDigest(token));
  const hit = digest === null ? undefined : cached?.cache.get(digest, cached.epoch);
  if (hit !== undefined) return { kind: 'key', key: hit };
  const result = await verify(token, keys, verified);
  if (digest !== null && result.kind === 'key') cached?.cache.set(digest, cached.epoch, result.key);
  return result;
}

async function verify(token: string, keys: ApiKeyService, verified?: VerifiedKeys): Promise<RequestAuth> {
  if (verified === undefined) {
    try {
      const result = await keys.authenticate(token);
      return result.ok ? { kind: 'key', key: result.key } : { kind: 'rejected', reason: result.reason };
    } catch (error) {
      return { kind: 'failed', error };
    }
  }
  const known = verified.recall(token);
  const checked = await settleWithin(keys.authenticate(token), known ? KNOWN_KEY_CHECK_TIME_LIMIT_MS : KEY_CHECK_TIME_LIMIT_MS);
  if (!checked.ok) return known ? { kind: 'key', key: known } : { kind: 'failed', error: checked.error };
  if (!checked.value.ok) {
    verified.forget(token);
    return { kind: 'rejected', reason: checked.value.reason };
  }
  verified.remember(token, checked.value.key);
  return { kind: 'key', key: checked.value.key };
}
