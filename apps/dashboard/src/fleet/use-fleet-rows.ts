import { useCallback, useEffect, useRef, useState } from 'react';
import { FLEET_CHANGES } from '../api/catalog-events';
import { graphql } from '../api/graphql';
import type { FleetEvent, FleetSummary, RouterStateEvent, RouterSummary } from '../api/types';
import { useSubscription } from '../api/use-subscription';
import { useSession } from '../session/session';
import { applyFleetEvents, mergeRows, upsertFleet } from './fleet-catalog';
import { allRows, fleetRows, ONE_ROUTER } from './fleet-loader';
import { applyStateEvents, fleetNameMap, indexRows, type RouterRow, toRow } from './fleet-rows';

/** Events are applied in batches, so a burst of state changes renders once. */
const FLUSH_MS = 200;
/** More unknown routers than this in one batch: reload everything rather than fetch them one by one. */
const MAX_SINGLE_FETCHES = 50;

export const STATE_CHANGES = 'subscription OverviewStates { routerStateChanged { change routerId hostname fleetId health stateVersion at } }';

export interface FleetRows {
  readonly rows: readonly RouterRow[];
  readonly fleets: readonly FleetSummary[];
  readonly loading: boolean;
  readonly error: Error | null;
}

/** What the events are applied to: the rows and fleets as last rendered, and whether a load has finished. */
interface Current {
  rows: readonly RouterRow[];
  index: Map<string, number>;
  fleets: readonly FleetSummary[];
  names: Map<string, string>;
  loaded: boolean;
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/**
 * Every router of the twin as overview rows, loaded in as few requests as the contract allows, then kept
 * current by `routerStateChanged` (known routers patched in place, new ones fetched one by one) and by
 * `fleetChanged` (fleets created, renamed and deleted; after routers were added in bulk, that fleet's routers
 * are fetched again and the new ones added, nothing else).
 */
export function useFleetRows(): FleetRows {
  const { key, reconnects } = useSession();
  const [state, setState] = useState<FleetRows>({ rows: [], fleets: [], loading: true, error: null });
  const current = useRef<Current>({ rows: [], index: new Map(), fleets: [], names: new Map(), loaded: false });
  const stateEvents = useRef<RouterStateEvent[]>([]);
  // Fleet events wait for a load to finish; they are idempotent, so applying one the load already saw is harmless.
  const fleetEvents = useRef<FleetEvent[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Fleets being fetched again; true when another bulk insert arrived meanwhile (fetch once more after).
  const refetching = useRef(new Map<string, boolean>());
  const deletedFleets = useRef(new Set<string>());
  const [generation, setGeneration] = useState(0);

  const show = useCallback((rows: readonly RouterRow[], reindex: boolean) => {
    current.current.rows = rows;
    if (reindex) current.current.index = indexRows(rows);
    setState((s) => ({ ...s, rows }));
  }, []);

  const showFleets = useCallback((fleets: readonly FleetSummary[]) => {
    current.current.fleets = fleets;
    current.current.names = fleetNameMap(fleets);
    setState((s) => ({ ...s, fleets }));
  }, []);

  const fetchUnknown = useCallback(
    async (ids: readonly string[]) => {
      if (ids.length > MAX_SINGLE_FETCHES) {
        setGeneration((g) => g + 1);
        return;
      }
      const found = await Promise.all(
        ids.map((id) =>
          graphql<{ router: (RouterSummary & { fleet: { id: string } }) | null }>(key, ONE_ROUTER, { id }).then(
            (d) => d.router,
            () => null,
          ),
        ),
      );
      const routers = found.filter((r): r is RouterSummary & { fleet: { id: string } } => r !== null);
      const { names, index } = current.current;
      if (routers.some((r) => !names.has(r.fleet.id))) {
        setGeneration((g) => g + 1);
        return;
      }
      const rows = [...current.current.rows];
      for (const router of routers) {
        const at = index.get(router.id);
        if (at === undefined) rows.push(toRow(router, router.fleet.id, names));
        else rows[at] = toRow(router, router.fleet.id, names);
      }
      show(rows, true);
    },
    [key, show],
  );

  /** Fetches a fleet's routers after a bulk insert or observation: adds those not shown yet, refreshes the freshness of known rows. */
  const refetchFleet = useCallback(
    async (fleetId: string): Promise<void> => {
      if (refetching.current.has(fleetId)) {
        refetching.current.set(fleetId, true);
        return;
      }
      refetching.current.set(fleetId, false);
      try {
        const fetched = await fleetRows(key, fleetId);
        if (fetched === null || deletedFleets.current.has(fleetId)) return;
        if (!current.current.loaded) {
          // A full load started meanwhile and may have read the fleet before the insert: once more after it.
          fleetEvents.current.push({ change: 'routersAdded', fleetId, name: fetched.fleet.name, count: null, routersAnnounced: false });
          return;
        }
        showFleets(upsertFleet(current.current.fleets, fetched.fleet));
        const merged = mergeRows(current.current.rows, current.current.index, fetched.rows);
        if (merged !== current.current.rows) show(merged, true);
      } catch (error) {
        setState((s) => ({ ...s, error: asError(error) }));
      } finally {
        const again = refetching.current.get(fleetId) === true;
        refetching.current.delete(fleetId);
        if (again) void refetchFleet(fleetId);
      }
    },
    [key, show, showFleets],
  );

  const applyFleets = useCallback(() => {
    const events = fleetEvents.current;
    fleetEvents.current = [];
    for (const event of events) if (event.change === 'deleted') deletedFleets.current.add(event.fleetId);
    const patch = applyFleetEvents(current.current.fleets, current.current.rows, events);
    if (patch.fleets !== current.current.fleets) showFleets(patch.fleets);
    if (patch.rows !== current.current.rows) show(patch.rows, patch.removed);
    for (const fleetId of patch.reload) void refetchFleet(fleetId);
  }, [refetchFleet, show, showFleets]);

  const flush = useCallback(() => {
    timer.current = null;
    if (current.current.loaded && fleetEvents.current.length > 0) applyFleets();
    const events = stateEvents.current;
    stateEvents.current = [];
    const patched = applyStateEvents(current.current.rows, current.current.index, events);
    if (patched.rows !== current.current.rows) show(patched.rows, patched.removed);
    if (patched.unknownIds.length > 0) void fetchUnknown(patched.unknownIds);
  }, [applyFleets, fetchUnknown, show]);
  const schedule = useCallback(() => {
    timer.current ??= setTimeout(flush, FLUSH_MS);
  }, [flush]);

  useEffect(() => {
    let cancelled = false;
    current.current.loaded = false;
    allRows(key).then(
      ({ fleets, rows, names }) => {
        if (cancelled) return;
        current.current = { rows, index: indexRows(rows), fleets, names, loaded: true };
        setState({ rows, fleets, loading: false, error: null });
        if (fleetEvents.current.length > 0) schedule();
      },
      (error: unknown) => !cancelled && setState((s) => ({ ...s, loading: false, error: asError(error) })),
    );
    return () => {
      cancelled = true;
    };
  }, [key, reconnects, generation, schedule]);

  useSubscription<{ routerStateChanged: RouterStateEvent }>(STATE_CHANGES, {}, (data) => {
    stateEvents.current.push(data.routerStateChanged);
    schedule();
  });
  useSubscription<{ fleetChanged: FleetEvent }>(FLEET_CHANGES, {}, (data) => {
    fleetEvents.current.push(data.fleetChanged);
    schedule();
  });

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  return state;
}
