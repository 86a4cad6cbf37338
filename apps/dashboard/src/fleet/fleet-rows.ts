import type { FleetSummary, Freshness, Health, RouterStateEvent, RouterSummary } from '../api/types';

/** One router as the overview shows it, with the text a search looks in, lowercased once. */
export interface RouterRow {
  readonly id: string;
  readonly hostname: string;
  readonly model: string;
  readonly health: Health;
  readonly redundancyMode: string;
  readonly softwareVersion: string;
  /** As the api judged it when the row was read. */
  readonly freshness: Freshness;
  /** When the router was last observed; null: never. */
  readonly observedAt: string | null;
  /** The newest state version an event reported; -1 until one did. */
  readonly stateVersion: number;
  readonly fleetId: string;
  readonly fleetName: string;
  /** `key=value` pairs, comma-separated. */
  readonly labels: string;
  readonly haystack: string;
}

export interface RowFilter {
  /** Whitespace-separated terms; each must occur in hostname, model, fleet, mode, version or labels. */
  readonly text: string;
  /** Healths shown; empty shows all. */
  readonly health: ReadonlySet<Health>;
  /** Freshness values shown; empty shows all. */
  readonly freshness: ReadonlySet<Freshness>;
  readonly fleetId: string | null;
  readonly model: string | null;
}

export type SortKey = 'hostname' | 'fleetName' | 'model' | 'health' | 'redundancyMode' | 'softwareVersion' | 'freshness';

export const NO_FILTER: RowFilter = { text: '', health: new Set(), freshness: new Set(), fleetId: null, model: null };

/** Worst first: what needs attention sorts to the top. */
const HEALTH_ORDER: Readonly<Record<Health, number>> = { down: 0, degraded: 1, protected: 2 };
/** Least current first. */
const FRESHNESS_ORDER: Readonly<Record<Freshness, number>> = { never: 0, stale: 1, fresh: 2 };

export function toRow(router: RouterSummary, fleetId: string, fleetNames: ReadonlyMap<string, string>): RouterRow {
  const fleetName = fleetNames.get(fleetId) ?? fleetId;
  const labels = router.labels.map((l) => `${l.key}=${l.value}`).join(', ');
  const haystack = haystackOf({ ...router, fleetName, labels });
  return {
    id: router.id,
    hostname: router.hostname,
    model: router.model,
    health: router.health,
    redundancyMode: router.redundancyMode,
    softwareVersion: router.softwareVersion,
    freshness: router.freshness,
    observedAt: router.observedAt,
    stateVersion: -1,
    fleetId,
    fleetName,
    labels,
    haystack,
  };
}

type Searched = Pick<RouterRow, 'hostname' | 'model' | 'fleetName' | 'redundancyMode' | 'softwareVersion' | 'labels'>;

/** The lowercased text a search looks in. */
function haystackOf(row: Searched): string {
  return [row.hostname, row.model, row.fleetName, row.redundancyMode, row.softwareVersion, row.labels].join(' ').toLowerCase();
}

/** The row under its fleet's new name (which the search finds it by, too). */
export function withFleetName(row: RouterRow, fleetName: string): RouterRow {
  return { ...row, fleetName, haystack: haystackOf({ ...row, fleetName }) };
}

export function fleetNameMap(fleets: readonly FleetSummary[]): Map<string, string> {
  return new Map(fleets.map((f) => [f.id, f.name]));
}

/** The rows that pass the filter, in their given order. */
export function filterRows(rows: readonly RouterRow[], filter: RowFilter): RouterRow[] {
  const terms = filter.text
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t.length > 0);
  const byHealth = filter.health.size > 0;
  const byFreshness = filter.freshness.size > 0;
  return rows.filter(
    (row) =>
      (!byHealth || filter.health.has(row.health)) &&
      (!byFreshness || filter.freshness.has(row.freshness)) &&
      (filter.fleetId === null || row.fleetId === filter.fleetId) &&
      (filter.model === null || row.model === filter.model) &&
      terms.every((term) => row.haystack.includes(term)),
  );
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** A sorted copy; health sorts worst first, freshness least current first, ties by hostname. */
export function sortRows(rows: readonly RouterRow[], key: SortKey, descending: boolean): RouterRow[] {
  const sign = descending ? -1 : 1;
  const compare =
    key === 'health'
      ? (a: RouterRow, b: RouterRow) => HEALTH_ORDER[a.health] - HEALTH_ORDER[b.health] || collator.compare(a.hostname, b.hostname)
      : key === 'freshness'
        ? (a: RouterRow, b: RouterRow) => FRESHNESS_ORDER[a.freshness] - FRESHNESS_ORDER[b.freshness] || collator.compare(a.hostname, b.hostname)
        : (a: RouterRow, b: RouterRow) => collator.compare(a[key], b[key]) || collator.compare(a.hostname, b.hostname);
  return [...rows].sort((a, b) => sign * compare(a, b));
}

export function countByHealth(rows: readonly RouterRow[]): Record<Health, number> {
  const counts: Record<Health, number> = { protected: 0, degraded: 0, down: 0 };
  for (const row of rows) counts[row.health] += 1;
  return counts;
}

export function countByFreshness(rows: readonly RouterRow[]): Record<Freshness, number> {
  const counts: Record<Freshness, number> = { fresh: 0, stale: 0, never: 0 };
  for (const row of rows) counts[row.freshness] += 1;
  return counts;
}

export interface PatchResult {
  readonly rows: RouterRow[];
  /** Rows were removed (deleted routers): positions moved, the index must be rebuilt. */
  readonly removed: boolean;
  /** Routers the events named that the rows do not hold (created since, or moved): to be fetched. */
  readonly unknownIds: readonly string[];
}

/**
 * Applies router state events to the rows: each known router takes the health of its newest event, unless
 * the row is already newer (`stateVersion`). The array is copied only when something changed.
 */
export function applyStateEvents(rows: readonly RouterRow[], index: ReadonlyMap<string, number>, events: readonly RouterStateEvent[]): PatchResult {
  let next: RouterRow[] | null = null;
  const unknownIds = new Set<string>();
  const deleted = new Set<string>();
  for (const event of events) {
    const at = index.get(event.routerId);
    if (event.change === 'deleted') {
      if (at !== undefined) deleted.add(event.routerId);
      unknownIds.delete(event.routerId);
      continue;
    }
    if (at === undefined) {
      unknownIds.add(event.routerId);
      continue;
    }
    const row = (next ?? rows)[at] as RouterRow;
    if (row.stateVersion > event.stateVersion) continue;
    if (row.health === event.health && row.stateVersion === event.stateVersion) continue;
    next ??= [...rows];
    if (event.fleetId !== row.fleetId) {
      // Moved to another fleet: the row is fetched again with its new fleet.
      unknownIds.add(event.routerId);
      continue;
    }
    next[at] = { ...row, health: event.health, stateVersion: event.stateVersion };
  }
  const patched = next ?? (rows as RouterRow[]);
  if (deleted.size === 0) return { rows: patched, removed: false, unknownIds: [...unknownIds] };
  return { rows: patched.filter((row) => !deleted.has(row.id)), removed: true, unknownIds: [...unknownIds].filter((id) => !deleted.has(id)) };
}

export function indexRows(rows: readonly RouterRow[]): Map<string, number> {
  return new Map(rows.map((row, i) => [row.id, i]));
}
