import { useMemo, useRef, useState } from 'react';
import { Link } from 'wouter';
import type { Page, RunProgressEvent, RunSummary } from '../api/types';
import { useQuery } from '../api/use-query';
import { useSubscription } from '../api/use-subscription';
import { describeTarget } from '../scenarios/run-target';
import { useSession } from '../session/session';
import { ProgressBar, StatusBadge, VerdictBadge } from '../ui/badges';
import { ErrorBox, Loading, Pager } from '../ui/feedback';
import { formatCount, formatDateTime } from '../ui/format';
import { ALL_RUNS_PROGRESS, RUN_LIST } from './run-queries';
import { withProgress } from './run-progress';

const LIMIT = 50;

/** Every run, newest first, with progress bars that move live. */
export function RunListPage() {
  const session = useSession();
  const [offset, setOffset] = useState(0);
  const list = useQuery<{ runs: Page<RunSummary> }>(RUN_LIST, { limit: LIMIT, offset }, { keepPrevious: true });
  const { reload } = list;
  // The newest event of each run, laid over whatever snapshot the list holds (events and reloads may cross).
  const [events, setEvents] = useState<ReadonlyMap<string, RunProgressEvent>>(new Map());
  // Runs an event named that were not on the first page: reloaded for once (a new run), not for every event
  // of an older run still in progress.
  const reloadedFor = useRef(new Set<string>());

  useSubscription<{ runProgress: RunProgressEvent }>(ALL_RUNS_PROGRESS, {}, ({ runProgress: event }) => {
    setEvents((m) => new Map(m).set(event.runId, event));
    if (event.deleted) return;
    const known = list.data?.runs.items.some((r) => r.id === event.runId) ?? false;
    if (!known && offset === 0 && !reloadedFor.current.has(event.runId)) {
      reloadedFor.current.add(event.runId);
      reload();
    }
  });

  const fetched = list.data?.runs;
  const page = useMemo(() => {
    if (!fetched) return fetched;
    // A run deleted meanwhile (in another tab, or by someone else) leaves the page at once; retention, which
    // removes runs finished long ago, announces nothing: the next reload drops them.
    const items = fetched.items.filter((r) => events.get(r.id)?.deleted !== true);
    const gone = fetched.items.length - items.length;
    return { ...fetched, total: fetched.total - gone, items: items.map((r) => (events.has(r.id) ? withProgress(r, events.get(r.id) as RunProgressEvent) : r)) };
  }, [fetched, events]);
  return (
    <section className="page">
      <header className="page-head">
        <h1>Runs</h1>
        {session.may('operate') && (
          <Link href="/scenarios" className="button">
            Launch from a scenario
          </Link>
        )}
      </header>
      {list.error && <ErrorBox error={list.error} title="The runs could not be loaded" />}
      {!page ? (
        !list.error && <Loading what="runs" />
      ) : (
        <div className="card">
          <table className="data-table" data-testid="run-list">
            <thead>
              <tr>
                <th>Scenario</th>
                <th>Target</th>
                <th>Status</th>
                <th className="progress-col">Progress</th>
                <th>Verdict</th>
                <th>Started by</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((run) => (
                <tr key={run.id} data-run-id={run.id}>
                  <td>
                    <Link href={`/runs/${run.id}`} className="mono">
                      {run.scenario}
                    </Link>
                    {run.iterations > 1 && <span className="muted small"> × {run.iterations}</span>}
                  </td>
                  <td>{describeTarget(run.target)}</td>
                  <td>
                    <StatusBadge status={run.status} />
                  </td>
                  <td>
                    <ProgressBar percent={run.progress.percent} label={`progress of run ${run.id}`} />
                    <span className="muted small">
                      {formatCount(run.progress.routersDone)}
                      {run.progress.routerCount !== null ? ` / ${formatCount(run.progress.routerCount)}` : ''} routers
                    </span>
                  </td>
                  <td>
                    <VerdictBadge verdict={run.verdict} />
                  </td>
                  <td className="mono small">{run.createdBy}</td>
                  <td className="nowrap">{formatDateTime(run.createdAt)}</td>
                </tr>
              ))}
              {page.items.length === 0 && (
                <tr>
                  <td colSpan={7} className="muted">
                    No run yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <Pager offset={offset} limit={LIMIT} total={page.total} onOffset={setOffset} />
        </div>
      )}
    </section>
  );
}
