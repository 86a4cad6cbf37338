import { lazy, Suspense, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { FRESHNESSES, type Freshness, HEALTHS, type Health } from '../api/types';
import { ErrorBox, Loading } from '../ui/feedback';
import { formatCount, formatDateTime, formatRelative } from '../ui/format';
import { useNow } from '../ui/use-now';
import { countByFreshness, countByHealth, filterRows, type RowFilter, sortRows } from './fleet-rows';
import { RouterTable, type Sort } from './router-table';
import { useFleetRows } from './use-fleet-rows';
import { useProtectionGaps } from './use-protection-gaps';

// The chart library loads after the table, not with it.
const FleetHealthCharts = lazy(() => import('./fleet-health-charts'));

/** The newest observation of any router, ISO 8601; null when none was ever observed. */
function newestObservation(rows: readonly { readonly observedAt: string | null }[]): string | null {
  let newest: string | null = null;
  for (const r of rows) if (r.observedAt !== null && (newest === null || Date.parse(r.observedAt) > Date.parse(newest))) newest = r.observedAt;
  return newest;
}

const HEALTH_HELP: Readonly<Record<Health, string>> = {
  protected: 'peer STANDBY HOT',
  degraded: 'peer below STANDBY HOT, or simplex',
  down: 'no ACTIVE IOS or no forwarding ESP',
};

const FRESHNESS_HELP: Readonly<Record<Freshness, string>> = {
  fresh: 'device output seen lately',
  stale: 'last seen too long ago',
  never: 'never observed',
};

/** Filters live in the address, so a filtered view can be bookmarked and shared. */
function initialFilter(): RowFilter {
  const params = new URLSearchParams(window.location.search);
  const health = new Set(params.getAll('health').filter((h): h is Health => (HEALTHS as readonly string[]).includes(h)));
  const freshness = new Set(params.getAll('freshness').filter((f): f is Freshness => (FRESHNESSES as readonly string[]).includes(f)));
  return { text: params.get('q') ?? '', health, freshness, fleetId: params.get('fleet'), model: params.get('model') };
}

function writeFilter(filter: RowFilter): void {
  const params = new URLSearchParams();
  if (filter.text) params.set('q', filter.text);
  for (const h of filter.health) params.append('health', h);
  for (const f of filter.freshness) params.append('freshness', f);
  if (filter.fleetId) params.set('fleet', filter.fleetId);
  if (filter.model) params.set('model', filter.model);
  const query = params.toString();
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${query ? `?${query}` : ''}`);
}

function toggled<T>(set: ReadonlySet<T>, value: T): Set<T> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}

/** Every router of the twin by redundancy health, searchable and filterable, updated live. */
export function OverviewPage() {
  const { rows, fleets, loading, error } = useFleetRows();
  const gaps = useProtectionGaps(rows);
  const now = useNow(10_000);
  const [filter, setFilterState] = useState<RowFilter>(initialFilter);
  const [sort, setSort] = useState<Sort>({ key: 'health', descending: false });
  const deferredFilter = useDeferredValue(filter);

  const setFilter = (next: RowFilter) => {
    setFilterState(next);
    writeFilter(next);
  };
  const toggleHealth = (health: Health) => setFilter({ ...filter, health: toggled(filter.health, health) });
  const toggleFreshness = (freshness: Freshness) => setFilter({ ...filter, freshness: toggled(filter.freshness, freshness) });

  // A fleet deleted (or never there, in a bookmark) filters nothing: show every fleet instead of no router.
  const missingFleet = !loading && filter.fleetId !== null && !fleets.some((f) => f.id === filter.fleetId);
  useEffect(() => {
    if (missingFleet) setFilter({ ...filter, fleetId: null });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs when the fleet goes missing, not on every filter change
  }, [missingFleet]);

  const counts = useMemo(() => countByHealth(rows), [rows]);
  const freshnessCounts = useMemo(() => countByFreshness(rows), [rows]);
  const newest = useMemo(() => newestObservation(rows), [rows]);
  const models = useMemo(() => [...new Set(rows.map((r) => r.model))].sort(), [rows]);
  const sorted = useMemo(() => sortRows(rows, sort.key, sort.descending), [rows, sort]);
  const shown = useMemo(() => filterRows(sorted, deferredFilter), [sorted, deferredFilter]);

  return (
    <section className="page overview">
      <header className="page-head">
        <h1>Fleet</h1>
        <div className="health-tiles" role="group" aria-label="filter by health">
          {HEALTHS.map((health) => (
            <button
              type="button"
              key={health}
              className={`health-tile health-${health}`}
              aria-pressed={filter.health.has(health)}
              onClick={() => toggleHealth(health)}
              data-testid={`health-${health}`}
            >
              <span className="tile-count">{formatCount(counts[health])}</span>
              <span className="tile-label">{health}</span>
              <span className="tile-help">{HEALTH_HELP[health]}</span>
            </button>
          ))}
        </div>
        <div className="health-tiles freshness-tiles" role="group" aria-label="filter by freshness">
          {FRESHNESSES.map((freshness) => (
            <button
              type="button"
              key={freshness}
              className={`health-tile freshness-tile freshness-${freshness}`}
              aria-pressed={filter.freshness.has(freshness)}
              onClick={() => toggleFreshness(freshness)}
              data-testid={`freshness-${freshness}`}
            >
              <span className="tile-count">{formatCount(freshnessCounts[freshness])}</span>
              <span className="tile-label">{freshness}</span>
              <span className="tile-help">{FRESHNESS_HELP[freshness]}</span>
            </button>
          ))}
          <p className="muted small newest-observation" data-testid="newest-observation">
            {newest === null ? (
              'No router observed yet'
            ) : (
              <>
                Last observation{' '}
                <time dateTime={newest} title={formatDateTime(newest)}>
                  {formatRelative(newest, now)}
                </time>
              </>
            )}
          </p>
        </div>
      </header>
      <div className="filters">
        <input
          type="search"
          aria-label="search routers"
          placeholder="Search hostname, model, fleet, version, label (site=ams)…"
          value={filter.text}
          onChange={(e) => setFilter({ ...filter, text: e.target.value })}
          data-testid="router-search"
        />
        <select aria-label="fleet" value={filter.fleetId ?? ''} onChange={(e) => setFilter({ ...filter, fleetId: e.target.value || null })}>
          <option value="">All fleets</option>
          {fleets.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
        <select aria-label="model" value={filter.model ?? ''} onChange={(e) => setFilter({ ...filter, model: e.target.value || null })}>
          <option value="">All models</option>
          {models.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <span className="muted" data-testid="router-count" aria-live="polite">
          {loading ? 'loading…' : `${formatCount(shown.length)} of ${formatCount(rows.length)} routers`}
        </span>
      </div>
      {error && <ErrorBox error={error} title="The routers could not be loaded" />}
      {gaps.error && <ErrorBox error={gaps.error} title="Why routers are not protected could not be loaded" />}
      {loading && rows.length === 0 ? <Loading what="routers" /> : <RouterTable rows={shown} sort={sort} onSort={setSort} gaps={gaps.gaps} />}
      {!loading && rows.length > 0 && (
        <Suspense fallback={<Loading what="the charts" />}>
          <FleetHealthCharts rows={rows} />
        </Suspense>
      )}
    </section>
  );
}
