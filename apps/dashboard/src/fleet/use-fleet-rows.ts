import { useCallback, useEffect, useRef, useState } from 'react';
import { graphql } from '../api/graphql';
import type { FleetSummary, Page, RouterStateEvent, RouterSummary } from '../api/types';
import { useSubscription } from '../api/use-subscription';
import { useSession } from '../session/session';
import { applyStateEvents, fleetNameMap, indexRows, type RouterRow, toRow } from './fleet-rows';

/** The contract's largest `routers` page: a 10,000-router fleet comes in one request. */
const PAGE = 10_000;
const PARALLEL_PAGES = 3;
/** Events are applied in batches, so a burst of state changes renders once. */
const FLUSH_MS = 200;
/** More unknown routers than this in one batch: reload everything rather than fetch them one by one. */
const MAX_SINGLE_FETCHES = 50;

const SUMMARY = 'id hostname model health redundancyMode softwareVersion stateVersion labels { key value } fleet { id }';
const ROUTERS = `query OverviewRouters($limit: Int!, $offset: Int!) {
  routers(limit: $limit, offset: $offset) { total items { ${SUMMARY} } }
}`;
const FLEETS = 'query OverviewFleets($offset: Int!) { fleets(limit: 100, offset: $offset) { total items { id name } } }';
const ONE_ROUTER = `query OverviewRouter($id: ID!) { router(id: $id) { ${SUMMARY} } }`;
const STATE_CHANGES = 'subscription OverviewStates { routerStateChanged { routerId hostname fleetId health stateVersion at } }';

async function allFleets(key: string): Promise<FleetSummary[]> {
  const fleets: FleetSummary[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = (await graphql<{ fleets: Page<FleetSummary> }>(key, FLEETS, { offset })).fleets;
    fleets.push(...page.items);
    if (page.items.length === 0 || fleets.length >= page.total) return fleets;
  }
}

async function allRouters(key: string): Promise<RouterSummary[]> {
  const first = (await graphql<{ routers: Page<RouterSummary> }>(key, ROUTERS, { limit: PAGE, offset: 0 })).routers;
  const offsets: number[] = [];
  for (let offset = PAGE; offset < first.total; offset += PAGE) offsets.push(offset);
  const rest: (readonly RouterSummary[])[] = [];
  for (let i = 0; i < offsets.length; i += PARALLEL_PAGES) {
    const pages = await Promise.all(
      offsets.slice(i, i + PARALLEL_PAGES).map(async (offset) => (await graphql<{ routers: Page<RouterSummary> }>(key, ROUTERS, { limit: PAGE, offset })).routers.items),
    );
    rest.push(...pages);
  }
  return [...first.items, ...rest.flat()];
}

export interface FleetRows {
  readonly rows: readonly RouterRow[];
  readonly fleets: readonly FleetSummary[];
  readonly loading: boolean;
  readonly error: Error | null;
}

/**
 * Every router of the twin as overview rows, loaded in as few requests as the contract allows, then kept
 * current by `routerStateChanged`: known routers are patched in place, new ones fetched one by one.
 */
export function useFleetRows(): FleetRows {
  const { key, reconnects } = useSession();
  const [state, setState] = useState<FleetRows>({ rows: [], fleets: [], loading: true, error: null });
  // The rows as last rendered: events are applied to them synchronously, then rendered.
  const current = useRef<{ rows: readonly RouterRow[]; index: Map<string, number>; names: Map<string, string> }>({
    rows: [],
    index: new Map(),
    names: new Map(),
  });
  const buffer = useRef<RouterStateEvent[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [generation, setGeneration] = useState(0);

  const show = useCallback((rows: readonly RouterRow[], reindex: boolean) => {
    current.current.rows = rows;
    if (reindex) current.current.index = indexRows(rows);
    setState((s) => ({ ...s, rows }));
  }, []);

  useEffect(() => {
    let cancelled = false;
    Promise.all([allFleets(key), allRouters(key)]).then(
      ([fleets, routers]) => {
        if (cancelled) return;
        const names = fleetNameMap(fleets);
        const rows = routers.map((r) => toRow(r, names));
        current.current = { rows, index: indexRows(rows), names };
        setState({ rows, fleets, loading: false, error: null });
      },
      (error: unknown) => !cancelled && setState((s) => ({ ...s, loading: false, error: error instanceof Error ? error : new Error(String(error)) })),
    );
    return () => {
      cancelled = true;
    };
  }, [key, reconnects, generation]);

  const fetchUnknown = useCallback(
    async (ids: readonly string[]) => {
      if (ids.length > MAX_SINGLE_FETCHES) {
        setGeneration((g) => g + 1);
        return;
      }
      const found = await Promise.all(ids.map((id) => graphql<{ router: RouterSummary | null }>(key, ONE_ROUTER, { id }).then((d) => d.router, () => null)));
      const routers = found.filter((r): r is RouterSummary => r !== null);
      const { names, index } = current.current;
      if (routers.some((r) => !names.has(r.fleet.id))) {
        setGeneration((g) => g + 1);
        return;
      }
      const rows = [...current.current.rows];
      for (const router of routers) {
        const at = index.get(router.id);
        if (at === undefined) rows.push(toRow(router, names));
        else rows[at] = toRow(router, names);
      }
      show(rows, true);
    },
    [key, show],
  );

  const flush = useCallback(() => {
    timer.current = null;
    const events = buffer.current;
    buffer.current = [];
    const patched = applyStateEvents(current.current.rows, current.current.index, events);
    if (patched.rows !== current.current.rows) show(patched.rows, false);
    if (patched.unknownIds.length > 0) void fetchUnknown(patched.unknownIds);
  }, [fetchUnknown, show]);

  useSubscription<{ routerStateChanged: RouterStateEvent }>(STATE_CHANGES, {}, (data) => {
    buffer.current.push(data.routerStateChanged);
    timer.current ??= setTimeout(flush, FLUSH_MS);
  });

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  return state;
}
