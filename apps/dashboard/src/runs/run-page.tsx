import { useRef, useState } from 'react';
import { Link } from 'wouter';
import { restBlob, saveBlob } from '../api/graphql';
import { type Distribution, type RunDetail, type RunProgressEvent, TERMINAL_STATUSES } from '../api/types';
import { useQuery } from '../api/use-query';
import { useSubscription } from '../api/use-subscription';
import { describeTarget } from '../scenarios/run-target';
import { useSession } from '../session/session';
import { ProgressBar, StatusBadge, VerdictBadge } from '../ui/badges';
import { ErrorBox, Loading, NotFound } from '../ui/feedback';
import { formatCount, formatDateTime, formatDuration } from '../ui/format';
import { DeleteRunButton } from './delete-run-button';
import { OutageSection, TimelineSection } from './run-charts';
import { CancelRunButton } from './cancel-run-button';
import { RUN_DETAIL, RUN_PROGRESS } from './run-queries';
import { withProgress } from './run-progress';
import { filterVariables, groupFilter, type ResultFilter } from './result-filter';
import { RouterWhy } from './router-why';
import { RunResults } from './run-results';
import { WhyPanel } from './why-panel';

const RESULTS_LIMIT = 50;

function Metric({ name, d, count }: { readonly name: string; readonly d: Distribution; readonly count?: boolean }) {
  const f = (v: number | null) => (count ? (v === null ? '—' : String(v)) : formatDuration(v));
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{f(d.p50)}</td>
      <td>{f(d.p95)}</td>
      <td>{f(d.max)}</td>
      <td>{d.missing > 0 ? formatCount(d.missing) : '—'}</td>
    </tr>
  );
}

function Downloads({ run }: { readonly run: RunDetail }) {
  const { key } = useSession();
  const [error, setError] = useState<Error | null>(null);
  const download = (path: string, filename: string) =>
    restBlob(key, path).then(
      (blob) => saveBlob(blob, filename),
      (e: unknown) => setError(e instanceof Error ? e : new Error(String(e))),
    );
  return (
    <div className="actions">
      <button type="button" onClick={() => void download(`/api/v1/runs/${run.id}/report`, `${run.scenario}-${run.id}.json`)} data-testid="download-report">
        Report (JSON)
      </button>
      <button type="button" onClick={() => void download(`/api/v1/runs/${run.id}/junit`, `${run.scenario}-${run.id}.xml`)}>
        JUnit (XML)
      </button>
      {error && <ErrorBox error={error} title="The download failed" />}
    </div>
  );
}

/**
 * One run: live progress, then — when routers failed — why (failing expectations and cause groups, each one click
 * from its routers), verdict, metrics, outage distribution, timeline, per-router results and the report.
 */
export function RunPage({ id }: { readonly id: string }) {
  const session = useSession();
  const [filter, setFilter] = useState<ResultFilter>({});
  const [offset, setOffset] = useState(0);
  const [whyRouter, setWhyRouter] = useState<string | null>(null);
  const routerList = useRef<HTMLDivElement>(null);
  const whyCard = useRef<HTMLDivElement>(null);
  const detail = useQuery<{ run: RunDetail | null }>(RUN_DETAIL, { id, ...filterVariables(filter), limit: RESULTS_LIMIT, offset }, { keepPrevious: true });
  const { reload } = detail;
  // The newest event, laid over the fetched run (an event and a reload may cross).
  const [event, setEvent] = useState<RunProgressEvent | null>(null);
  const fetched = detail.data?.run ?? null;
  const run = fetched && event ? withProgress(fetched, event) : fetched;

  useSubscription<{ runProgress: RunProgressEvent }>(RUN_PROGRESS, { runId: id }, ({ runProgress: next }) => {
    setEvent(next);
    // A new status brings what the event does not carry (aggregate, results, times): fetch the run again.
    if (fetched !== null && next.status !== fetched.status) reload();
  });

  if (event?.deleted) {
    return (
      <NotFound>
        <span data-testid="run-deleted">
          Run <b className="mono">{id}</b> was deleted.
        </span>{' '}
        <Link href="/runs">All runs</Link>
      </NotFound>
    );
  }
  if (detail.error && !run) return <ErrorBox error={detail.error} title="The run could not be loaded" />;
  if (detail.loading && !run) return <Loading what="the run" />;
  if (!run) {
    return (
      <NotFound>
        No run <b className="mono">{id}</b>. <Link href="/runs">All runs</Link>
      </NotFound>
    );
  }
  const finished = TERMINAL_STATUSES.includes(run.status);
  const aggregate = run.aggregate;
  const showFilter = (next: ResultFilter) => {
    setFilter(next);
    setOffset(0);
  };
  const showWhy = (hostname: string) => {
    setWhyRouter(hostname);
    requestAnimationFrame(() => whyCard.current?.scrollIntoView({ block: 'start' }));
  };

  return (
    <section className="page run-page">
      <header className="page-head">
        <div>
          <p className="crumbs">
            <Link href="/runs">Runs</Link> / <span className="mono">{run.id}</span>
          </p>
          <h1>
            <span className="mono">{run.scenario}</span> <StatusBadge status={run.status} />{' '}
            <span data-testid="run-verdict">
              <VerdictBadge verdict={run.verdict} />
            </span>
          </h1>
          <p className="muted small">
            on {describeTarget(run.target)} ·{' '}
            <span data-testid="run-start" title="where the routers start; each router's starting state is in the report (routers[].start)">
              {run.start === 'twin' ? "from the twin's state" : 'from healthy routers'}
            </span>{' '}
            · seed {run.seed} · {run.iterations} iteration{run.iterations === 1 ? '' : 's'} · by {run.createdBy} · created {formatDateTime(run.createdAt)}
            {run.finishedAt && <> · finished {formatDateTime(run.finishedAt)}</>}
          </p>
        </div>
        <div className="actions">
          {!finished && session.may('operate') && <CancelRunButton run={run} onDone={reload} />}
          {run.status === 'completed' && <Downloads run={run} />}
          {session.may('operate') && <DeleteRunButton run={run} finished={finished} />}
        </div>
      </header>
      {finished && aggregate && aggregate.fail > 0 && (
        <WhyPanel
          runId={run.id}
          failed={aggregate.fail}
          results={aggregate.results}
          onRouter={showWhy}
          onGroup={(group) => {
            showFilter(groupFilter(group));
            requestAnimationFrame(() => routerList.current?.scrollIntoView({ block: 'start' }));
          }}
        />
      )}
      {whyRouter && (
        <div ref={whyCard}>
          <RouterWhy key={whyRouter} runId={run.id} hostname={whyRouter} onClose={() => setWhyRouter(null)} />
        </div>
      )}
      <div className="card">
        <ProgressBar percent={run.progress.percent} label="run progress" />
        <p className="muted small" data-testid="run-progress-text">
          {formatCount(run.progress.routersDone)}
          {run.progress.routerCount !== null ? ` of ${formatCount(run.progress.routerCount)}` : ''} routers simulated
          {run.progress.shards ? ` in ${run.progress.shards} shard${run.progress.shards === 1 ? '' : 's'}` : ''}
        </p>
        {run.waiting && (
          <p className="notice" role="status" data-testid="run-waiting">
            Waiting since {formatDateTime(run.waiting.since)}: {run.waiting.reason}. The run resumes by itself.
          </p>
        )}
        {run.error && <ErrorBox error={new Error(run.error)} title="The run failed" />}
      </div>
      {aggregate && (
        <div className="card">
          <h2>Metrics</h2>
          <p>
            {formatCount(aggregate.results)} results: <b className="tone-text-good">{formatCount(aggregate.pass)} pass</b>,{' '}
            <b className="tone-text-bad">{formatCount(aggregate.fail)} fail</b>, {formatCount(aggregate.error)} error
          </p>
          <table className="data-table metrics" data-testid="run-metrics">
            <thead>
              <tr>
                <th />
                <th>p50</th>
                <th>p95</th>
                <th>max</th>
                <th>never</th>
              </tr>
            </thead>
            <tbody>
              <Metric name="Control-plane outage" d={aggregate.controlPlaneOutageMs} />
              <Metric name="Data-plane outage" d={aggregate.dataPlaneOutageMs} />
              <Metric name="Time to redundancy" d={aggregate.redundancyRestoredMs} />
              <Metric name="Switchovers" d={aggregate.switchovers} count />
            </tbody>
          </table>
        </div>
      )}
      {finished && aggregate && aggregate.results > 1 && <OutageSection runId={run.id} />}
      {finished && aggregate && aggregate.results > 0 && <TimelineSection key={run.id} runId={run.id} />}
      <RunResults
        ref={routerList}
        items={run.results.items}
        total={run.results.total}
        offset={offset}
        limit={RESULTS_LIMIT}
        filter={filter}
        linkRouters={(run.target as { kind?: string } | null)?.kind !== 'scenario'}
        onOffset={setOffset}
        onFilter={showFilter}
        onWhy={showWhy}
      />
    </section>
  );
}
