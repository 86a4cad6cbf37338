import { useCallback, useEffect, useRef, useState } from 'react';
import { graphql } from '../api/graphql';
import type { FleetSummary, Page, RouterStateEvent, RouterSummary } from '../api/types';
import { useSubscription } from '../api/use-subscription';
import { useSession } from '../session/session';
import { applyStateEvents, fleetNameMap, indexRows, type RouterRow, toRow } from './fleet-rows';

/** The contract's largest `routers` page, and the most routers one request asks for. */
const PAGE = 10_000;
/** Fleets (or fleet pages) one request asks for, as aliases: keeps the document short. */
const ALIASES_PER_REQUEST = 40;
const PARALLEL_REQUESTS = 3;
/** Events are applied in batches, so a burst of state changes renders once. */
const FLUSH_MS = 200;
/** More unknown routers than this in one batch: reload everything rather than fetch them one by one. */
const MAX_SINGLE_FETCHES = 50;

const SUMMARY = 'id hostname model health redundancyMode softwareVersion labels { key value }';
const FLEETS = 'query OverviewFleets($offset: Int!) { fleets(limit: 100, offset: $offset) { total items { id name routerCount } } }';
const ONE_ROUTER = `query OverviewRouter($id: ID!) { router(id: $id) { ${SUMMARY} fleet { id } } }`;
const STATE_CHANGES = 'subscription OverviewStates { routerStateChanged { change routerId hostname fleetId health stateVersion at } }';

interface Slice {
  readonly fleetId: string;
  readonly offset: number;
  readonly limit: number;
}

async function allFleets(key: string): Promise<FleetSummary[]> {
  const fleets: FleetSummary[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = (await graphql<{ fleets: Page<FleetSummary> }>(key, FLEETS, { offset })).fleets;
    fleets.push(...page.items);
    if (page.items.length === 0 || fleets.length >= page.total) return fleets;
  }
}

/**
 * Requests that fetch every router grouped by fleet: each fleet (in pages of 10,000) is an alias of its own,
 * packed up to 10,000 routers a request. Asking by fleet spares the api a fleet lookup per router.
 */
export function planRequests(fleets: readonly FleetSummary[]): Slice[][] {
  const requests: Slice[][] = [];
  let current: Slice[] = [];
  let size = 0;
  for (const fleet of fleets) {
    for (let offset = 0; offset < fleet.routerCount; offset += PAGE) {
      const limit = Math.min(PAGE, fleet.routerCount - offset);
      if (current.length > 0 && (size + limit > PAGE || current.length >= ALIASES_PER_REQUEST)) {
        requests.push(current);
        current = [];
        size = 0;
      }
      current.push({ fleetId: fleet.id, offset, limit });
      size += limit;
    }
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

function routersDocument(slices: readonly Slice[]): string {
  const fields = slices.map(
    (s, i) => `f${i}: routers(filter: { fleet: ${JSON.stringify(s.fleetId)} }, limit: ${s.limit}, offset: ${s.offset}) { items { ${SUMMARY} } }`,
  );
  return `query OverviewRouters { ${fields.join(' ')} }`;
}

async function fetchSlices(key: string, slices: readonly Slice[]): Promise<{ router: RouterSummary; fleetId: string }[]> {
  const data = await graphql<Record<string, Page<RouterSummary>>>(key, routersDocument(slices));
  return slices.flatMap((s, i) => (data[`f${i}`]?.items ?? []).map((router) => ({ router, fleetId: s.fleetId })));
}

async function allRows(key: string): Promise<{ fleets: FleetSummary[]; rows: RouterRow[]; names: Map<string, string> }> {
  const fleets = await allFleets(key);
  const names = fleetNameMap(fleets);
  const requests = planRequests(fleets);
  const rows: RouterRow[] = [];
  for (let i = 0; i < requests.length; i += PARALLEL_REQUESTS) {
    const answers = await Promise.all(requests.slice(i, i + PARALLEL_REQUESTS).map((slices) => fetchSlices(key, slices)));
    for (const answer of answers) for (const { router, fleetId } of answer) rows.push(toRow(router, fleetId, names));
  }
  return { fleets, rows, names };
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
    allRows(key).then(
      ({ fleets, rows, names }) => {
        if (cancelled) return;
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
      const found = await Promise.all(
        ids.map((id) => graphql<{ router: (RouterSummary & { fleet: { id: string } }) | null }>(key, ONE_ROUTER, { id }).then((d) => d.router, () => null)),
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

  const flush = useCallback(() => {
    timer.current = null;
    const events = buffer.current;
    buffer.current = [];
    const patched = applyStateEvents(current.current.rows, current.current.index, events);
    if (patched.rows !== current.current.rows) show(patched.rows, patched.removed);
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
