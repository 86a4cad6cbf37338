import { type Freshness, ValidationError } from '@asr-twin/domain';
import type { RouterFilter } from '@asr-twin/persistence';
import type { z } from 'zod';
import { parseInput } from '../common/validation.js';
import { GENERATE_BODY, type GenerateSpec, type LIST_ROUTERS, ROUTER_INPUT, ROUTER_LIST_BODY, type RouterInput } from './router.schemas.js';

export type AddRoutersRequest =
  { readonly kind: 'list'; readonly routers: readonly RouterInput[] } | { readonly kind: 'generate'; readonly spec: GenerateSpec };

/**
 * The body of `POST /fleets/:id/routers` takes four shapes; the shape is chosen by its top-level keys so
 * that each gets errors about its own fields rather than a union's "no variant matched".
 */
export function parseAddRoutersBody(body: unknown): AddRoutersRequest {
  if (Array.isArray(body)) {
    return { kind: 'list', routers: parseInput(ROUTER_LIST_BODY, { routers: body }, 'body').routers };
  }
  if (typeof body !== 'object' || body === null) {
    throw new ValidationError('the body must be a JSON object: one router, { "routers": [...] } or { "generate": {...} }', [
      { field: 'body', message: `expected an object, got ${body === null ? 'null' : typeof body}` },
    ]);
  }
  if ('generate' in body) return { kind: 'generate', spec: parseInput(GENERATE_BODY, body, 'body').generate };
  if ('routers' in body) return { kind: 'list', routers: parseInput(ROUTER_LIST_BODY, body, 'body').routers };
  return { kind: 'list', routers: [parseInput(ROUTER_INPUT, body, 'body')] };
}

/** A router list filter as asked: freshness by value, judged against the clock when the list is read. */
export type RouterQuery = Omit<RouterFilter, 'freshness'> & { readonly freshness?: readonly Freshness[] };

export function toRouterFilter(q: z.output<typeof LIST_ROUTERS>): RouterQuery {
  const labels = q.label ? Object.fromEntries(q.label.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])) : undefined;
  return {
    ...(q.fleet === undefined ? {} : { fleet: q.fleet }),
    ...(q.model === undefined ? {} : { models: q.model }),
    ...(q.health === undefined ? {} : { health: q.health }),
    ...(labels === undefined ? {} : { labels }),
    ...(q.q === undefined ? {} : { hostnamePrefix: q.q }),
    ...(q.freshness === undefined ? {} : { freshness: q.freshness }),
  };
}
