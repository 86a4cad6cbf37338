import { parseInput } from '../../common/validation.js';
import { type RouterQuery, toRouterFilter } from '../router.requests.js';
import { LIST_ROUTERS } from '../router.schemas.js';
import type { RouterFilter } from './router.model.js';

const FILTER = LIST_ROUTERS.omit({ limit: true, offset: true });

/** The GraphQL router filter, validated by the same schema as `GET /routers`' query. */
export function routerFilterOf(filter: RouterFilter | null): RouterQuery {
  if (!filter) return {};
  const query = {
    ...(filter.fleet == null ? {} : { fleet: filter.fleet }),
    ...(filter.models == null ? {} : { model: filter.models }),
    ...(filter.health == null ? {} : { health: filter.health }),
    ...(filter.freshness == null ? {} : { freshness: filter.freshness }),
    ...(filter.labels == null ? {} : { label: filter.labels.map((l) => `${l.key}=${l.value}`) }),
    ...(filter.q == null ? {} : { q: filter.q }),
  };
  return toRouterFilter({ ...parseInput(FILTER, query, 'filter'), limit: 1, offset: 0 });
}
