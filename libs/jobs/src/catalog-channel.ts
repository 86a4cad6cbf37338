/**
 * What is published after every committed change of the catalog an operator browses: fleets and scenarios
 * (Redis pub/sub; the GraphQL `fleetChanged` and `scenarioChanged` subscriptions relay it). Like router state
 * messages, these are hints to refetch, not a record: a subscriber that missed one reads the list again.
 *
 * Published by the api only (fleet, router and scenario management); the `entity` field tells the two kinds
 * apart on the one channel.
 */
export type CatalogMessage = FleetChangeMessage | ScenarioChangeMessage;

/** A fleet was created, renamed or otherwise changed, or deleted (with its routers). */
export interface FleetEntityChange {
  readonly entity: 'fleet';
  readonly change: 'created' | 'updated' | 'deleted';
  readonly fleetId: string;
  /** The fleet's name after the change (for `deleted`: its last name). */
  readonly name: string;
  /** When the change was committed, ISO 8601 UTC. */
  readonly at: string;
}

/**
 * Routers were added to a fleet: one message per insert, whatever its size (a generated fleet of 100,000
 * routers is one message), so a view of the fleet reloads it once instead of following a flood of events.
 */
export interface FleetRoutersAdded {
  readonly entity: 'fleet';
  readonly change: 'routersAdded';
  readonly fleetId: string;
  readonly name: string;
  readonly at: string;
  /** How many routers the insert created (≥ 1). */
  readonly count: number;
  /**
   * Whether each new router was also announced by a `created` message on the router-state channel (inserts of
   * up to `ROUTER_STATE_BULK_LIMIT` routers): a view that follows those needs no reload.
   */
  readonly routersAnnounced: boolean;
}

/**
 * Routers of a fleet were observed in bulk (`POST /observations`): one message per fleet a request touched,
 * whatever its size, so a view of the fleet reloads it once (their state, health or freshness changed).
 */
export interface FleetRoutersObserved {
  readonly entity: 'fleet';
  readonly change: 'routersObserved';
  readonly fleetId: string;
  readonly name: string;
  readonly at: string;
  /** How many of the fleet's routers the request observed (applied or unchanged; ≥ 1). */
  readonly count: number;
  /**
   * Whether each router whose state changed also got its own `updated` router state message (requests that
   * change up to `ROUTER_STATE_BULK_LIMIT` routers). Freshness alone is never announced per router.
   */
  readonly routersAnnounced: boolean;
}

export type FleetChangeMessage = FleetEntityChange | FleetRoutersAdded | FleetRoutersObserved;

/** A stored scenario was created, replaced (a new revision, possibly under a new name) or deleted. */
export interface ScenarioChangeMessage {
  readonly entity: 'scenario';
  readonly change: 'created' | 'updated' | 'deleted';
  readonly scenarioId: string;
  /** The scenario's name after the change (for `deleted`: its last name). */
  readonly name: string;
  /** Its revision after the change (for `deleted`: the last one); 1 when created. */
  readonly revision: number;
  readonly at: string;
}

/** The pub/sub channel of fleet and scenario changes, under the configured key prefix. */
export function catalogChannel(queuePrefix: string): string {
  return `${queuePrefix}:catalog`;
}

/** The message for a fleet as stored after a change. */
export function fleetChangeMessage(
  fleet: { readonly id: string; readonly name: string },
  change: FleetEntityChange['change'],
  at: Date = new Date(),
): FleetEntityChange {
  return { entity: 'fleet', change, fleetId: fleet.id, name: fleet.name, at: at.toISOString() };
}

/** The message for one insert of `count` routers into a fleet. */
export function routersAddedMessage(
  fleet: { readonly id: string; readonly name: string },
  count: number,
  routersAnnounced: boolean,
  at: Date = new Date(),
): FleetRoutersAdded {
  return { entity: 'fleet', change: 'routersAdded', fleetId: fleet.id, name: fleet.name, at: at.toISOString(), count, routersAnnounced };
}

/** The message for one bulk observation of `count` routers of a fleet. */
export function routersObservedMessage(
  fleet: { readonly id: string; readonly name: string },
  count: number,
  routersAnnounced: boolean,
  at: Date = new Date(),
): FleetRoutersObserved {
  return { entity: 'fleet', change: 'routersObserved', fleetId: fleet.id, name: fleet.name, at: at.toISOString(), count, routersAnnounced };
}

/** The message for a scenario as stored after a change. */
export function scenarioChangeMessage(
  scenario: { readonly id: string; readonly name: string; readonly revision: number },
  change: ScenarioChangeMessage['change'],
  at: Date = new Date(),
): ScenarioChangeMessage {
  return { entity: 'scenario', change, scenarioId: scenario.id, name: scenario.name, revision: scenario.revision, at: at.toISOString() };
}
