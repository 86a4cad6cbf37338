import { useEffect, useState } from 'react';
import type { HistogramBucket, OutageMetric, Page, RouterStart, TimelineEntry } from '../api/types';
import { useQuery } from '../api/use-query';
import { ErrorBox, Loading } from '../ui/feedback';
import { OutageChart } from './outage-chart';
import { METRIC_NAMES } from './outage-axis';
import { RUN_HISTOGRAM, RUN_ROUTER_SEARCH, RUN_TIMELINE } from './run-queries';
import { TimelineChart } from './timeline-chart';

const METRICS: readonly OutageMetric[] = ['dataPlaneOutageMs', 'controlPlaneOutageMs', 'redundancyRestoredMs', 'switchovers'];
const TIMELINE_LIMIT = 1000;

/** How a campaign's routers spread over a metric (`Run.histogram`). */
export function OutageSection({ runId }: { readonly runId: string }) {
  const [metric, setMetric] = useState<OutageMetric>('controlPlaneOutageMs');
  const [buckets, setBuckets] = useState(20);
  const histogram = useQuery<{ run: { histogram: HistogramBucket[] } | null }>(RUN_HISTOGRAM, { id: runId, metric, buckets }, { keepPrevious: true });
  return (
    <div className="card">
      <h2>Outage distribution</h2>
      <div className="toolbar">
        <label>
          Metric{' '}
          <select value={metric} onChange={(e) => setMetric(e.target.value as OutageMetric)} aria-label="metric">
            {METRICS.map((m) => (
              <option key={m} value={m}>
                {METRIC_NAMES[m]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Buckets{' '}
          <select value={buckets} onChange={(e) => setBuckets(Number(e.target.value))} aria-label="buckets">
            {[10, 20, 50].map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
      </div>
      {histogram.error && <ErrorBox error={histogram.error} title="The distribution could not be loaded" />}
      {histogram.data?.run ? <OutageChart buckets={histogram.data.run.histogram} metric={metric} /> : !histogram.error && <Loading what="the distribution" />}
    </div>
  );
}

const PICKER_LIMIT = 50;
const SEARCH_DELAY_MS = 250;

/** `value`, once it has stayed the same for `delayMs`. */
function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/**
 * Component states over simulated time for one router of the run (`Run.timeline`). The router picker asks the
 * api for the run's routers whose hostname holds the typed text, so any router of the run can be found.
 */
export function TimelineSection({ runId }: { readonly runId: string }) {
  const [router, setRouter] = useState<string>('');
  const [typed, setTyped] = useState('');
  const search = useSettled(typed.trim(), SEARCH_DELAY_MS);
  const matches = useQuery<{ run: { results: Page<{ hostname: string; verdict: string }> } | null }>(
    RUN_ROUTER_SEARCH,
    { id: runId, search: search === '' ? null : search, limit: PICKER_LIMIT },
    { keepPrevious: true },
  );
  const found = matches.data?.run?.results;
  const hostnames = found?.items.map((r) => r.hostname) ?? [];
  const first = hostnames[0];
  // Until one is picked, the run's first router.
  useEffect(() => {
    if (router === '' && first !== undefined) setRouter(first);
  }, [router, first]);
  const timeline = useQuery<{ run: { timeline: Page<TimelineEntry>; routerStart: RouterStart | null } | null }>(
    RUN_TIMELINE,
    { id: runId, router, limit: TIMELINE_LIMIT, hostname: router },
    { skip: router === '', keepPrevious: true },
  );
  const page = timeline.data?.run?.timeline;
  const start = timeline.data?.run?.routerStart ?? null;
  return (
    <div className="card">
      <h2>Timeline</h2>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          const text = typed.trim();
          if (text === '') return;
          const exact = hostnames.find((h) => h.toLowerCase() === text.toLowerCase());
          setRouter(exact ?? (hostnames.length === 1 && search === text ? (hostnames[0] as string) : text));
        }}
      >
        <label>
          Find a router{' '}
          <input
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder="part of a hostname"
            aria-label="timeline hostname"
            data-testid="timeline-search"
          />
        </label>
        <label>
          Router{' '}
          <select value={router} onChange={(e) => setRouter(e.target.value)} aria-label="timeline router" data-testid="timeline-router">
            {!hostnames.includes(router) && <option value={router}>{router || 'choose'}</option>}
            {hostnames.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <button type="submit">Show</button>
        {found && (
          <span className="muted small" data-testid="timeline-matches">
            {search === '' ? `${found.total} routers` : `${found.total} router${found.total === 1 ? '' : 's'} match “${search}”`}
            {found.total > found.items.length ? `, the first ${found.items.length} listed` : ''}
          </span>
        )}
      </form>
      {matches.error && <ErrorBox error={matches.error} title="The routers could not be searched" />}
      {timeline.error && <ErrorBox error={timeline.error} title="The timeline could not be loaded" />}
      {router === '' && found?.total === 0 && search === '' && <p className="muted">This run has no router result yet.</p>}
      {start && <StartLine start={start} />}
      {page && page.items.length === 0 && <p className="muted">No event recorded for {router}.</p>}
      {page && page.items.length > 0 && (
        <>
          <TimelineChart entries={page.items} />
          {page.total > page.items.length && (
            <p className="muted small">
              The first {page.items.length} of {page.total} events are drawn.
            </p>
          )}
        </>
      )}
      {!page && router !== '' && !timeline.error && <Loading what="the timeline" />}
    </div>
  );
}

/** A router's starting state in one line: operating mode, each instance's RF state and image, hosts, ESPs. */
export function StartLine({ start }: { readonly start: RouterStart }) {
  const instances = start.instances.map((i) => `${i.name} ${i.rfState}${i.configSyncFailure ? ' (config sync failing)' : ''} on ${i.image}`);
  const hosts = start.hosts.filter((h) => h.state !== 'up').map((h) => `RP ${h.slot} ${h.state}`);
  const esps = start.esps.map((e) => `${e.slot} ${e.state}${e.forwarding ? ' (forwarding)' : ''}`);
  return (
    <p className="small" data-testid="router-start">
      <strong>Started</strong> operating {start.operatingMode.toUpperCase()} · {[...instances, ...hosts, ...esps].join(' · ')}
    </p>
  );
}
