import { graphql } from '../api/graphql';
import type { FleetSummary, Page, RouterSummary } from '../api/types';
import { fleetNameMap, type RouterRow, toRow } from './fleet-rows';

/** The contract's largest `routers` page, and the most routers one request asks for. */
const PAGE = 10_000;
/** Fleets (or fleet pages) one request asks for, as aliases: keeps the document short. */
const ALIASES_PER_REQUEST = 40;
const PARALLEL_REQUESTS = 3;

const SUMMARY = 'id hostname model health redundancyMode softwareVersion labels { key value } freshness observedAt';
export const FLEETS = 'query OverviewFleets($offset: Int!) { fleets(limit: 100, offset: $offset) { total items { id name routerCount } } }';
export const ONE_FLEET = 'query OverviewFleet($id: ID!) { fleet(id: $id) { id name routerCount } }';
export const ONE_ROUTER = `query OverviewRouter($id: ID!) { router(id: $id) { ${SUMMARY} fleet { id } } }`;

export interface Slice {
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

/** The document of one request of {@link planRequests}: a `routers` alias per slice. */
export function routersDocument(slices: readonly Slice[]): string {
  const fields = slices.map(
    (s, i) => `f${i}: routers(filter: { fleet: ${JSON.stringify(s.fleetId)} }, limit: ${s.limit}, offset: ${s.offset}) { items { ${SUMMARY} } }`,
  );
  return `query OverviewRouters { ${fields.join(' ')} }`;
}

async function fetchSlices(key: string, slices: readonly Slice[]): Promise<{ router: RouterSummary; fleetId: string }[]> {
  const data = await graphql<Record<string, Page<RouterSummary>>>(key, routersDocument(slices));
  return slices.flatMap((s, i) => (data[`f${i}`]?.items ?? []).map((router) => ({ router, fleetId: s.fleetId })));
}

/** The rows of the fleets, a few requests at a time. */
async function rowsOf(key: string, fleets: readonly FleetSummary[], names: ReadonlyMap<string, string>): Promise<RouterRow[]> {
  const requests = planRequests(fleets);
  const rows: RouterRow[] = [];
  for (let i = 0; i < requests.length; i += PARALLEL_REQUESTS) {
    const answers = await Promise.all(requests.slice(i, i + PARALLEL_REQUESTS).map((slices) => fetchSlices(key, slices)));
    for (const answer of answers) for (const { router, fleetId } of answer) rows.push(toRow(router, fleetId, names));
  }
  return rows;
}

/** Every fleet and every router of the twin, in as few requests as the contract allows. */
export async function allRows(key: string): Promise<{ fleets: FleetSummary[]; rows: RouterRow[]; names: Map<string, string> }> {
  const fleets = await allFleets(key);
  const names = fleetNameMap(fleets);
  return { fleets, rows: await rowsOf(key, fleets, names), names };
}

/** One fleet and all its routers (after routers were added to it or observed in bulk); null when the fleet is gone. */
export async function fleetRows(key: string, fleetId: string): Promise<{ fleet: FleetSummary; rows: RouterRow[] } | null> {
  const fleet = (await graphql<{ fleet: FleetSummary | null }>(key, ONE_FLEET, { id: fleetId })).fleet;
  if (!fleet) return null;
  return { fleet, rows: await rowsOf(key, [fleet], fleetNameMap([fleet])) };
}
