import { useState } from 'react';
import type { HistogramBucket, OutageMetric, Page, RouterStart, TimelineEntry } from '../api/types';
import { useQuery } from '../api/use-query';
import { ErrorBox, Loading } from '../ui/feedback';
import { OutageChart } from './outage-chart';
import { RUN_HISTOGRAM, RUN_TIMELINE } from './run-queries';
import { TimelineChart } from './timeline-chart';

const METRICS: readonly { readonly value: OutageMetric; readonly label: string }[] = [
  { value: 'dataPlaneOutageMs', label: 'data-plane outage' },
  { value: 'controlPlaneOutageMs', label: 'control-plane outage' },
  { value: 'redundancyRestoredMs', label: 'time to redundancy' },
  { value: 'switchovers', label: 'switchovers' },
];
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
              <option key={m.value} value={m.value}>
                {m.label}
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

/** Component states over simulated time for one router of the run (`Run.timeline`). */
export function TimelineSection({ runId, routers }: { readonly runId: string; readonly routers: readonly string[] }) {
  const [router, setRouter] = useState<string>(routers[0] ?? '');
  const [typed, setTyped] = useState('');
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
          if (typed.trim()) setRouter(typed.trim());
        }}
      >
        <label>
          Router{' '}
          <select value={routers.includes(router) ? router : ''} onChange={(e) => setRouter(e.target.value)} aria-label="timeline router" data-testid="timeline-router">
            {!routers.includes(router) && <option value="">{router || 'choose'}</option>}
            {routers.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="or a hostname of the run" aria-label="timeline hostname" />
        <button type="submit">Show</button>
      </form>
      {timeline.error && <ErrorBox error={timeline.error} title="The timeline could not be loaded" />}
      {router === '' && <p className="muted">This run has no router result yet.</p>}
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
function StartLine({ start }: { readonly start: RouterStart }) {
  const instances = start.instances.map((i) => `${i.name} ${i.rfState}${i.configSyncFailure ? ' (config sync failing)' : ''} on ${i.image}`);
  const hosts = start.hosts.filter((h) => h.state !== 'up').map((h) => `RP ${h.slot} ${h.state}`);
  const esps = start.esps.map((e) => `${e.slot} ${e.state}${e.forwarding ? ' (forwarding)' : ''}`);
  return (
    <p className="small" data-testid="router-start">
      <strong>Started</strong> operating {start.operatingMode.toUpperCase()} · {[...instances, ...hosts, ...esps].join(' · ')}
    </p>
  );
}
