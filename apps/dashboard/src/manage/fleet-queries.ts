import type * as S from '../api/schema-types.generated.js';

/** A fleet as the management pages show it. */
export type ManagedFleet = Pick<S.Fleet, 'id' | 'name' | 'description' | 'routerCount' | 'labels' | 'health'>;

const FIELDS = 'id name description routerCount labels { key value } health { protected degraded down }';

export const MANAGED_FLEETS = `query ManagedFleets($limit: Int!, $offset: Int!) { fleets(limit: $limit, offset: $offset) { total items { ${FIELDS} } } }`;

export const MANAGED_FLEET = `query ManagedFleet($id: ID!) { fleet(id: $id) { ${FIELDS} } }`;

/** Every change of any fleet, routers added and observed included (their counts change). */
export const ANY_FLEET_CHANGE = 'subscription AnyFleetChange { fleetChanged { change fleetId } }';

/** The same for one fleet. */
export const ONE_FLEET_CHANGE = 'subscription OneFleetChange($fleet: ID) { fleetChanged(fleet: $fleet) { change fleetId } }';

/** `n router(s)`. */
export function routers(n: number): string {
  return `${n.toLocaleString('en')} router${n === 1 ? '' : 's'}`;
}
