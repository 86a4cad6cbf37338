import type { FleetEvent, ScenarioEvent } from './types';
import { useSubscription } from './use-subscription';

export const FLEET_CHANGES = 'subscription FleetChanges { fleetChanged { change fleetId name count routersAnnounced } }';
export const ONE_FLEET_CHANGES = 'subscription FleetChanged($fleet: ID) { fleetChanged(fleet: $fleet) { change } }';
export const SCENARIO_CHANGES = 'subscription ScenarioChanges { scenarioChanged { change scenarioId name revision } }';

/**
 * Calls `reload` whenever a fleet is created, renamed (or otherwise updated) or deleted: for lists of fleets
 * (routers added to or observed in a fleet do not change such a list). `fleet` limits it to one fleet.
 */
export function useFleetListLive(reload: () => void, options: { readonly fleet?: string; readonly enabled?: boolean } = {}): void {
  const query = options.fleet === undefined ? FLEET_CHANGES : ONE_FLEET_CHANGES;
  useSubscription<{ fleetChanged: Pick<FleetEvent, 'change'> }>(
    query,
    options.fleet === undefined ? {} : { fleet: options.fleet },
    ({ fleetChanged }) => {
      if (fleetChanged.change !== 'routersAdded' && fleetChanged.change !== 'routersObserved') reload();
    },
    options.enabled ?? true,
  );
}

/** Calls `reload` whenever a stored scenario is created, updated or deleted: for lists of scenarios. */
export function useScenarioListLive(reload: () => void, enabled = true): void {
  useSubscription<{ scenarioChanged: ScenarioEvent }>(SCENARIO_CHANGES, {}, () => reload(), enabled);
}
