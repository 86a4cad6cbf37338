import { type ApiRole, roleSatisfies } from '@asr-twin/persistence';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, RouteOptions } from 'fastify';
import type { RouterService } from './router.service.js';

/** The content type `RouterController.get` declares for the tree (`@Header`); the warm answer sends the same. */
export const ROUTER_TREE_CONTENT_TYPE = 'application/json; charset=utf-8';

/** What the warm read needs to know of the route it shortens. */
export interface CachedRouterReadRoute {
  /** The route's URL as Fastify registers it: `/api/v1/routers/:id`. */
  readonly url: string;
  /** The role the route's `@RequireRole` asks for, read from the controller so the two cannot disagree. */
  readonly role: ApiRole;
}

/**
 * Answers a warm `GET /routers/:id` from the cached JSON bytes of the tree in a `preHandler` hook of that route,
 * without Nest's pipeline (guard, parameter decorators, handler, response mapping), which costs more than the
 * answer itself. It runs after every `onRequest`, `preParsing` and `preValidation` hook (security headers, API
 * key, rate limit, media type, storable text), so those hold exactly as on the normal path. It answers only a
 * request its route would answer 200 from the same bytes: a key whose role satisfies the route's, and a tree
 * cached under the request's current twin epoch and still of the router's freshness now. Anything else (no
 * key, a weak role, a cold or stale entry, Redis unable to tell the epoch) takes the normal path, which answers
 * or refuses as it always did.
 */
export function installCachedRouterRead(fastify: FastifyInstance, route: CachedRouterReadRoute, routers: RouterService): void {
  const answerWarm = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const auth = request.auth;
    const epoch = request.changeEpochs?.twin ?? null;
    if (request.method !== 'GET' || epoch === null || auth?.kind !== 'key' || !roleSatisfies(auth.key.role, route.role)) return done();
    const body = routers.cachedJson((request.params as { id: string }).id, epoch);
    if (body === undefined) return done();
    // Sent without calling done(): Fastify skips the handler and runs the onSend and onResponse hooks as usual.
    void reply.header('content-type', ROUTER_TREE_CONTENT_TYPE).send(body);
  };
  fastify.addHook('onRoute', (options: RouteOptions) => {
    if (options.url !== route.url || options.method !== 'GET') return;
    const own = options.preHandler;
    options.preHandler = own === undefined ? [answerWarm] : [...(Array.isArray(own) ? own : [own]), answerWarm];
  });
}
