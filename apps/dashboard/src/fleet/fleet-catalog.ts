import type { FleetEvent, FleetSummary } from '../api/types';
import { type RouterRow, withFleetName } from './fleet-rows';

export interface FleetPatch {
  /** The fleets after the events, sorted by name (the same array when nothing changed). */
  readonly fleets: readonly FleetSummary[];
  /** The rows after the events (the same array when nothing changed). */
  readonly rows: readonly RouterRow[];
  /** Rows were removed (a deleted fleet's routers): positions moved, the index must be rebuilt. */
  readonly removed: boolean;
  /** Fleets that received or had observed routers in bulk, with no event per router: their routers are to be fetched. */
  readonly reload: readonly string[];
}

const byName = (a: FleetSummary, b: FleetSummary) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id);

/**
 * Applies fleet events to the overview's fleets and rows: a created fleet joins the list, a renamed one
 * changes its name in the list and in its rows, a deleted one leaves with its routers, and routers added in
 * bulk ask for the fleet to be fetched again. Every event is idempotent, so events that arrive while (or
 * before) a load reads the same change do no harm when applied after it.
 */
export function applyFleetEvents(fleets: readonly FleetSummary[], rows: readonly RouterRow[], events: readonly FleetEvent[]): FleetPatch {
  const byId = new Map(fleets.map((f) => [f.id, f]));
  const renamed = new Map<string, string>();
  const deleted = new Set<string>();
  const reload = new Set<string>();
  let changed = false;
  for (const event of events) {
    const known = byId.get(event.fleetId);
    if (event.change === 'deleted') {
      if (byId.delete(event.fleetId)) changed = true;
      deleted.add(event.fleetId);
      reload.delete(event.fleetId);
    } else if (event.change === 'routersAdded') {
      if (!event.routersAnnounced) reload.add(event.fleetId);
    } else if (event.change === 'routersObserved') {
      // Freshness moved for every observed router, and is announced by no router event.
      if (byId.has(event.fleetId)) reload.add(event.fleetId);
    } else if (known === undefined) {
      byId.set(event.fleetId, { id: event.fleetId, name: event.name, routerCount: 0 });
      changed = true;
    } else if (known.name !== event.name) {
      byId.set(event.fleetId, { ...known, name: event.name });
      renamed.set(event.fleetId, event.name);
      changed = true;
    }
  }
  const nextFleets = changed ? [...byId.values()].sort(byName) : fleets;
  return { fleets: nextFleets, ...patchRows(rows, renamed, deleted), reload: [...reload] };
}

function patchRows(rows: readonly RouterRow[], renamed: ReadonlyMap<string, string>, deleted: ReadonlySet<string>): Pick<FleetPatch, 'rows' | 'removed'> {
  let next = rows;
  if (renamed.size > 0 && rows.some((row) => renamed.has(row.fleetId))) {
    next = rows.map((row) => {
      const name = renamed.get(row.fleetId);
      return name === undefined ? row : withFleetName(row, name);
    });
  }
  if (deleted.size > 0 && next.some((row) => deleted.has(row.fleetId))) {
    return { rows: next.filter((row) => !deleted.has(row.fleetId)), removed: true };
  }
  return { rows: next, removed: false };
}

/**
 * The rows with those of `fetched` that they do not hold yet appended. A row they hold takes the fetched
 * freshness (judged just now), and the fetched health unless an event already gave it a newer one
 * (`stateVersion`); otherwise it stays as it is. The same array when nothing changed.
 */
export function mergeRows(rows: readonly RouterRow[], index: ReadonlyMap<string, number>, fetched: readonly RouterRow[]): readonly RouterRow[] {
  let next: RouterRow[] | null = null;
  const added: RouterRow[] = [];
  for (const row of fetched) {
    const at = index.get(row.id);
    const known = at === undefined ? undefined : (next ?? rows)[at];
    if (at === undefined || known === undefined) {
      added.push(row);
      continue;
    }
    const health = known.stateVersion === -1 ? row.health : known.health;
    if (known.health === health && known.freshness === row.freshness && known.observedAt === row.observedAt) continue;
    next ??= [...rows];
    next[at] = { ...known, health, freshness: row.freshness, observedAt: row.observedAt };
  }
  if (added.length === 0) return next ?? rows;
  return [...(next ?? rows), ...added];
}

/**
 * The fleets with `fleet` (as fetched just now) in them: its router count updated, or the fleet added if its
 * `created` event was missed. A known fleet keeps its name, which events may have changed since the fetch.
 */
export function upsertFleet(fleets: readonly FleetSummary[], fleet: FleetSummary): readonly FleetSummary[] {
  const known = fleets.find((f) => f.id === fleet.id);
  if (known === undefined) return [...fleets, fleet].sort(byName);
  return fleets.map((f) => (f === known ? { ...known, routerCount: fleet.routerCount } : f));
}
