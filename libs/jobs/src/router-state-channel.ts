import type { RouterHealth } from '@asr-twin/domain';

/**
 * What is published after every committed write of a router's twin state (Redis pub/sub; the GraphQL
 * `routerStateChanged` subscription relays it). A hint to refetch, not a source of truth: a subscriber that
 * missed messages (Redis restarted, a slow consumer) reads the router again.
 *
 * Published by the api (observations, force-switchover, router creation, fleet moves, deletion) and by the
 * worker (the later transitions of a force-switchover). Bulk creations of more than
 * {@link ROUTER_STATE_BULK_LIMIT} routers publish nothing (see there).
 */
export interface RouterStateMessage {
  readonly routerId: string;
  readonly hostname: string;
  /** The fleet the router belongs to after the write. */
  readonly fleetId: string;
  /** Set when the write moved the router to another fleet: the fleet it left. */
  readonly previousFleetId?: string;
  /** Redundancy health after the write (for `deleted`: the last stored one). */
  readonly health: RouterHealth;
  /** `stateVersion` after the write; it grows with every twin-state change of the router. */
  readonly stateVersion: number;
  /** When the write was committed, ISO 8601 UTC. */
  readonly at: string;
  /**
   * What happened: `updated` (twin state, health or fleet changed), `created` (a new router, healthy initial
   * state) or `deleted` (the router is gone; the other fields are its last stored values).
   */
  readonly change: 'created' | 'updated' | 'deleted';
}

/** The pub/sub channel of router state changes, under the configured key prefix. */
export function routerStateChannel(queuePrefix: string): string {
  return `${queuePrefix}:router-state`;
}

/**
 * Requests that create more routers than this publish no `created` message at all: a generated fleet of
 * 100,000 routers would otherwise flood every subscriber. Every insert, whatever its size, also publishes one
 * `routersAdded` message on the catalog channel (`FleetRoutersAdded` in `catalog-channel.ts`), on which a fleet view reloads.
 */
export const ROUTER_STATE_BULK_LIMIT = 100;

/** The fields of a stored router a message is built from (structural, so any read model fits). */
export interface RouterStateSource {
  readonly id: string;
  readonly hostname: string;
  readonly fleetId: string;
  readonly health: RouterHealth;
  readonly stateVersion: number;
}

/** The message for a router as stored after a write. */
export function routerStateMessage(
  router: RouterStateSource,
  change: RouterStateMessage['change'],
  options: { readonly at?: Date; readonly previousFleetId?: string } = {},
): RouterStateMessage {
  return {
    routerId: router.id,
    hostname: router.hostname,
    fleetId: router.fleetId,
    ...(options.previousFleetId === undefined ? {} : { previousFleetId: options.previousFleetId }),
    health: router.health,
    stateVersion: router.stateVersion,
    at: (options.at ?? new Date()).toISOString(),
    change,
  };
}
